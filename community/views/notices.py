"""The notification centre at /notifications/ and the e-mail choices at
/settings/notifications/."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from community import selectors
from community.forms import EmailPreferencesForm
from community.models import IdeaStatus, Notification, NotificationKind, ThreadKind
from community.services import notices


@dataclass(frozen=True)
class NoticeRow:
    """What the page shows of one entry, in the reader's language."""

    text: str
    url: str  # "" when there is nothing (any more) to open
    is_unread: bool
    is_gone: bool  # about a thread or post the reader may no longer see
    created_at: datetime


def _actor_name(entry: Notification) -> str:
    return entry.actor.public_name if entry.actor is not None else _("A former member")


def _given_text(entry: Notification) -> str:
    """The text another app stored in ``data["text"]``: the reader's language, else
    English, else the kind's label."""
    texts = entry.data.get("text") if isinstance(entry.data, dict) else None
    if isinstance(texts, dict):
        for language in (translation.get_language(), "en"):
            if isinstance(texts.get(language), str) and texts[language]:
                return texts[language]
    return entry.get_kind_display()


def _helpful_text(entry: Notification, title: str) -> str:
    on_answer = entry.post is not None and not entry.post.is_opening
    if entry.count == 1 and entry.actor is not None:
        if on_answer:
            text = _("%(name)s found your answer on “%(title)s” helpful")
        else:
            text = _("%(name)s found your post “%(title)s” helpful")
        return text % {"name": entry.actor.public_name, "title": title}
    if on_answer:
        text = ngettext(
            "%(count)s person found your answer on “%(title)s” helpful",
            "%(count)s people found your answer on “%(title)s” helpful",
            entry.count,
        )
    else:
        text = ngettext(
            "%(count)s person found your post “%(title)s” helpful",
            "%(count)s people found your post “%(title)s” helpful",
            entry.count,
        )
    return text % {"count": entry.count, "title": title}


def _idea_status_text(entry: Notification, title: str) -> str:
    status = entry.data.get("status") if isinstance(entry.data, dict) else None
    if status not in IdeaStatus.values:
        return _("The idea “%(title)s” has a new status") % {"title": title}
    return _("The idea “%(title)s” is now “%(status)s”") % {
        "title": title,
        "status": IdeaStatus(status).label,
    }


def notice_text(entry: Notification, *, title: str) -> str:
    """The entry's sentence. Community's own kinds are told from the rows when the reader
    may still see their thread (`title`); everything else from what its writer stored."""
    if not title:
        return _given_text(entry)
    match entry.kind:
        case NotificationKind.NEW_ANSWER:
            if entry.thread.kind == ThreadKind.QUESTION:
                text = _("%(name)s answered your question “%(title)s”")
            else:
                text = _("%(name)s replied to your thread “%(title)s”")
            return text % {"name": _actor_name(entry), "title": title}
        case NotificationKind.MENTION:
            return _("%(name)s mentioned you in “%(title)s”") % {
                "name": _actor_name(entry),
                "title": title,
            }
        case NotificationKind.ACCEPTED:
            return _("Your answer on “%(title)s” was accepted") % {"title": title}
        case NotificationKind.HELPFUL:
            return _helpful_text(entry, title)
        case NotificationKind.IDEA_STATUS:
            return _idea_status_text(entry, title)
    return _given_text(entry)


def present_notice(entry: Notification) -> NoticeRow:
    about_post = entry.post_id is not None
    about_thread = entry.thread_id is not None
    shows = entry.shows_post if about_post else entry.shows_thread
    if about_post and shows:
        url = entry.post.get_absolute_url()
    elif about_thread and shows:
        url = entry.thread.get_absolute_url()
    else:
        url = "" if about_thread else entry.url
    return NoticeRow(
        text=notice_text(entry, title=entry.thread.title if about_thread and shows else ""),
        url=url,
        is_unread=entry.read_at is None,
        is_gone=about_thread and not shows,
        created_at=entry.created_at,
    )


@login_required
def notification_list(request):
    """GET ?page=…: the member's notifications, newest first. The entries shown are marked
    read as they are shown: this page still marks them unread, the bell no longer counts them."""
    page = selectors.notification_page(member=request.user, page_number=request.GET.get("page"))
    if page.is_past_the_end:
        raise Http404
    rows = [present_notice(entry) for entry in page.object_list]
    unread = [entry for entry in page.object_list if entry.read_at is None]
    if unread:
        notices.mark_read(notifications=unread, by=request.user)
    page.object_list = rows
    return render(request, "community/notifications.html", {"page_obj": page})


@login_required
@require_POST
def mark_all_notifications_read(request):
    marked = notices.mark_all_read(by=request.user)
    if marked:
        messages.success(request, _("All notifications are marked read."))
    return redirect("community:notifications")


@login_required
def email_preferences(request):
    """Which e-mails the member gets, kind by kind; the notification centre records all."""
    form = EmailPreferencesForm(
        request.POST if request.method == "POST" else None,
        member=request.user,
        initial=notices.email_preferences(request.user),
    )
    if request.method == "POST" and form.is_valid():
        notices.set_email_preferences(member=request.user, choices=form.cleaned_data)
        messages.success(request, _("Your e-mail settings have been saved."))
        return redirect("community:email_preferences")
    return render(request, "community/email_preferences.html", {"form": form})
