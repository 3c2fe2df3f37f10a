"""The weekly e-mail report: every Monday morning, in each manager's own time zone, the
last full week's headline figures against the week before, and the five open questions
that most need someone's attention.

Who gets it: every active member with an e-mail address who may open the dashboard (staff,
superusers, holders of ``insights.view_insights`` directly or through a group).

When: the hourly beat task (``insights.send_weekly_reports``) looks for managers whose
local time is Monday between 07:00 and 11:59. Five runs fall into that window, so a run
missed by a worker restart is made good an hour later; a ``WeeklyReportDelivery`` row,
written in the same transaction that puts the e-mail into the outbox, makes sure only one
of them (and only one of two racing workers) sends it.

What week: the manager's Monday minus seven days up to the Sunday before, read as days of
the support team's calendar (every figure on the dashboard is): the same week for everyone.
"""

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import Permission
from django.db import transaction
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from community.emails import RenderedEmail, queue_email, render_email
from community.models import (
    EmailKind,
    Escalation,
    EscalationStatus,
    Member,
    NotificationPreference,
    Thread,
    ThreadKind,
    ThreadStatus,
)
from community.services.notifications import unsubscribe_headers, unsubscribe_url
from community.site import absolute_url
from community.timetext import duration_text, time_ago
from insights.figures import Figure, build_sections
from insights.models import WeeklyReportDelivery
from insights.scope import Scope

logger = logging.getLogger(__name__)

# Monday (datetime.weekday()), from 07:00 up to 11:59 in the manager's time zone.
REPORT_WEEKDAY = 0
FIRST_HOUR, LAST_HOUR = 7, 11
ATTENTION_LIMIT = 5
TEMPLATE = "emails/insights_weekly_report"


# --- who and when -----------------------------------------------------------------------------


def managers() -> QuerySet:
    """Active members with an e-mail address who may open the dashboard: staff,
    superusers, and holders of ``insights.view_insights`` (themselves or by a group), but
    not those who switched the report off (e-mail settings, or the e-mail's own link)."""
    permission = Permission.objects.filter(
        content_type__app_label="insights", codename="view_insights"
    )
    may_view = (
        Q(is_staff=True)
        | Q(is_superuser=True)
        | Q(user_permissions__in=permission)
        | Q(groups__permissions__in=permission)
    )
    declining = NotificationPreference.objects.declining(EmailKind.WEEKLY_REPORT)
    return (
        Member.objects.filter(may_view, is_active=True)
        .exclude(email="")
        .exclude(pk__in=declining.values("member_id"))
        .distinct()
        .order_by("pk")
    )


def local_now(member: Member, now: datetime) -> datetime:
    """`now` on the manager's clock (the site's zone if theirs is unknown)."""
    try:
        zone = ZoneInfo(member.time_zone)
    except (KeyError, ValueError):
        zone = ZoneInfo(settings.TIME_ZONE)
    return now.astimezone(zone)


def is_report_time(member: Member, now: datetime) -> bool:
    """Monday morning, 07:00 to 11:59, where the manager lives."""
    local = local_now(member, now)
    return local.weekday() == REPORT_WEEKDAY and FIRST_HOUR <= local.hour <= LAST_HOUR


def reported_week(monday: date) -> tuple[date, date]:
    """The full week (Monday to Sunday) before the Monday `monday`."""
    first = monday - timedelta(days=7)
    return first, first + timedelta(days=6)


# --- what it says -----------------------------------------------------------------------------


ARROWS = {"up": "↑", "down": "↓", "same": "→", "": ""}


@dataclass(frozen=True)
class ReportFigure:
    """A headline figure as the e-mail words it, in the reader's language."""

    label: str
    value: str
    previous: str
    arrow: str
    # "better", "worse" or "neutral": colours the arrow in the HTML part.
    verdict: str
    change: str
    definition: str


def format_value(value: float | None, unit: str) -> str:
    """A figure's value as the dashboard writes it, in the active language."""
    if value is None:
        return "–"
    if unit == "percent":
        return f"{formats.number_format(round(value * 100), 0, use_l10n=True)} %"
    if unit == "seconds":
        if value < 60:
            return _("under a minute")
        return duration_text(timedelta(seconds=value))
    if unit == "count":
        return formats.number_format(round(value), 0, use_l10n=True, force_grouping=True)
    return formats.number_format(value, 1, use_l10n=True)


def change_wording(figure: Figure) -> str:
    """How the week compares with the one before, in words."""
    if figure.direction == "":
        return _("no figure to compare with")
    if figure.direction == "same":
        return _("the same as the week before")
    if figure.verdict == "better":
        return _("better than the week before")
    if figure.verdict == "worse":
        return _("worse than the week before")
    return (
        _("more than the week before")
        if figure.direction == "up"
        else _("less than the week before")
    )


def headline_figures(first: date, last: date) -> list[ReportFigure]:
    """Every headline figure of the dashboard's sections for the week, worded (in the
    active language: the sections' labels are translated when they are built)."""
    figures = []
    for section in build_sections(Scope(first=first, last=last)):
        for figure in section.figures:
            if not figure.headline:
                continue
            figures.append(
                ReportFigure(
                    label=str(figure.label),
                    value=format_value(figure.value, figure.unit),
                    previous=format_value(figure.previous, figure.unit),
                    arrow=ARROWS[figure.direction],
                    verdict=figure.verdict,
                    change=change_wording(figure),
                    definition=str(figure.definition),
                )
            )
    return figures


