"""`manage.py preview_emails [--lang de] [--out DIR]`: every e-mail, with demo data, to review.

Each e-mail the community sends (notifications and django-allauth's account e-mails) is
rendered through the same code that sends it, for a demo member in each language, and
written as <name>.subject.txt, <name>.txt and <name>.html under DIR/<language>/, with an
index.html per language to click through. Nothing is written to the database and nothing
is sent.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from community.adapters import AccountAdapter
from community.emails import RenderedEmail
from community.escalation.acknowledgement import acknowledgement_for
from community.models import (
    IdeaStatus,
    IdeaStatusChange,
    Member,
    Post,
    Space,
    SupportCase,
    Tag,
    Thread,
    ThreadKind,
)
from community.services.notifications import render_notification, unsubscribe_token
from community.site import absolute_url

# Sent only when django-allauth's ACCOUNT_EMAIL_NOTIFICATIONS setting is on.
IF_NOTIFICATIONS_ON = "sent when ACCOUNT_EMAIL_NOTIFICATIONS is on"

DEMO_TEXT = {
    "en": {
        "question": "My parcel has been on its way for a week",
        "idea": "Let me choose a delivery day",
        "answer": (
            "Parcels that show “in transit” for more than five working days are usually "
            "stuck at the depot. Open the tracking page, choose “Report a problem” and the "
            "carrier looks for it within a day."
        ),
        "comment": "We are building this into the next version of the app.",
    },
    "de": {
        "question": "Mein Paket ist seit einer Woche unterwegs",
        "idea": "Liefertag selbst wählen",
        "answer": (
            "Pakete, die länger als fünf Werktage „in Zustellung“ sind, hängen meist im "
            "Depot fest. Öffne die Sendungsverfolgung, wähle „Problem melden“, dann sucht "
            "der Paketdienst innerhalb eines Tages danach."
        ),
        "comment": "Das bauen wir in die nächste Version der App ein.",
    },
}


@dataclass(frozen=True)
class Preview:
    name: str
    template: str  # the templates' common prefix, e.g. "community/email/new_answer"
    email: RenderedEmail
    note: str = ""


def _demo(language: str) -> dict:
    """Unsaved rows: enough for the templates, nothing stored."""
    text = DEMO_TEXT.get(language, DEMO_TEXT["en"])
    recipient = Member(
        pk=900_001,
        username="robin",
        display_name="Robin Example",
        email="robin@example.com",
        locale=language,
        time_zone="Europe/Berlin",
    )
    helper = Member(pk=900_002, username="sam", display_name="Sam Helper", locale=language)
    space = Space(
        pk=900_001,
        slug="orders-delivery",
        name_en="Orders & delivery",
        name_de="Bestellungen & Lieferung",
    )
    question = Thread(
        pk=900_001, title=text["question"], slug="parcel", space=space, author=recipient
    )
    idea = Thread(
        pk=900_002, title=text["idea"], slug="delivery-day", space=space, author=helper,
        kind=ThreadKind.IDEA,
    )  # fmt: skip
    answer = Post(pk=900_001, thread=question, author=helper, body=text["answer"])
    change = IdeaStatusChange(
        pk=900_001, thread=idea, status=IdeaStatus.PLANNED, comment=text["comment"], changed_by=helper
    )  # fmt: skip
    tag = Tag(pk=900_001, name="parcel", slug="parcel")
    return {"recipient": recipient, "helper": helper, "space": space, "question": question,
            "idea": idea, "answer": answer, "change": change, "tag": tag, "text": text}  # fmt: skip


def _unsubscribe_url(member: Member, kind: str, target_id: int) -> str:
    token = unsubscribe_token(member=member, kind=kind, target_id=target_id)
    return absolute_url(reverse("community:unsubscribe", kwargs={"token": token}))


def notification_previews(language: str) -> list[Preview]:
    demo = _demo(language)
    recipient, helper, question, answer = (
        demo["recipient"], demo["helper"], demo["question"], demo["answer"]
    )  # fmt: skip
    answer_context = {"post": answer, "thread": question, "excerpt": demo["text"]["answer"],
                      "url": absolute_url(answer.get_absolute_url())}  # fmt: skip
    follows_question = _unsubscribe_url(recipient, "thread", question.pk)
    case = SupportCase(pk=900_001, author=recipient, title=question.title)
    case_context = {"case": case, "url": absolute_url(case.get_absolute_url())}

    def render(name, template, member, context, unsubscribe_url):
        template = f"community/email/{template}"
        email = render_notification(
            member=member, template=template, context=context, unsubscribe_url=unsubscribe_url
        )
        return Preview(name, template, email)

    return [
        render("new_answer", "new_answer", recipient, answer_context, follows_question),
        render("solution", "solution", recipient, answer_context, follows_question),
        render(
            "solution_to_its_author",
            "solution",
            helper,
            answer_context,
            _unsubscribe_url(helper, "thread", question.pk),
        ),
        render(
            "new_thread",
            "new_thread",
            helper,
            {
                "thread": question,
                "excerpt": demo["text"]["answer"],
                "url": absolute_url(question.get_absolute_url()),
            },
            _unsubscribe_url(helper, "space", demo["space"].pk),
        ),
        render(
            "new_tagged_thread",
            "new_tagged_thread",
            helper,
            {
                "thread": question,
                "tag": demo["tag"],
                "excerpt": demo["text"]["answer"],
                "url": absolute_url(question.get_absolute_url()),
            },
            _unsubscribe_url(helper, "tag", demo["tag"].pk),
        ),
        render("mention", "mention", recipient, answer_context, None),
        render(
            "idea_status",
            "idea_status",
            recipient,
            {
                "change": demo["change"],
                "thread": demo["idea"],
                "url": absolute_url(demo["idea"].get_absolute_url()),
            },
            _unsubscribe_url(recipient, "thread", demo["idea"].pk),
        ),
        # Private messages to the support team: the e-mails link to them, never quote them.
        render("case_opened", "case_opened", helper, case_context, None),
        render("case_replied", "case_replied", recipient, case_context, None),
        # The acknowledgement of a new question, asked on a Saturday: the team is closed.
        render(
            "question_received",
            "question_received",
            recipient,
            {
                "thread": question,
                "ack": acknowledgement_for(question, now=datetime(2026, 3, 7, 10, 0, tzinfo=UTC)),
                "url": absolute_url(question.get_absolute_url()),
            },
            None,
        ),
        render("case_started", "case_started", recipient, case_context, None),
        # The support desk's satisfaction survey: one link per score.
        render("survey", "survey", recipient, _survey_context(question), None),
        *_known_issue_previews(language, demo, render),
    ]


# A known issue's news (community.escalation.known_issues.notify_known_issue_update).
KNOWN_ISSUE_TEXT = {
    "en": ("Known issue: tracking not updating for some orders",
           "The carrier has fixed its interface; tracking updates again for every order."),
    "de": ("Bekannte Störung: Sendungsverfolgung wird nicht aktualisiert",
           "Der Paketdienst hat seine Schnittstelle repariert; die Sendungsverfolgung läuft "
           "wieder für alle Bestellungen."),
}  # fmt: skip


def _known_issue_previews(language: str, demo: dict, render) -> list[Preview]:
    from community.models import KnownIssue, KnownIssueStatus, KnownIssueUpdate

    title, text = KNOWN_ISSUE_TEXT.get(language, KNOWN_ISSUE_TEXT["en"])
    recipient, helper = demo["recipient"], demo["helper"]
    status_post = Thread(
        pk=900_003, title=title, slug="tracking", space=demo["space"], author=helper,
        kind=ThreadKind.KNOWN_ISSUE,
    )  # fmt: skip
    known_issue = KnownIssue(pk=900_001, thread=status_post, status=KnownIssueStatus.FIXED)
    post = Post(pk=900_002, thread=status_post, author=helper, body=text)
    update = KnownIssueUpdate(
        pk=900_001, known_issue=known_issue, status=KnownIssueStatus.FIXED, post=post,
        author=helper,
    )  # fmt: skip
    context = {
        "known_issue": known_issue,
        "thread": status_post,
        "update": update,
        "url": absolute_url(post.get_absolute_url()),
        "status_url": absolute_url(reverse("community:status")),
    }
    return [
        render(
            "known_issue_update",
            "known_issue_update",
            recipient,
            context,
            _unsubscribe_url(recipient, "thread", status_post.pk),
        )
    ]


def _survey_context(question) -> dict:
    from community.escalation.surveys import SCORES, survey_path
    from community.models import SatisfactionSurvey

    survey = SatisfactionSurvey(pk=900_001)
    return {
        "thread": question,
        "thread_url": absolute_url(question.get_absolute_url()),
        "url": absolute_url(survey_path(survey)),
        "score_links": [
            (score, absolute_url(survey_path(survey, score=score))) for score in SCORES
        ],
    }


def account_previews(language: str) -> list[Preview]:
    """django-allauth's e-mails, rendered by our adapter as they are when sent."""
    demo = _demo(language)
    member = demo["recipient"]
    adapter = AccountAdapter()
    change = {
        "user": member,
        "timestamp": timezone.now() - timedelta(minutes=3),
        "ip": "203.0.113.7",
        "user_agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Firefox/128.0",
    }
    activate_url = absolute_url(reverse("account_confirm_email", args=["demo-key"]))
    reset_url = absolute_url(
        reverse("account_reset_password_from_key", kwargs={"uidb36": "4", "key": "demo-key"})
    )
    cases = [
        ("account/email/email_confirmation_signup", {"user": member, "activate_url": activate_url}, ""),
        ("account/email/email_confirmation", {"user": member, "activate_url": activate_url}, ""),
        ("account/email/password_reset_key", {"user": member, "password_reset_url": reset_url}, ""),
        ("account/email/unknown_account",
         {"signup_url": absolute_url(reverse("account_signup"))}, ""),
        ("account/email/account_already_exists",
         {"user": member, "password_reset_url": absolute_url(reverse("account_reset_password"))}, ""),
        ("account/email/login_code", {"user": member, "code": "Q7XK2M"}, ""),
        ("account/email/email_changed",
         {**change, "from_email": "robin@example.com", "to_email": "robin@example.org"},
         IF_NOTIFICATIONS_ON),
        ("account/email/email_deleted", {**change, "deleted_email": "old@example.com"},
         IF_NOTIFICATIONS_ON),
        ("account/email/password_changed", change, IF_NOTIFICATIONS_ON),
        ("account/email/password_reset", change, IF_NOTIFICATIONS_ON),
        ("account/email/password_set", change, IF_NOTIFICATIONS_ON),
        ("mfa/email/totp_activated", change, IF_NOTIFICATIONS_ON),
        ("mfa/email/totp_deactivated", change, IF_NOTIFICATIONS_ON),
        ("mfa/email/recovery_codes_generated", change, IF_NOTIFICATIONS_ON),
        ("socialaccount/email/account_connected", {**change, "provider": "Google"},
         IF_NOTIFICATIONS_ON),
        ("socialaccount/email/account_disconnected", {**change, "provider": "Google"},
         IF_NOTIFICATIONS_ON),
    ]  # fmt: skip
    previews = []
    with translation.override(language):  # the page's language, for an address nobody has
        for prefix, context, note in cases:
            address = "someone@example.invalid" if "user" not in context else member.email
            payload = adapter.render_branded_mail(prefix, address, dict(context))
            email = RenderedEmail(payload["subject"], payload["body"], payload["html"])
            name = prefix.replace("/email/", "_").replace("/", "_")
            previews.append(Preview(name, prefix, email, note))
    return previews


