"""Private messages to the support team: the member's list, one conversation, the support
team's list. Nobody else may know a case exists (404)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from community.forms import CaseReplyForm
from community.models import Escalation, SupportCase
from community.permissions import (
    can,
    check_close_case_permission,
    check_open_case_permission,
    check_reply_case_permission,
    check_see_case_permission,
)
from community.services.cases import close_case, open_private_case, reply_to_case
from community.views.helpers import member_action


def confirms_contact_details(request) -> bool:
    """Whether the member ticked "these are a company's public contact details"."""
    return request.POST.get("contact_confirmed") == "1"


def send_privately(request, *, title: str, body: str, space=None, thread=None) -> SupportCase:
    """The ask or answer form's "send it privately" button: the text as typed becomes a
    private message to the support team. Raises ValidationError (no title or text)."""
    check_open_case_permission(member=request.user)
    case = open_private_case(by=request.user, title=title, body=body, space=space, thread=thread)
    messages.success(
        request,
        _(
            "Your message went to the support team, not to the community: only you and the "
            "support team can read it. You find the reply here and in your notifications."
        ),
    )
    return case


def get_visible_case_or_404(*, member, pk: int) -> SupportCase:
    case = SupportCase.objects.for_list().filter(pk=pk).first()
    if case is None:
        raise Http404
    check_see_case_permission(member=member, case=case)  # 404 for anyone else
    return case


def old_address(request, pk=None):
    """/support/cases/ and /support/cases/<pk>/ moved to /cases/ (permanently)."""
    if pk is None:
        return HttpResponsePermanentRedirect(reverse("community:cases"))
    return HttpResponsePermanentRedirect(reverse("community:case", kwargs={"pk": pk}))


@login_required
def my_cases(request):
    """/cases/: the member's own private messages, newest first."""
    cases = SupportCase.objects.filter(author=request.user).for_list()
    return render(request, "community/cases.html", {"cases": cases, "staff_view": False})


def staff_cases(request):
    """/staff/cases/: every private message, the open ones first (staff only, else 404)."""
    if not can(request.user, "community.see_staff_cases"):
        raise Http404  # members do not learn that the list exists
    cases = SupportCase.objects.for_list().open_first()
    return render(request, "community/cases.html", {"cases": cases, "staff_view": True})


def _render_case(request, case, form, *, status=200):
    context = {
        "case": case,
        "escalation": Escalation.objects.filter(case=case).select_related("thread").first(),
        "case_messages": case.messages.select_related("author"),
        "form": form,
        "may_close": can(request.user, "community.close_case", case) and case.status != "closed",
    }
    return render(request, "community/cases_detail.html", context, status=status)


def case_detail(request, pk):
    """/cases/<pk>/: the conversation and a reply form (author and staff only).

    Everyone else gets a 404, visitors included; a visitor's 404 page offers to sign in
    (the customer who follows the e-mail's link signed out), the same for every number,
    so it tells nobody whether a case exists."""
    if not request.user.is_authenticated:
        login_url = redirect_to_login(request.get_full_path()).url
        return render(request, "community/cases_sign_in.html", {"login_url": login_url}, status=404)
    case = get_visible_case_or_404(member=request.user, pk=pk)
    if request.method != "POST":
        return _render_case(request, case, CaseReplyForm())
    check_reply_case_permission(member=request.user, case=case)
    form = CaseReplyForm(request.POST)
    if form.is_valid():
        try:
            reply_to_case(case=case, by=request.user, body=form.cleaned_data["body"])
        except ValidationError as error:
            form.add_error("body", error)
        else:
            messages.success(request, _("Your reply is sent."))
            return redirect(case)
    return _render_case(request, case, form, status=400)


@member_action(
    get_object=get_visible_case_or_404, check=check_close_case_permission, object_name="case"
)
def close(request, case):
    close_case(case=case, by=request.user)
    messages.success(request, _("The conversation is closed. Reply to it to open it again."))
    return redirect(case)
