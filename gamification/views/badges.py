"""The badges: all of them with how many hold each, and who earned one."""

from django.http import Http404
from django.shortcuts import render

from community.selectors import paginate
from gamification.badges import get_badge
from gamification.selectors import badges as selectors

HOLDERS_PER_PAGE = 50


def badge_list(request):
    families = selectors.badge_overview(viewer=request.user)
    held = sum(summary.held for family in families for summary in family.badges)
    total = sum(len(family.badges) for family in families)
    return render(
        request,
        "gamification/badges.html",
        {"families": families, "held_count": held, "badge_count": total},
    )


def badge_detail(request, slug):
    badge = get_badge(slug)
    if badge is None:
        raise Http404("No such badge.")
    page = paginate(selectors.badge_holders(badge), request.GET.get("page"), HOLDERS_PER_PAGE)
    if page.is_past_the_end:
        raise Http404("No such page.")
    for award in page.object_list:
        award.source_link = selectors.source_link(award)
    return render(
        request,
        "gamification/badge.html",
        {"badge": badge, "page_obj": page, "holders": selectors.holder_count(badge)},
    )


def profile_section(*, member, viewer) -> dict:
    """The badges on a member's profile (community.extensions): one query."""
    return {"template": "gamification/profile_badges.html", "held": selectors.member_badges(member)}
