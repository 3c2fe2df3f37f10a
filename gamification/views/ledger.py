"""A member's reputation history: the ledger behind the number on their profile."""

from django.shortcuts import get_object_or_404, render
from django.views import View

from community.models import Member
from gamification.selectors import ledger as selectors


class ReputationHistoryView(View):
    def get(self, request, username):
        member = get_object_or_404(Member.objects.active_named([username]))
        page = selectors.reputation_history(
            member=member, viewer=request.user, page_number=request.GET.get("page")
        )
        return render(request, "gamification/reputation.html", {"member": member, "page_obj": page})


def reputation_profile_section(*, member, viewer) -> dict:
    """The profile's link to the history (no query)."""
    return {"template": "gamification/profile_reputation.html", "member": member}
