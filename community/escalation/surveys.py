"""The satisfaction survey after an escalation is resolved: 1–5 and a comment, once.

The e-mail carries one link per score; each opens /support/survey/<token>/ with that score
chosen, a comment box and one button. The signed token (salted, holding the survey's id)
is the proof: no sign-in is needed. Opening the page never writes, because mail scanners
follow links; only the button's POST answers.
"""

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from community.escalation.events import record_event
from community.models import EscalationEventKind, Member, SatisfactionSurvey
from community.signals import escalation_changed, survey_answered

SURVEY_SALT = "community.escalation.survey"
# A survey link is good for this long; later the page says so instead of taking an answer.
SURVEY_MAX_AGE = 60 * 60 * 24 * 60
MAX_COMMENT_LENGTH = 5000
SCORES = (1, 2, 3, 4, 5)


class SurveyAlreadyAnswered(ValidationError):
    """The survey was answered before; nothing was written."""


def survey_token(survey: SatisfactionSurvey) -> str:
    return signing.dumps({"survey": survey.pk}, salt=SURVEY_SALT, compress=True)


def survey_path(survey: SatisfactionSurvey, *, score: int | None = None) -> str:
    """The survey page's path, with `score` chosen in advance when given."""
    path = reverse("community:survey", kwargs={"token": survey_token(survey)})
    return f"{path}?score={int(score)}" if score in SCORES else path


def survey_from_token(token: str) -> SatisfactionSurvey | None:
    """The survey a token names, or None when it is tampered with, too old or gone."""
    try:
        data = signing.loads(token, salt=SURVEY_SALT, max_age=SURVEY_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is one too
        return None
    pk = data.get("survey") if isinstance(data, dict) else None
    if not isinstance(pk, int):
        return None
    return (
        SatisfactionSurvey.objects.select_related("escalation__thread", "member", "agent")
        .filter(pk=pk)
        .first()
    )


def clean_score(score) -> int:
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = None
    if score not in SCORES:
        raise ValidationError(_("Choose a score from 1 to 5."), code="score")
    return score


@transaction.atomic
def answer_survey(
    *, survey: SatisfactionSurvey, score: int, comment: str = "", by: Member | None
) -> SatisfactionSurvey:
    """Store the customer's rating. Works once: a second answer raises
    SurveyAlreadyAnswered. `by` is the customer (None when they answered from the e-mail
    link without signing in). Records SURVEY_ANSWERED; emits ``survey_answered``."""
    score = clean_score(score)
    comment = (comment or "").strip()
    if len(comment) > MAX_COMMENT_LENGTH:
        raise ValidationError(
            _("A comment can have at most %(max)s characters."),
            params={"max": MAX_COMMENT_LENGTH},
            code="max_length",
        )
    current = SatisfactionSurvey.objects.select_for_update().get(pk=survey.pk)
    if current.answered_at is not None:
        raise SurveyAlreadyAnswered(_("This survey was answered already."), code="answered")
    now = timezone.now()
    current.score = score
    current.comment = comment
    current.answered_at = now
    current.save(update_fields=["score", "comment", "answered_at"])
    for field in ("score", "comment", "answered_at"):
        setattr(survey, field, getattr(current, field))
    customer = by if by is not None else survey.member
    event = record_event(escalation=survey.escalation, kind=EscalationEventKind.SURVEY_ANSWERED,
                         by=customer, data={"score": score}, now=now)  # fmt: skip
    escalation_changed.send(
        sender=type(survey.escalation), escalation=survey.escalation, event=event, by=customer
    )
    survey_answered.send(sender=SatisfactionSurvey, survey=survey, by=customer)
    return survey


# --- e-mail (called by the worker) -----------------------------------------------------------


def send_survey(*, survey_id: int) -> int:
    """E-mail the customer the survey with one link per score, in their language. Safe to
    run twice (one e-mail per survey)."""
    from community.services.notifications import _send as send_notification_email
    from community.site import absolute_url

    survey = (
        SatisfactionSurvey.objects.select_related("member", "escalation__thread")
        .filter(pk=survey_id, answered_at__isnull=True)
        .first()
    )
    if survey is None:
        return 0
    context = {
        "thread": survey.escalation.thread,
        "thread_url": absolute_url(survey.escalation.thread.get_absolute_url()),
        "url": absolute_url(survey_path(survey)),
        "score_links": [
            (score, absolute_url(survey_path(survey, score=score))) for score in SCORES
        ],
    }
    sent = send_notification_email(
        member=survey.member, key=f"survey:{survey.pk}",
        template="community/email/survey", context=context, follow=None,
    )  # fmt: skip
    return int(sent)
