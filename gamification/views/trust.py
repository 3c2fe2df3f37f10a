"""Trust levels and the super-user program: the public pages, and staff's nominations."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community.models import Member, TrustLevel
from community.permissions import is_signed_in, privileges_by_level
from gamification.forms import DecisionForm, NominateForm, RevokeForm
from gamification.models import Nomination, NominationStatus, TrustLevelSettings
from gamification.permissions import check_manage_nominations_permission
from gamification.selectors import trust as selectors
from gamification.selectors.badges import badges_of_members
from gamification.services import trust as services

SUPER_USERS_PER_PAGE = 24
NOMINATIONS_PER_PAGE = 20


def trust_levels(request):
    """Every level: what it takes (the thresholds in force) and what it unlocks (the rules
    community.permissions enforces); a signed-in member's own progress."""
    settings = TrustLevelSettings.objects.current()
    now = timezone.now()
    privileges = privileges_by_level()
    levels = [
        {
            "level": level,
            "requirements": selectors.requirements(level, None, settings=settings, now=now),
            "privileges": privileges[level],
        }
        for level in TrustLevel
    ]
    progress = None
    if is_signed_in(request.user):
        progress = selectors.progress_towards_next_level(request.user, settings=settings, now=now)
    context = {
        "levels": levels,
        "settings": settings,
        "progress": progress,
        "current_level": request.user.trust_level if is_signed_in(request.user) else None,
        "regular_visit_days": selectors.regular_visit_days_needed(settings),
    }
    return render(request, "gamification/trust_levels.html", context)


def super_users(request):
    """The program, how one becomes a super user (the nomination criteria), and who is one."""
    settings = TrustLevelSettings.objects.current()
    page_obj = Paginator(selectors.current_super_users(), SUPER_USERS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    held = badges_of_members(member.pk for member in page_obj)
    for member in page_obj:
        member.held_badges = held.get(member.pk, [])
    context = {
        "page_obj": page_obj,
        "criteria": selectors.nomination_requirements(None, settings=settings, now=timezone.now()),
        "privileges": privileges_by_level()[TrustLevel.LEADER],
    }
    return render(request, "gamification/super_users.html", context)


# --- staff: nominations ---------------------------------------------------------------------

TABS = ("pending", "candidates", "super_users")
NOMINATE_IDS = "nominate-%s"


def _nominations_page(request, *, nominate_form=None, status=200):
    settings = TrustLevelSettings.objects.current()
    now = timezone.now()
    tab = request.GET.get("show") if request.GET.get("show") in TABS else "pending"
    if tab == "pending":
        rows = selectors.pending_nominations()
    elif tab == "candidates":
        rows = selectors.nomination_candidates(settings=settings, now=now)
    else:
        rows = selectors.current_super_users()
    page_obj = Paginator(rows, NOMINATIONS_PER_PAGE).get_page(request.GET.get("page"))
    if tab == "pending":
        selectors.nominations_with_numbers(page_obj.object_list, settings=settings, now=now)
    # One form per row, each with ids of its own: a label must name its own row's field.
    for row in page_obj.object_list:
        if tab == "super_users":
            row.revoke_form = RevokeForm(auto_id=f"revoke-{row.pk}-%s")
        else:
            row.decision_form = DecisionForm(auto_id=f"{tab}-{row.pk}-%s")
    context = {
        "tab": tab,
        "page_obj": page_obj,
        "nominate_form": nominate_form or NominateForm(auto_id=NOMINATE_IDS),
        "pending_count": selectors.pending_nominations().count(),
    }
    return render(request, "gamification/nominations.html", context, status=status)


def nominations(request):
    check_manage_nominations_permission(member=request.user)
    return _nominations_page(request)


@require_POST
def nominate(request):
    """Staff propose any member by hand; the nomination waits for a decision."""
    check_manage_nominations_permission(member=request.user)
    form = NominateForm(request.POST, auto_id=NOMINATE_IDS)
    if form.is_valid():
        try:
            services.nominate(
                member=form.cleaned_data["member"], by=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            form.add_error("username", error)
    if not form.is_valid():
        return _nominations_page(request, nominate_form=form, status=400)
    messages.success(request, _("Nominated. The nomination waits for a decision below."))
    return redirect("gamification:nominations")


def _decide(request, nomination: Nomination, form: DecisionForm) -> None:
    note = form.cleaned_data["note"]
    if form.cleaned_data["decision"] == "approve":
        done = services.approve_nomination(nomination=nomination, by=request.user, note=note)
        text = _("%(name)s is now a super user.")
    else:
        done = services.decline_nomination(nomination=nomination, by=request.user, note=note)
        text = _("Nomination of %(name)s declined.")
    if done:
        messages.success(request, text % {"name": nomination.member.public_name})
    else:
        messages.info(request, _("This nomination was decided already."))


@require_POST
def decide_nomination(request, pk):
    check_manage_nominations_permission(member=request.user)
    nomination = get_object_or_404(
        Nomination.objects.select_related("member"), pk=pk, status=NominationStatus.PENDING
    )
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to approve or decline."))
        return redirect("gamification:nominations")
    _decide(request, nomination, form)
    return redirect("gamification:nominations")


@require_POST
def decide_candidate(request, member_id):
    """Approve or decline a member the criteria suggest: a nomination by the criteria
    (nobody proposed it), decided at once."""
    check_manage_nominations_permission(member=request.user)
    member = get_object_or_404(Member.objects.filter(is_active=True), pk=member_id)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to approve or decline."))
        return _back_to_tab("candidates")
    try:
        nomination = services.nominate(member=member, by=None)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        _decide(request, nomination, form)
    return _back_to_tab("candidates")


@require_POST
def revoke(request, member_id):
    """Take a super user's level back, with a reason; they return to what they earn."""
    check_manage_nominations_permission(member=request.user)
    member = get_object_or_404(selectors.current_super_users(), pk=member_id)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the super-user level is taken back."))
        return _back_to_tab("super_users")
    level = services.revoke_super_user(
        member=member, by=request.user, reason=form.cleaned_data["reason"]
    )
    messages.success(
        request,
        _("%(name)s is no longer a super user (now: %(level)s).")
        % {"name": member.public_name, "level": level.label},
    )
    return _back_to_tab("super_users")


def _back_to_tab(tab: str):
    response = redirect("gamification:nominations")
    response["Location"] += f"?show={tab}"
    return response
