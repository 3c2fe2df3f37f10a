"""Known issues: the public /status/ page and the support team's actions on status posts
(community.escalation.known_issues). A refused form comes back on a small page of its own
with what was typed and why; every action answers with a redirect otherwise."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community import selectors
from community.escalation import known_issues
from community.escalation.known_issue_forms import (
    KnownIssueUpdateForm,
    LinkThreadForm,
    LinkToKnownIssueForm,
    StartKnownIssueForm,
)
from community.models import KnownIssue
from community.permissions import check_manage_known_issues_permission, check_see_thread_permission
from community.views.helpers import get_visible_thread_or_404

FORM_TEMPLATE = "community/status_form.html"


def status(request):
    """Everyone: the open known issues with their updates, then the recently fixed ones."""
    page = known_issues.status_page()
    return render(
        request,
        "community/status.html",
        {
            "open_issues": page.open,
            "fixed_issues": page.recently_fixed,
            "fixed_days": known_issues.RECENTLY_FIXED_DAYS,
        },
    )


def _form_page(request, *, title: str, form, action: str, known_issue=None, status: int = 200):
    return render(
        request,
        FORM_TEMPLATE,
        {"page_title": title, "form": form, "action": action, "known_issue": known_issue},
        status=status,
    )


@login_required
def start(request):
    """Staff: /status/new/, a small form that opens a new status post."""
    check_manage_known_issues_permission(member=request.user)
    if request.method == "POST":
        form = StartKnownIssueForm(request.POST)
        if form.is_valid():
            try:
                known_issue = known_issues.start_known_issue(by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The known issue is open and shown in the banner."))
                return redirect(known_issue.thread)
        status_code = 400
    else:
        form = StartKnownIssueForm(initial={"language": request.LANGUAGE_CODE})
        status_code = 200
    return _form_page(
        request,
        title=_("Start a known issue"),
        form=form,
        action=request.path,
        status=status_code,
    )


def _known_issue_or_404(member, pk: int) -> KnownIssue:
    known_issue = KnownIssue.objects.select_related("thread").filter(pk=pk).first()
    if known_issue is None:
        raise Http404
    check_see_thread_permission(member=member, thread=known_issue.thread)
    return known_issue


@login_required
@require_POST
def post_update(request, pk: int):
    """Staff: a status update on the known issue `pk`, from its status post."""
    check_manage_known_issues_permission(member=request.user)
    known_issue = _known_issue_or_404(request.user, pk)
    form = KnownIssueUpdateForm(
        request.POST, known_issue=known_issue, statuses=known_issues.next_statuses(known_issue)
    )
    if form.is_valid():
        try:
            known_issues.post_update(known_issue=known_issue, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The update is posted; everyone affected is told."))
            return redirect(known_issue.thread)
    return _form_page(
        request,
        title=_("Post an update"),
        form=form,
        action=request.path,
        known_issue=known_issue,
        status=400,
    )


@login_required
@require_POST
def link(request, pk: int):
    """Staff: link a thread (its address or number) to the known issue `pk`."""
    check_manage_known_issues_permission(member=request.user)
    known_issue = _known_issue_or_404(request.user, pk)
    form = LinkThreadForm(request.POST)
    if form.is_valid():
        thread = selectors.get_thread_or_none(form.cleaned_data["thread"])
        if thread is None:
            form.add_error("thread", _("No thread with that address or number was found."))
        else:
            try:
                known_issues.link_thread(thread=thread, known_issue=known_issue, by=request.user)
            except ValidationError as error:
                form.add_error("thread", error)
            else:
                messages.success(
                    request,
                    _("“%(title)s” is linked to this known issue.") % {"title": thread.title},
                )
                return redirect(known_issue.thread)
    return _form_page(
        request,
        title=_("Link a thread"),
        form=form,
        action=request.path,
        known_issue=known_issue,
        status=400,
    )


@login_required
@require_POST
def link_from_thread(request, pk: int):
    """Staff, on an ordinary thread: link it to the chosen open known issue, or unlink it."""
    check_manage_known_issues_permission(member=request.user)
    thread = get_visible_thread_or_404(member=request.user, pk=pk)
    choices = known_issues.open_known_issues()
    if thread.linked_known_issue_id and not thread.linked_known_issue.is_open:
        choices.append(thread.linked_known_issue)  # still offered, so saving keeps it
    form = LinkToKnownIssueForm(request.POST, known_issues=choices)
    if not form.is_valid():
        messages.error(request, _("Choose one of the open known issues."))
        return redirect(thread)
    chosen = form.cleaned_data["known_issue"]
    if chosen is None:
        known_issues.unlink_thread(thread=thread, by=request.user)
        messages.success(request, _("The thread is no longer linked to a known issue."))
        return redirect(_back(request, default=thread.get_absolute_url()))
    known_issue = KnownIssue.objects.get(pk=chosen)
    try:
        known_issues.link_thread(thread=thread, known_issue=known_issue, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The thread is linked to the known issue."))
    return redirect(thread)


def _back(request, *, default: str) -> str:
    """The page the form came from (the status post's list of linked threads), if ours."""
    wanted = request.POST.get("next", "")
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return default


@login_required
@require_POST
def turn_into(request, pk: int):
    """Staff: make the thread `pk` a known issue (see turn_into_known_issue)."""
    check_manage_known_issues_permission(member=request.user)
    thread = get_visible_thread_or_404(member=request.user, pk=pk)
    try:
        known_issue = known_issues.turn_into_known_issue(thread=thread, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(thread)
    messages.success(request, _("This is now a known issue’s status post."))
    return redirect(known_issue.thread)
