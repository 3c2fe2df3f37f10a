"""A benchmark data set: members, spaces, tags, threads and posts in bulk, built once per size.

Titles and posts come from community.benchmark.text. Three threads have exactly
1, 100 and 200 answers (the thread pages measured); one more takes the answers the
benchmark posts; the other answers are spread unevenly over the remaining threads.
Everything is deterministic: the same size gives the same data.
"""

import random
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.db.models import Count, F
from django.utils import timezone

from community.benchmark import text
from community.markdown import RENDERER_VERSION, render_markdown
from community.models import (
    Member,
    Post,
    Space,
    Tag,
    Thread,
    ThreadFollow,
    ThreadKind,
    ThreadStatus,
    TrustLevel,
)
from community.models.tags import tag_slug_base
from community.tasks import tasks_muted

MEMBERS = 20  # who write the threads and answers
# Registered members who only read: one for every two threads. @mentions are looked up
# among all members, so their number matters for posting.
READERS_PER_THREAD = 0.5
STAFF_MEMBERS = 2
MEASURED_ANSWERS = (1, 100, 200)
# Threads with a fixed role: the measured thread pages, and the one the answer POSTs go to.
SPECIAL_SLUGS = {1: "bench-answers-1", 100: "bench-answers-100", 200: "bench-answers-200"}
ANSWER_TARGET_SLUG = "bench-answer-target"
ANSWER_TARGET_ANSWERS = 2
VIEWER = "bench-viewer"  # reads the pages signed in
POSTER = "bench-poster"  # asks and answers in the POST measurements
BATCH = 2_000

SPACES = [
    ("products", "Products & services", "Produkte & Services"),
    ("technical-problems", "Technical problems", "Technische Probleme"),
    ("account-login", "Account & login", "Konto & Anmeldung"),
    ("orders-delivery", "Orders & delivery", "Bestellung & Lieferung"),
    ("invoices-payment", "Invoices & payment", "Rechnung & Zahlung"),
    ("feedback-ideas", "Feedback & ideas", "Feedback & Ideen"),
]


@dataclass(frozen=True)
class Size:
    """A data set: this many threads and about this many posts (opening posts included)."""

    threads: int
    posts: int

    def __post_init__(self):
        if self.threads < 10:
            raise ValueError("A data set needs at least 10 threads.")

    @property
    def answers(self) -> int:
        """Answers in all threads: the measured threads' ones at least."""
        return max(self.posts - self.threads, sum(MEASURED_ANSWERS) + ANSWER_TARGET_ANSWERS)

    @property
    def total_posts(self) -> int:
        return self.threads + self.answers

    @property
    def label(self) -> str:
        return f"{self.threads:,} threads, {self.total_posts:,} posts"


@dataclass(frozen=True)
class BenchData:
    """What the pages need to know about a built data set."""

    threads_by_answers: dict[int, Thread]
    answer_target: Thread
    space: Space
    tag: Tag
    viewer: Member
    poster: Member


def _answer_counts(size: Size, rng: random.Random) -> list[int]:
    """Answers per thread: the measured threads first, the rest spread unevenly over the others."""
    counts = [*MEASURED_ANSWERS, ANSWER_TARGET_ANSWERS]
    others = size.threads - len(counts)
    spread = size.answers - sum(counts)
    weights = [rng.expovariate(1.0) for _ in range(others)]
    total = sum(weights) or 1.0
    shares = [int(spread * weight / total) for weight in weights]
    for index in range(spread - sum(shares)):
        shares[index % others] += 1
    return counts + shares