def escalation_event_previews(language: str) -> list[Preview]:
    """The support team's e-mail about a change of an escalation (community.escalation)."""
    from community.escalation.team_mail import TEMPLATE, email_context
    from community.models import Escalation, EscalationEvent, EscalationEventKind

    demo = _demo(language)
    staff = Member(pk=900_003, username="alex", display_name="Alex Agent", locale=language,
                   email="alex@example.com", time_zone="Europe/Berlin", is_staff=True)  # fmt: skip
    now = timezone.now()
    escalation = Escalation(
        pk=900_001, thread=demo["question"], priority=1, status="in_progress",
        reasons=["no_first_response", "me_too"], created_at=now - timedelta(hours=2),
        first_response_due_at=now - timedelta(hours=1), solution_due_at=now + timedelta(days=1),
        assignee=demo["helper"],
    )  # fmt: skip
    event = EscalationEvent(
        pk=900_001, escalation=escalation, kind=EscalationEventKind.STATUS_CHANGED,
        actor=demo["helper"], data={"from": "acknowledged", "to": "in_progress"}, created_at=now,
    )  # fmt: skip
    email = render_notification(
        member=staff, template=TEMPLATE, context=email_context(event, staff), unsubscribe_url=None
    )
    return [Preview("escalation_event", TEMPLATE, email)]


