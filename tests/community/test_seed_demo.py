import string
from datetime import timedelta
from io import StringIO
from types import SimpleNamespace
from unittest import mock

import pytest
from celery.app.task import Task
from django.core import mail
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count, F, Q
from django.utils import timezone

from community.demo import content
from community.demo.people import SPACES
from community.models import (
    STAFF_ONLY_KINDS,
    AuditAction,
    AuditEntry,
    HelpfulVote,
    IdeaStatus,
    IdeaStatusChange,
    Member,
    MeToo,
    Post,
    SolvedToo,
    Space,
    Tag,
    Thread,
    ThreadKind,
    ThreadStatus,
    TrustLevel,
)
from community.selectors import typical_first_response, waiting_questions


@pytest.fixture(scope="class")
def seeded(django_db_setup, django_db_blocker):
    """`seed_demo` run once for a class of tests (it takes seconds), rolled back afterwards.

    Records what seeding tried to send: tasks (even ones a test transaction would hold
    back until a commit that never comes) and e-mails. Every test in the class asks for
    `db` as well, so pytest-django keeps them together and this runs once.
    """
    tasks = []

    def record_task(task, *args, **kwargs):
        tasks.append(task.name)

    with django_db_blocker.unblock(), transaction.atomic():
        mail.outbox = []
        out = StringIO()
        with mock.patch.object(Task, "apply_async", record_task):
            call_command("seed_demo", stdout=out)
        yield SimpleNamespace(
            out=out.getvalue(),
            tasks=tasks,
            emails=len(mail.outbox),
            on_commit=len(connection.run_on_commit),
        )
        transaction.set_rollback(True)


@pytest.mark.usefixtures("seeded")
class TestSeededDemoCommunity:
    def test_seed_demo_builds_the_community(self, seeded, db):
        assert Space.objects.count() == 7
        assert Member.objects.count() == 40
        assert Member.objects.filter(is_staff=True).count() == 2
        assert Member.objects.filter(is_staff=False, trust_level=TrustLevel.LEADER).count() == 3
        assert "anna.support@demo.peerdesk.example" in seeded.out
        assert "300 threads" in seeded.out

    def test_seed_demo_is_idempotent(self, db):
        levels = list(Member.objects.order_by("username").values_list("trust_level", flat=True))
        counts = (Thread.objects.count(), Post.objects.count(), HelpfulVote.objects.count())

        out = StringIO()
        call_command("seed_demo", stdout=out)

        assert Member.objects.count() == 40
        assert list(Member.objects.order_by("username").values_list("trust_level", flat=True)) == (
            levels
        )
        assert (Thread.objects.count(), Post.objects.count(), HelpfulVote.objects.count()) == (
            counts
        )
        assert "no demo threads added" in out.getvalue()

    def test_demo_members_can_log_in(self, client, db):
        response = client.post(
            "/accounts/login/",
            {"login": "emily.j@demo.peerdesk.example", "password": "peerdesk-demo"},
        )
        assert response.status_code == 302

    def test_seed_demo_sends_no_email_and_enqueues_no_tasks(self, seeded, db):
        assert seeded.emails == 0
        assert seeded.tasks == []
        assert seeded.on_commit == 0

    def test_seed_demo_writes_about_300_threads_in_both_languages(self, db):
        assert 280 <= Thread.objects.count() <= 320
        languages = dict(Thread.objects.values_list("language").annotate(n=Count("pk")))
        assert set(languages) == {"de", "en"}
        assert languages["de"] >= 100 and languages["en"] >= 80
        # German members write German, English members English: the detection agrees.
        questions = Thread.objects.filter(kind=ThreadKind.QUESTION)
        in_own_language = questions.filter(language=F("author__locale")).count()
        assert in_own_language >= 0.95 * questions.count()
        # A few conversations mix the languages.
        assert Post.objects.exclude(author__locale=F("thread__language")).exists()

    def test_seed_demo_home_pins_only_the_welcome_post_in_the_readers_language(self, client, db):
        welcome = dict(
            Thread.objects.filter(is_pinned=True, title__icontains="Peerdesk").values_list(
                "language", "title"
            )
        )
        assert set(welcome) == {"en", "de"}
        for language, other in (("en", "de"), ("de", "en")):
            response = client.get("/", HTTP_ACCEPT_LANGUAGE=language)
            titles = [row["title"] for row in response.context["recent_threads"]]
            assert welcome[language] in titles and welcome[other] not in titles
            assert {row["language"] for row in response.context["recent_threads"]} == {language}

    def test_seed_demo_threads_get_answers_solutions_and_official_answers(self, db):
        questions = Thread.objects.filter(kind=ThreadKind.QUESTION)
        total = questions.count()
        solved = questions.filter(status=ThreadStatus.SOLVED).count()
        official = questions.filter(posts__is_official=True, posts__is_opening=False).distinct()
        unanswered = questions.filter(first_response_at__isnull=True).count()
        assert 0.45 <= solved / total <= 0.65
        assert 0.15 <= official.count() / total <= 0.35
        assert 0.04 <= unanswered / total <= 0.12
        assert Post.objects.filter(endorsed_by__isnull=False).count() >= 5
        assert Post.objects.filter(is_opening=False).count() >= 2 * total
        helpful = list(Post.objects.values_list("helpful_count", flat=True))
        assert 0 in helpful and max(helpful) <= 15 and HelpfulVote.objects.count() > 1000
        assert SolvedToo.objects.exists()
        assert Tag.objects.filter(is_official=True).count() >= 30
        assert not Tag.objects.filter(is_official=False).exists()

    def test_seed_demo_has_outages_announcements_and_ideas(self, db):
        known_issues = Thread.objects.filter(kind=ThreadKind.KNOWN_ISSUE)
        assert known_issues.filter(me_too_count__gte=10).count() >= 3
        assert MeToo.objects.count() > 300
        pinned = Thread.objects.filter(is_pinned=True)
        assert pinned.count() == 2
        assert set(pinned.values_list("kind", flat=True)) == {ThreadKind.ANNOUNCEMENT}

        ideas = Thread.objects.filter(kind=ThreadKind.IDEA)
        assert 15 <= ideas.count() <= 25
        assert set(ideas.values_list("idea_status", flat=True)) == set(IdeaStatus.values)
        for change in IdeaStatusChange.objects.filter(status=IdeaStatus.ALREADY_EXISTS):
            assert change.duplicate_of is not None and change.duplicate_of != change.thread
            assert change.duplicate_of.created_at < change.created_at

    def test_seed_demo_keeps_the_rules_members_meet(self, db):
        assert not HelpfulVote.objects.filter(member=F("post__author")).exists()
        assert not MeToo.objects.filter(member=F("thread__author")).exists()
        assert not SolvedToo.objects.filter(
            Q(member=F("post__author")) | Q(member=F("post__thread__author"))
        ).exists()
        assert not Thread.objects.filter(kind__in=STAFF_ONLY_KINDS, author__is_staff=False).exists()
        assert not Post.objects.filter(is_official=True, author__is_staff=False).exists()
        assert not Post.objects.filter(endorsed_by__is_staff=False).exists()
        assert not IdeaStatusChange.objects.filter(changed_by__is_staff=False).exists()
        # Solutions are answers, chosen by the asker or (audited) by a moderator.
        questions = Thread.objects.filter(kind=ThreadKind.QUESTION, status=ThreadStatus.SOLVED)
        assert not questions.filter(
            Q(solution__is_opening=True) | Q(solution__author=F("author"))
        ).exists()
        accepted_by = AuditEntry.objects.filter(action=AuditAction.ACCEPT_ANSWER)
        assert accepted_by.exists()
        assert not accepted_by.filter(
            actor__is_staff=False, actor__trust_level__lt=TrustLevel.LEADER
        ).exists()

    def test_seed_demo_history_reads_in_order(self, db):
        now = timezone.now()
        threads = Thread.objects.prefetch_related("posts").select_related("solution")
        for thread in threads:
            posts = list(thread.posts.all())
            assert all(thread.created_at <= post.created_at <= now for post in posts)
            assert thread.last_activity_at == max(
                [post.created_at for post in posts]
                + [c.created_at for c in thread.idea_status_changes.all()]
                + ([thread.solved_at] if thread.solved_at else [])
            )
            first_response = min(
                (
                    p.created_at
                    for p in posts
                    if not p.is_opening and p.author_id != thread.author_id
                ),
                default=None,
            )
            assert thread.first_response_at == first_response
            if thread.solution is not None:
                assert thread.solution.created_at <= thread.solved_at <= now
        oldest = Thread.objects.order_by("created_at").first().created_at
        assert now - timedelta(days=61) < oldest < now - timedelta(days=50)
        last_week = Thread.objects.filter(created_at__gte=now - timedelta(days=7)).count()
        week_eight = Thread.objects.filter(
            created_at__range=(now - timedelta(days=56), now - timedelta(days=49))
        ).count()
        assert last_week > week_eight
        for member in Member.objects.filter(posts__isnull=False).distinct():
            assert member.date_joined < member.posts.order_by("created_at").first().created_at

    def test_seed_demo_leaves_the_support_team_overdue_questions(self, db):
        waiting = waiting_questions()
        recent = [t for t in waiting if t.waiting_for < timedelta(hours=2)]
        assert len(recent) >= 4
        assert any(t.is_overdue for t in recent)
        assert timedelta(minutes=10) < typical_first_response() < timedelta(hours=2)