def threads_needing_attention(now: datetime, *, limit: int = ATTENTION_LIMIT) -> list[Thread]:
    """The open public questions that most need attention, in one query, ranked by:

    1. an open escalation past its due time first (the first staff response while staff
       have not responded, the solution after that);
    2. then priority, P1 first (the open escalation's, else the thread's own triage);
    3. then the most "me too"s (how many members have the same problem);
    4. then questions nobody but the asker has answered yet;
    5. then the oldest first.
    """
    open_escalations = Escalation.objects.filter(thread=OuterRef("pk")).exclude(
        status=EscalationStatus.RESOLVED
    )
    overdue = open_escalations.filter(
        Q(first_staff_response_at__isnull=True, first_response_due_at__lt=now)
        | Q(first_staff_response_at__isnull=False, solution_due_at__lt=now)
    )
    escalation_priority = open_escalations.order_by("priority").values("priority")[:1]
    return list(
        Thread.objects.public()
        .filter(kind=ThreadKind.QUESTION, status=ThreadStatus.OPEN, created_at__lte=now)
        .annotate(
            is_overdue=Exists(overdue),
            urgency=Coalesce(Subquery(escalation_priority), F("priority")),
            is_unanswered=ExpressionWrapper(
                Q(first_response_at__isnull=True), output_field=BooleanField()
            ),
        )
        .select_related("space")
        .order_by("-is_overdue", "urgency", "-me_too_count", "-is_unanswered", "created_at", "pk")[
            :limit
        ]
    )


@dataclass(frozen=True)
class AttentionRow:
    title: str
    url: str
    space: str
    priority: str
    me_too_count: int
    is_overdue: bool
    is_unanswered: bool
    age: str


def attention_rows(threads: list[Thread], now: datetime) -> list[AttentionRow]:
    """The threads as the e-mail lists them, with absolute links, in the active language."""
    return [
        AttentionRow(
            title=thread.title,
            url=absolute_url(thread.get_absolute_url()),
            space=str(thread.space.name),
            priority=f"P{thread.urgency}",
            me_too_count=thread.me_too_count,
            is_overdue=thread.is_overdue,
            is_unanswered=thread.is_unanswered,
            age=time_ago(thread.created_at, now),
        )
        for thread in threads
    ]


@dataclass(frozen=True)
class ReportContent:
    """What one week's report says in one language: the same for every manager reading it."""

    first: date
    last: date
    figures: list[ReportFigure]
    threads: list[AttentionRow]


def report_content(
    *, first: date, last: date, threads: list[Thread], language: str, now: datetime
) -> ReportContent:
    """The week's figures and the listed threads, worded in `language`."""
    with translation.override(language):
        return ReportContent(
            first=first,
            last=last,
            figures=headline_figures(first, last),
            threads=attention_rows(threads, now),
        )


def render_report(*, member: Member, content: ReportContent) -> RenderedEmail:
    """The report for `member`, in their language and time zone."""
    context = {
        "member": member,
        "first": content.first,
        "last": content.last,
        "figures": content.figures,
        "threads": content.threads,
        "url": dashboard_url(),
        "unsubscribe_url": unsubscribe_url(member=member, kind=EmailKind.WEEKLY_REPORT),
    }
    return render_email(
        subject_template=f"{TEMPLATE}_subject.txt",
        text_template=f"{TEMPLATE}_body.txt",
        html_template=f"{TEMPLATE}_body.html",
        context=context,
        language=member.locale,
        time_zone=member.time_zone,
    )


def dashboard_url() -> str:
    return absolute_url(reverse("insights:dashboard"))


# --- sending ----------------------------------------------------------------------------------


def send_report(*, member: Member, first: date, email: RenderedEmail, now: datetime) -> bool:
    """Put `email` into the outbox for `member` unless their report for the week starting
    `first` went out already; the delivery row and the message commit together."""
    with transaction.atomic():
        _, created = WeeklyReportDelivery.objects.get_or_create(
            member=member, week_start=first, defaults={"sent_at": now}
        )
        if not created:
            return False
        queue_email(
            email,
            to=member.email,
            headers=unsubscribe_headers(
                unsubscribe_url(member=member, kind=EmailKind.WEEKLY_REPORT)
            ),
        )
    return True


def send_weekly_reports(now: datetime | None = None) -> int:
    """Send the report to every manager for whom it is Monday morning and who has not had
    this week's yet. Returns how many were queued."""
    now = now or timezone.now()
    due = [member for member in managers() if is_report_time(member, now)]
    if not due:
        return 0
    weeks = {member.pk: reported_week(local_now(member, now).date()) for member in due}
    delivered = set(
        WeeklyReportDelivery.objects.filter(
            member__in=due, week_start__in={first for first, _ in weeks.values()}
        ).values_list("member_id", "week_start")
    )
    threads = threads_needing_attention(now)
    # Built once per week and language: the sections read a few hundred roll-up rows.
    contents: dict[tuple[date, str], ReportContent] = {}
    sent = 0
    for member in due:
        first, last = weeks[member.pk]
        if (member.pk, first) in delivered:
            continue
        key = (first, member.locale)
        if key not in contents:
            contents[key] = report_content(
                first=first, last=last, threads=threads, language=member.locale, now=now
            )
        email = render_report(member=member, content=contents[key])
        sent += send_report(member=member, first=first, email=email, now=now)
    if sent:
        logger.info("Weekly insights report queued for %d manager(s).", sent)
    return sent
