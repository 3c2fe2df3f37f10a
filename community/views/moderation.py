"""Moderation beyond one post: splitting a thread, closing it as a duplicate, silencing and
suspending members, and the two logs of what moderators did (public per thread, whole for
staff). Each action asks its own permission (community.permissions) and calls one service."""

import zoneinfo
from datetime import datetime, time, timedelta

from django import forms
from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from community import selectors
from community.audit import reason_display
from community.forms import CloseAsDuplicateForm, SanctionForm, SplitThreadForm
from community.models import AuditAction, Member, Post, Thread
from community.permissions import (
    check_close_as_duplicate_permission,
    check_see_audit_log_permission,
    check_silence_member_permission,
    check_split_thread_permission,
    check_suspend_member_permission,
    suspended_until,
)
from community.services import moderation
from community.views.helpers import get_visible_thread_or_404, login_then_back, member_action
from community.views.members import member_moderation_context, profile_context
from community.views.staff import _merge_target
from community.views.thread_page import render_thread_page

LOG_ENTRIES_PER_PAGE = 50


def suspended_response(request, member):
    """The page a suspended member meets instead of signing in: why, and until when in their
    own time zone."""
    until = suspended_until(member)
    try:
        zone = zoneinfo.ZoneInfo(member.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = timezone.get_current_timezone()
    with timezone.override(zone):
        return render(
            request,
            "community/moderation_suspended.html",
            {
                "until": until,
                "permanent": moderation.is_permanent(until),
                "reason": member.suspension_reason,
            },
            status=403,
        )


# --- threads -------------------------------------------------------------------------------


def split(request, pk):
    """A moderator picks answers (checkboxes) and a title; they become a new thread."""
    thread = get_visible_thread_or_404(member=request.user, pk=pk)
    if not request.user.is_authenticated:
        return login_then_back(request, reverse("community:split_thread", args=[thread.pk]))
    check_split_thread_permission(member=request.user, thread=thread)
    answers = selectors.split_candidates(thread=thread)
    if request.method == "POST":
        form = SplitThreadForm(request.POST, answers=answers)
        if form.is_valid():
            chosen = set(form.cleaned_data["answers"])
            try:
                new_thread = moderation.split_thread(
                    thread=thread,
                    answers=[post for post in answers if post.pk in chosen],
                    title=form.cleaned_data["title"],
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The chosen answers are now a thread of their own."))
                return redirect(new_thread)
        status = 400
    else:
        form = SplitThreadForm(answers=answers)
        status = 200
    chosen = {str(value) for value in form["answers"].value() or ()}
    return render(
        request,
        "community/moderation_split.html",
        {"thread": thread, "form": form, "answers": answers, "chosen": chosen},
        status=status,
    )


@member_action(
    get_object=get_visible_thread_or_404,
    check=check_close_as_duplicate_permission,
    object_name="thread",
)
def close_duplicate(request, thread):
    """Close as a duplicate of another thread (``action=close``) or reopen (``action=reopen``)."""
    if request.POST.get("action") == "reopen":
        moderation.reopen_thread(thread=thread, by=request.user)
        messages.success(request, _("The thread is open again."))
        return redirect(thread)
    form = CloseAsDuplicateForm(request.POST)
    if form.is_valid():
        original = _merge_target(request.user, form.cleaned_data["original"])
        if original is None:
            form.add_error("original", _("No thread with that address or number was found."))
        else:
            try:
                moderation.close_as_duplicate(
                    thread=thread,
                    original=original,
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                form.add_error("original", error)
            else:
                messages.success(request, _("Closed as a duplicate; readers are pointed there."))
                return redirect(thread)
    # What the moderator typed stays in the form, with the reason it was refused.
    return render_thread_page(request, thread, duplicate_form=form, status=400)


def _entry_rows(entries) -> list[dict]:
    """What the public log shows of each audit row: no details, no texts, no addresses."""
    return [
        {
            "action": entry.get_action_display(),
            "created_at": entry.created_at,
            "actor": entry.actor.public_name if entry.actor else _("The system"),
            "reason": reason_display(entry.reason),
        }
        for entry in entries
    ]


def thread_moderation_log(request, pk):
    """Publicly: what moderators did to this thread and its posts, and why."""
    thread = get_visible_thread_or_404(member=request.user, pk=pk)
    page = Paginator(selectors.thread_moderation_entries(thread=thread), LOG_ENTRIES_PER_PAGE)
    page_obj = page.get_page(request.GET.get("page"))
    return render(
        request,
        "community/moderation_log.html",
        {"thread": thread, "page_obj": page_obj, "rows": _entry_rows(page_obj.object_list)},
    )


# --- the staff's audit log ---------------------------------------------------------------------


def _target_kinds() -> dict[str, ContentType]:
    return {
        "thread": ContentType.objects.get_for_model(Thread),
        "post": ContentType.objects.get_for_model(Post),
        "member": ContentType.objects.get_for_model(Member),
    }


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=gettext_lazy("Action"),
        required=False,
        choices=[("", gettext_lazy("Any")), *AuditAction.choices],
    )
    actor = forms.CharField(label=gettext_lazy("By (username)"), required=False, max_length=150)
    target = forms.ChoiceField(
        label=gettext_lazy("Kind of target"),
        required=False,
        choices=[
            ("", gettext_lazy("Any")),
            ("thread", gettext_lazy("Thread")),
            ("post", gettext_lazy("Post")),
            ("member", gettext_lazy("Member")),
        ],
    )
    since = forms.DateField(
        label=gettext_lazy("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=gettext_lazy("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            self.add_error("until", _("The end date comes before the start date."))
        return data


def _start_of(day):
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())


def _target_url(entry, usernames: dict[int, str]) -> str:
    kind = entry.target_type.model
    if kind == "thread":
        return reverse("community:thread_short", args=[entry.target_id])
    if kind == "post":
        return reverse("community:post", args=[entry.target_id])
    if kind == "member" and entry.target_id in usernames:
        return reverse("community:profile", args=[usernames[entry.target_id]])
    return ""


def staff_audit(request):
    """The whole audit log for the support team, filtered and paginated."""
    check_see_audit_log_permission(member=request.user)
    form = AuditFilterForm(request.GET or None)
    filters = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = {
            "action": data["action"],
            "actor": data["actor"].strip(),
            "target_type": _target_kinds()[data["target"]] if data["target"] else None,
            "since": _start_of(data["since"]) if data["since"] else None,
            "until": _start_of(data["until"] + timedelta(days=1)) if data["until"] else None,
        }
    page_obj = Paginator(selectors.audit_log(**filters), LOG_ENTRIES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    entries = list(page_obj.object_list)
    member_ids = [entry.target_id for entry in entries if entry.target_type.model == "member"]
    usernames = dict(
        Member.objects.filter(pk__in=member_ids).values_list("pk", "username") if member_ids else []
    )
    rows = [
        {
            "entry": entry,
            "url": _target_url(entry, usernames),
            "reason": reason_display(entry.reason),
        }
        for entry in entries
    ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "community/staff_audit.html",
        {"form": form, "page_obj": page_obj, "rows": rows, "query": query.urlencode()},
    )


# --- members -------------------------------------------------------------------------------


def _render_profile(request, member, status: int, **forms):
    context = profile_context(request, member)
    context.update(member_moderation_context(request.user, member, **forms))
    return render(request, "community/profile.html", context, status=status)


def _target_member(username: str) -> Member:
    return get_object_or_404(Member.objects.active_named([username]))


def _sanction(request, username, *, kind: str):
    member = _target_member(username)
    if not request.user.is_authenticated:
        return login_then_back(request, member.get_absolute_url())
    if kind == "silence":
        check_silence_member_permission(member=request.user, target=member)
        impose, lift = moderation.silence_member, moderation.unsilence_member
        done, lifted = _("The member is silenced."), _("The member may post again.")
    else:
        check_suspend_member_permission(member=request.user, target=member)
        impose, lift = moderation.suspend_member, moderation.unsuspend_member
        done, lifted = _("The member is suspended."), _("The member may sign in again.")
    if request.POST.get("action") == "lift":
        lift(member=member, by=request.user)
        messages.success(request, lifted)
        return redirect(member)
    form = SanctionForm(request.POST, prefix=kind, allow_permanent=kind == "suspend")
    if form.is_valid():
        try:
            impose(
                member=member,
                until=form.cleaned_data["ends"],
                reason=form.cleaned_data["reason"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, done)
            return redirect(member)
    return _render_profile(request, member, status=400, **{f"{kind}_form": form})


@require_POST
def silence(request, username):
    return _sanction(request, username, kind="silence")


@require_POST
def suspend(request, username):
    return _sanction(request, username, kind="suspend")