def test_seed_demo_if_empty_leaves_a_real_community_alone(member):
    out = StringIO()
    call_command("seed_demo", "--if-empty", stdout=out)
    assert Member.objects.count() == 1
    assert not Thread.objects.exists()
    assert "not loading" in out.getvalue()


# --- the written content ---------------------------------------------------------------------


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _known_placeholders(language: str) -> set[str]:
    known = set(content.GENERATED_PLACEHOLDERS)
    for key, options in content.VARIATIONS.items():
        for option in options:
            known |= set(option) if isinstance(option, dict) else {key}
    return known | set(content.VARIATIONS_BY_LANGUAGE[language]) - {"months"}


def test_demo_content_uses_known_placeholders_and_official_tags():
    tags = set(content.OFFICIAL_TAGS)
    space_slugs = {slug for slug, *_ in SPACES}
    for scenario in content.QUESTIONS + content.DISCUSSIONS:
        assert scenario.space in space_slugs, scenario.key
        for tag in scenario.tags:
            assert set(tag.split("|")) <= tags, (scenario.key, tag)
        for language in ("de", "en"):
            text = getattr(scenario, language)
            assert text.titles and text.bodies and text.answers, scenario.key
            for template in (*text.titles, *text.bodies, *text.answers, text.official):
                assert _placeholders(template) <= _known_placeholders(language), scenario.key
    for language, phrases in content.PHRASES.items():
        for templates in phrases.values():
            for template in templates:
                assert _placeholders(template) <= _known_placeholders(language), template
    older = {}
    for item in sorted(content.NOTICES + content.IDEAS, key=lambda item: -item.days_ago):
        assert set(item.tags) <= tags, item.key
        assert not _placeholders(item.body), item.key  # written as is, not filled in
        if getattr(item, "duplicate_of", ""):
            assert item.duplicate_of in older, item.key
        older[item.key] = item
