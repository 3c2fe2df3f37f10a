"""The satisfaction survey: signed one-click links, a GET that never writes, once only."""

import pytest
from django.core import mail, signing

from community.escalation import desk
from community.escalation.surveys import (
    SURVEY_SALT,
    SurveyAlreadyAnswered,
    answer_survey,
    send_survey,
    survey_path,
)
from community.models import EscalationEventKind, SatisfactionSurvey
from community.outbox import relay_due
from tests.factories import make_escalation, make_thread


@pytest.fixture
def survey(member, staff):
    escalation = make_escalation(thread=make_thread(author=member))
    desk.resolve(escalation=escalation, by=staff, note="We fixed the export, it works again.")
    return SatisfactionSurvey.objects.get(escalation=escalation)


def test_the_link_preselects_the_score_and_a_get_never_writes(client, survey):
    response = client.get(survey_path(survey, score=4))
    assert response.status_code == 200
    assert response.context["form"]["score"].value() == 4
    assert 'value="4"' in response.content.decode()
    survey.refresh_from_db()
    assert survey.answered_at is None and survey.score is None


def test_the_page_speaks_the_customers_language_to_a_signed_out_browser(client, survey, member):
    member.locale = "de"
    member.save(update_fields=["locale"])
    survey.refresh_from_db()
    response = client.get(survey_path(survey, score=5), HTTP_ACCEPT_LANGUAGE="en")
    content = response.content.decode()
    assert '<html lang="de"' in content
    assert "Bewertung senden" in content


def test_the_survey_is_answered_once_without_signing_in(client, survey, member):
    url = survey_path(survey)
    response = client.post(url, {"score": "5", "comment": "Quick and kind."})
    assert response.status_code == 200
    assert "Your rating helps" in response.content.decode()
    survey.refresh_from_db()
    assert (survey.score, survey.comment) == (5, "Quick and kind.")
    event = survey.escalation.events.last()
    assert event.kind == EscalationEventKind.SURVEY_ANSWERED and event.data == {"score": 5}
    assert event.actor == member
    again = client.post(url, {"score": "1", "comment": "Changed my mind."})
    assert again.status_code == 200
    assert "answered already" in again.content.decode()
    assert client.get(url).status_code == 200
    survey.refresh_from_db()
    assert survey.score == 5
    with pytest.raises(SurveyAlreadyAnswered):
        answer_survey(survey=survey, score=2, comment="", by=member)


def test_bad_input_keeps_the_comment(client, survey):
    response = client.post(survey_path(survey), {"score": "9", "comment": "Kept text"})
    assert response.status_code == 400
    assert "Kept text" in response.content.decode()


def test_tampered_or_foreign_tokens_are_404(client, survey):
    token = survey_path(survey).split("/")[-2]
    assert client.get(f"/support/survey/{token[:-2]}xx/").status_code == 404
    other_salt = signing.dumps({"survey": survey.pk}, salt="something else", compress=True)
    assert client.get(f"/support/survey/{other_salt}/").status_code == 404
    gone = signing.dumps({"survey": survey.pk + 99}, salt=SURVEY_SALT, compress=True)
    assert client.post(f"/support/survey/{gone}/", {"score": "3"}).status_code == 404


def test_the_email_is_in_the_customers_language_with_a_link_per_score(survey, member, settings):
    member.locale = "de"
    member.save(update_fields=["locale"])
    mail.outbox.clear()
    assert send_survey(survey_id=survey.pk) == 1
    assert send_survey(survey_id=survey.pk) == 0  # once
    relay_due(ignore_schedule=True)
    sent = [m for m in mail.outbox if m.to == [member.email]]
    assert sent, "the survey e-mail went out"
    body = sent[-1].body
    for score in range(1, 6):
        assert f"?score={score}" in body
    assert sent[-1].subject == "Wie hat dir das Support-Team geholfen?"


def test_the_notification_centre_links_to_the_survey(client, survey, member):
    from django.urls import reverse

    client.force_login(member)
    content = client.get(reverse("community:notifications")).content.decode()
    assert "How did the support team do? Tell us in one click." in content
    assert survey_path(survey).split("?")[0][:30] in content
