"""Escalating a thread from its page (the asker's request for the support team, and super
users' and staff's escalation with a note) and the review queue's "Unanswered" tab."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from community.escalation.routing import unanswered_questions, unanswered_routed_threads
from community.escalation.services import escalate_by_hand, request_support
from community.permissions import (
    check_escalate_thread_permission,
    check_request_support_permission,
    check_see_unanswered_permission,
)
from community.views.helpers import get_visible_thread_or_404, login_then_back, member_action
from community.views.thread_page import EscalateThreadForm, render_thread_page

UNANSWERED_PAGE_SIZE = 20


@member_action(
    get_object=get_visible_thread_or_404,
    check=check_request_support_permission,
    object_name="thread",
)
def request_support_view(request, thread):
    """The asker's "I still need help from the support team" (POST), back to the thread."""
    request_support(thread=thread, by=request.user)
    messages.success(
        request,
        _("Our support team takes over your question: this page shows that they are on it."),
    )
    return redirect(thread)


@member_action(
    get_object=get_visible_thread_or_404,
    check=check_escalate_thread_permission,
    object_name="thread",
)
def escalate_thread_view(request, thread):
    """A super user's or staff member's escalation with a required note. A refused note
    shows the thread page again with the reason and what was typed."""
    form = EscalateThreadForm(request.POST)
    if form.is_valid():
        try:
            escalation = escalate_by_hand(
                thread=thread, by=request.user, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            form.add_error("note", error)
        else:
            if escalation is None:
                messages.info(request, _("This question was escalated by hand already."))
            else:
                messages.success(request, _("Escalated: the support team has it on their list."))
            return redirect(thread)
    return render_thread_page(request, thread, escalation_form=form, status=400)


def unanswered(request):
    """The review queue's "Unanswered" tab: questions put in front of super users that
    nobody has answered yet, the oldest first, with the time left to their target."""
    if not request.user.is_authenticated:
        return login_then_back(request, request.get_full_path())
    check_see_unanswered_permission(member=request.user)
    page = Paginator(unanswered_routed_threads(), UNANSWERED_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    now = timezone.now()
    rows = []
    for question in unanswered_questions(page.object_list):
        left = question.minutes_left(now)
        rows.append(
            {
                "question": question,
                "thread": question.thread,
                "overdue": left is not None and left < 0,
                "minutes": abs(left) if left is not None else None,
            }
        )
    return render(
        request,
        "community/review_unanswered.html",
        {"page_obj": page, "rows": rows, "review_tab": "unanswered"},
    )