def find(size: Size) -> BenchData | None:
    """The data set of `size` if it is complete in the database, else None."""
    by_slug = {
        t.slug: t
        for t in Thread.objects.filter(slug__in=[*SPECIAL_SLUGS.values(), ANSWER_TARGET_SLUG])
    }
    if len(by_slug) != len(SPECIAL_SLUGS) + 1:
        return None
    if Thread.objects.count() != size.threads or Post.objects.count() != size.total_posts:
        return None
    # The tag page shows the most used tag.
    tag = Tag.objects.annotate(uses=Count("threads")).order_by("-uses", "name").first()
    viewer = Member.objects.filter(username=VIEWER).first()
    poster = Member.objects.filter(username=POSTER).first()
    readers = Member.objects.filter(username__startswith="bench-reader-").count()
    if (
        tag is None
        or viewer is None
        or poster is None
        or readers != int(size.threads * READERS_PER_THREAD)
    ):
        return None
    return BenchData(
        threads_by_answers={count: by_slug[slug] for count, slug in SPECIAL_SLUGS.items()},
        answer_target=by_slug[ANSWER_TARGET_SLUG],
        space=Space.objects.get(slug="invoices-payment"),
        tag=tag,
        viewer=viewer,
        poster=poster,
    )


def _clear() -> None:
    """Remove what an earlier build (or an interrupted benchmark) left."""
    Thread.objects.update(solution=None, status=ThreadStatus.OPEN)
    Post.objects.all().delete()
    Thread.objects.all().delete()
    Tag.objects.all().delete()
    Member.objects.filter(username__startswith="bench-").delete()


def _members(size: Size) -> list[Member]:
    members = [
        Member(
            username=f"bench-member-{number:02}",
            email=f"bench-member-{number:02}@bench.example",
            display_name=f"Bench Member {number}",
            is_staff=number <= STAFF_MEMBERS,
            trust_level=TrustLevel.LEADER if number <= STAFF_MEMBERS else TrustLevel.BASIC,
            staff_signature="Customer Care" if number <= STAFF_MEMBERS else "",
            locale="de" if number % 2 else "en",
        )
        for number in range(1, MEMBERS + 1)
    ]
    members += [
        Member(username=name, email=f"{name}@bench.example", trust_level=TrustLevel.BASIC)
        for name in (VIEWER, POSTER)
    ]
    members += [
        Member(
            username=f"bench-reader-{number:05}", email=f"bench-reader-{number:05}@bench.example"
        )
        for number in range(int(size.threads * READERS_PER_THREAD))
    ]
    for member in members:
        member.set_unusable_password()
    Member.objects.bulk_create(members, batch_size=BATCH)
    return list(Member.objects.filter(username__startswith="bench-member-").order_by("username"))


def _spaces() -> list[Space]:
    for position, (slug, name_en, name_de) in enumerate(SPACES):
        Space.objects.update_or_create(
            slug=slug,
            defaults={
                "name_en": name_en,
                "name_de": name_de,
                "position": position,
                "is_active": True,
                "default_kind": ThreadKind.IDEA
                if slug == "feedback-ideas"
                else ThreadKind.QUESTION,
            },
        )
    return list(Space.objects.filter(slug__in=[slug for slug, *_ in SPACES]).order_by("position"))