# The personal message of the demo invitation.
INVITATION_TEXT = {
    "en": "You sorted out my parcel last year – maybe you know this one too?",
    "de": "Du hast mir letztes Jahr mit meinem Paket geholfen – weißt du hier auch weiter?",
}


def invitation_previews(language: str) -> list[Preview]:
    """A member's invitation by e-mail to help with a thread (community.services.invitations),
    in the inviter's language; the invitee is no member, so nobody is greeted by name."""
    from community.models import Invitation
    from community.services.invitations import INVITATION_TEMPLATE, render_invitation_email

    demo = _demo(language)
    now = timezone.now()
    invitation = Invitation(
        pk=900_001, inviter=demo["helper"], email="kim@example.com", thread=demo["question"],
        message=INVITATION_TEXT.get(language, INVITATION_TEXT["en"]), language=language,
        created_at=now, expires_at=now + timedelta(days=14),
    )  # fmt: skip
    return [Preview("invitation", INVITATION_TEMPLATE, render_invitation_email(invitation))]


def all_previews(language: str) -> list[Preview]:
    return (
        notification_previews(language)
        + account_previews(language)
        + escalation_event_previews(language)
        + invitation_previews(language)
    )


class Command(BaseCommand):
    help = "Write every e-mail (subject, text, HTML) with demo data, per language, for review."

    def add_arguments(self, parser):
        parser.add_argument(
            "--lang",
            action="append",
            choices=[code for code, _ in settings.LANGUAGES],
            help="Only this language (repeatable); every site language by default.",
        )
        parser.add_argument(
            "--out",
            default=str(Path(settings.VAR_DIR) / "email-previews"),
            help="Folder to write to (default: var/email-previews).",
        )

    def handle(self, *args, lang=None, out=None, **options):
        languages = lang or [code for code, _ in settings.LANGUAGES]
        for language in languages:
            folder = Path(out) / language
            folder.mkdir(parents=True, exist_ok=True)
            previews = all_previews(language)
            for preview in previews:
                (folder / f"{preview.name}.subject.txt").write_text(
                    preview.email.subject + "\n", encoding="utf-8"
                )
                (folder / f"{preview.name}.txt").write_text(preview.email.text, encoding="utf-8")
                (folder / f"{preview.name}.html").write_text(preview.email.html, encoding="utf-8")
            (folder / "index.html").write_text(_index(language, previews), encoding="utf-8")
            self.stdout.write(f"{len(previews)} e-mails in {language}: {folder / 'index.html'}")


def _index(language: str, previews: list[Preview]) -> str:
    rows = "\n".join(
        f'<li><a href="{escape(p.name)}.html">{escape(p.email.subject)}</a> '
        f'(<a href="{escape(p.name)}.txt">text</a>) <code>{escape(p.name)}</code>'
        f"{f' <em>{escape(p.note)}</em>' if p.note else ''}</li>"
        for p in previews
    )
    return (
        f'<!DOCTYPE html><html lang="{language}"><meta charset="utf-8">'
        f"<title>E-mail previews ({language})</title><h1>E-mail previews ({language})</h1>"
        f"<ul>{rows}</ul></html>\n"
    )