def build(size: Size, log=lambda line: None) -> BenchData:
    """Empty the community tables and fill them with the data set of `size`.

    No tasks are sent (no e-mails, no index updates): rebuild the search index afterwards.
    """
    rng = random.Random(14)
    text.check_generated_html(random.Random(1))
    rich_html = [render_markdown(answer) for answer in text.RICH_ANSWERS]
    now = timezone.now()
    with tasks_muted(), transaction.atomic():
        _clear()
        members = _members(size)
        spaces = _spaces()
        tag_names = sorted(
            {noun.split()[0].lower() for noun in text.NOUNS_EN} | {"pdf", "ios", "android"}
        )
        Tag.objects.bulk_create(
            [Tag(name=name, slug=tag_slug_base(name), is_official=True) for name in tag_names]
        )
        tags = list(Tag.objects.order_by("name"))
        counts = _answer_counts(size, rng)
        special = [*SPECIAL_SLUGS.values(), ANSWER_TARGET_SLUG]

        threads = []
        for number in range(size.threads):
            german = number % 3 == 1
            title = text.title(rng, german)
            threads.append(
                Thread(
                    space=spaces[4] if number < len(special) else spaces[number % len(spaces)],
                    author=members[number % len(members)],
                    title=title,
                    slug=special[number] if number < len(special) else f"bench-{number}",
                    kind=ThreadKind.IDEA if spaces[number % len(spaces)].slug == "feedback-ideas"
                    and number >= len(special) else ThreadKind.QUESTION,
                    idea_status="new" if spaces[number % len(spaces)].slug == "feedback-ideas"
                    and number >= len(special) else "",
                    language="de" if german else "en",
                    last_activity_at=now - timedelta(minutes=7 * number),
                    last_poster=members[(number + counts[number]) % len(members)],
                    answer_count=counts[number],
                    helpful_count=rng.randrange(0, 13),
                    me_too_count=rng.randrange(0, 7),
                )
            )  # fmt: skip
        for start in range(0, len(threads), BATCH):
            Thread.objects.bulk_create(threads[start : start + BATCH])
        threads = list(Thread.objects.order_by("pk"))
        log(f"  {len(threads):,} threads")

        through = Thread.tags.through
        links = []
        for thread in threads:
            for tag in rng.sample(tags, rng.randint(1, 3)):
                links.append(through(thread_id=thread.pk, tag_id=tag.pk))
        through.objects.bulk_create(links, batch_size=BATCH)
        ThreadFollow.objects.bulk_create(
            [ThreadFollow(thread_id=t.pk, member_id=t.author_id) for t in threads], batch_size=BATCH
        )

        first_answers: dict[int, int] = {}
        pending: list[Post] = []
        written = 0

        def flush():
            nonlocal written
            Post.objects.bulk_create(pending)
            for post in pending:
                if not post.is_opening and post.thread_id not in first_answers:
                    first_answers[post.thread_id] = post.pk
            written += len(pending)
            pending.clear()

        for number, thread in enumerate(threads):
            german = thread.language == "de"
            body, body_html = text.body(rng, german)
            pending.append(
                Post(thread_id=thread.pk, author_id=thread.author_id, is_opening=True, body=body,
                     body_html=body_html, render_version=RENDERER_VERSION)
            )  # fmt: skip
            for answer in range(counts[number]):
                author = members[(number + answer + 1) % len(members)]
                if number < len(MEASURED_ANSWERS):
                    variant = answer % len(text.RICH_ANSWERS)
                    body, body_html = text.RICH_ANSWERS[variant], rich_html[variant]
                else:
                    body, body_html = text.body(rng, german)
                pending.append(
                    Post(thread_id=thread.pk, author_id=author.pk, body=body, body_html=body_html,
                         render_version=RENDERER_VERSION, is_official=author.is_staff,
                         helpful_count=rng.randrange(0, 9) if answer % 3 == 0 else 0)
                )  # fmt: skip
            if len(pending) >= BATCH:
                flush()
                if written % 20_000 < BATCH:
                    log(f"  {written:,} posts")
        flush()
        log(f"  {written:,} posts")

        # Every third thread with answers is solved by its first answer; staff answered some.
        solved = []
        for number, thread in enumerate(threads):
            if thread.pk in first_answers and (number % 3 == 0 or number < len(MEASURED_ANSWERS)):
                thread.solution_id = first_answers[thread.pk]
                thread.status = ThreadStatus.SOLVED
                thread.solved_at = thread.last_activity_at
                solved.append(thread)
        Thread.objects.bulk_update(solved, ["solution", "status", "solved_at"], batch_size=500)
        Thread.objects.filter(
            pk__in=Post.objects.filter(is_official=True).values("thread_id")
        ).update(has_official_answer=True)
        # Asked some hours before the last activity; answered within the first hour.
        Thread.objects.update(created_at=F("last_activity_at") - timedelta(hours=5))
        Thread.objects.filter(answer_count__gt=0).update(
            first_response_at=F("created_at") + timedelta(minutes=35)
        )
    data = find(size)
    if data is None:
        raise RuntimeError("The benchmark data was built but cannot be found again.")
    return data
