"""The demo community's conversations: about 300 threads, written through the real services.

Every step is what a member's click would do (ask, answer, vote, say “me too”,
accept, recommend, set an idea's status, pin, lock), after the same permission
check the view makes, with notifications and search indexing muted. The services
stamp "now"; once a thread is written, its timestamps are moved into the past
with queryset updates (acceptable for demo data only), so the community looks as
if it had been busy for a year: growing (about three times as many questions in
the last month as in the first), quieter at weekends, in the summer holidays and
between Christmas and New Year, busier in January (the year's first invoices), with
two outage weeks in which questions about outages pile up; most first answers
within the hour, a few questions still waiting for one. The dashboard's charts
(insights) tell that story in both languages.

Reproducible: every choice comes from the seeded `rng`, members and spaces are
read in a fixed order. Only the absolute times move with the clock.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from random import Random
from zoneinfo import ZoneInfo

from django.db import connection, transaction
from django.utils import timezone

from community.demo.content import Idea, Notice, Scenario, load_content
from community.models import (
    AuditAction,
    AuditEntry,
    HelpfulVote,
    IdeaStatus,
    IdeaStatusChange,
    Member,
    MeToo,
    Post,
    PostRevision,
    SolvedToo,
    Space,
    Tag,
    Thread,
    ThreadFollow,
    ThreadKind,
)
from community.permissions import (
    can,
    check_accept_answer_permission,
    check_answer_permission,
    check_ask_permission,
    check_endorse_answer_permission,
    check_lock_thread_permission,
    check_me_too_permission,
    check_moderate_thread_permission,
    check_set_idea_status_permission,
    check_solved_too_permission,
    check_vote_helpful_permission,
    is_staff,
    is_super_user,
)
from community.services.ideas import change_idea_status
from community.services.posts import ask_question, post_answer
from community.services.reactions import set_helpful_vote, set_me_too, set_solved_too
from community.services.solutions import accept_answer, set_answer_endorsement
from community.services.staff import set_thread_locked, set_thread_pinned
from community.tasks import tasks_muted

THREAD_COUNT = 520
DAYS = 365
# Growth: the oldest day is this share as busy as today, rising steadily in between.
FIRST_DAY_SHARE = 0.35
# Seasons by calendar month (1–12): the year's first invoices in January, holidays in
# summer, the quiet days at the end of December.
MONTH_WEIGHTS = {
    1: 1.3, 2: 1.1, 3: 1.05, 4: 1.0, 5: 0.95, 6: 0.9,
    7: 0.75, 8: 0.7, 9: 1.05, 10: 1.1, 11: 1.1, 12: 0.85,
}  # fmt: skip
# Monday (0) to Sunday (6): the week starts busy, the weekend is quiet.
WEEKDAY_WEIGHTS = (1.25, 1.15, 1.1, 1.05, 0.95, 0.55, 0.6)
# Two outage weeks (days ago when they began): everything is busier then, and most
# questions about an outage (scenarios marked "outage") are asked in one of them.
OUTAGE_WEEKS = (214, 47)
OUTAGE_WEIGHT = 2.2
OUTAGE_SHARE = 0.7
LOCAL_TIME = ZoneInfo("Europe/Berlin")
# People post in the day and evening (local hour 0–23), rarely at night.
HOUR_WEIGHTS = (
    0.3, 0.15, 0.1, 0.1, 0.1, 0.3, 0.8, 1.5, 2.5, 3, 3, 3,
    3, 3, 3, 3, 3, 3, 3.5, 4, 4, 3.5, 2, 1,
)  # fmt: skip
# Questions asked this many minutes ago have no answer yet: the support team's waiting list
# (most are past their space's first-response target).
WAITING_MINUTES = (9, 41, 57, 76, 98, 117)
UNANSWERED_SHARE = 0.06  # of the other questions: fell through the cracks
SOLVED_SHARE = 0.62  # of the answered questions, so about 55 % of all
OFFICIAL_SHARE = 0.3  # questions with an answer by the support team
ENDORSE_SHARE = 0.12  # of answered questions without one: a member's answer is recommended
# How likely a member is to answer, by trust level.
ANSWER_WEIGHT = {0: 1, 1: 2, 2: 4, 3: 7, 4: 14}
# Threads per scenario weight unit are derived; ideas, notices and discussions are fixed.
DISCUSSION_LANGUAGES = ("de", "en")


# --- what happens in one thread -----------------------------------------------------------------


@dataclass
class Step:
    """One action in a thread, `offset` minutes after it was opened."""

    offset: float
    action: str  # answer, accept, endorse, status, pin, lock
    by: Member
    body: str = ""
    key: str = ""  # names an answer, so later steps can refer to it
    role: str = "answer"  # answer, official, chatter (for votes)
    status: str = ""
    duplicate_of: Thread | None = None


@dataclass
class Conversation:
    """A thread as it is written, and when each thing in it really happened."""

    thread: Thread
    asked_at: datetime
    language: str
    posts: dict[str, tuple[Post, datetime, str]] = field(default_factory=dict)  # key → post
    votes: dict[tuple[int, int], datetime] = field(default_factory=dict)
    me_toos: dict[int, datetime] = field(default_factory=dict)
    solved_too: dict[tuple[int, int], datetime] = field(default_factory=dict)
    follows: dict[int, datetime] = field(default_factory=dict)
    endorsed: dict[int, datetime] = field(default_factory=dict)
    idea_changes: list[datetime] = field(default_factory=list)
    # (audit action, target id) → when, in the order the rows were written
    audit: dict[tuple[str, int], list[datetime]] = field(default_factory=dict)
    solution: Post | None = None
    solved_at: datetime | None = None

    def at(self, offset: float) -> datetime:
        return self.asked_at + timedelta(minutes=offset)


@dataclass
class Planned:
    at: datetime
    kind: str  # question, discussion, idea, notice
    source: Scenario | Idea | Notice
    author: Member
    language: str
    waiting: bool = False


def minimum_thread_count() -> int:
    """The fewest threads a demo can have: every idea, notice and discussion, and the
    questions still waiting for an answer."""
    content = load_content()
    fixed = len(content.ideas) + len(content.notices)
    return fixed + len(content.discussions) * len(DISCUSSION_LANGUAGES) + len(WAITING_MINUTES)


def seed_demo_threads(*, rng: Random, count: int = THREAD_COUNT, log=print) -> int:
    """Write `count` demo threads unless the community already has threads; returns how
    many were written.

    All or nothing: one transaction, so a run that breaks off leaves no threads behind and
    the next run writes them all.
    """
    if count < minimum_thread_count():
        raise ValueError(f"The demo needs at least {minimum_thread_count()} threads.")
    if Thread.objects.exists():
        log("The community already has threads; no demo threads added.")
        return 0
    with tasks_muted(), transaction.atomic():
        writer = DemoWriter(rng=rng, count=count)
        plan = writer.plan()
        for item in plan:
            writer.write(item)
        writer.backdate_members()
    log(f"{len(plan)} threads with {Post.objects.filter(is_opening=False).count()} answers.")
    return len(plan)


class DemoWriter:
    def __init__(self, *, rng: Random, count: int = THREAD_COUNT):
        self.rng = rng
        self.count = count
        self.content = load_content()
        self.now = timezone.now()
        self.members = list(Member.objects.order_by("username"))
        self.spaces = {space.slug: space for space in Space.objects.order_by("position", "pk")}
        self.tags = self._official_tags()
        self.staff = [m for m in self.members if is_staff(m)]
        self.people = [m for m in self.members if not is_staff(m)]
        self.super_users = [m for m in self.people if is_super_user(m)]
        # Some customers ask a lot, most now and then; super users mostly answer.
        self.asking = {
            m.pk: 0.5 if m in self.super_users else rng.choice((1, 1, 1, 2, 2, 3))
            for m in self.people
        }
        self.first_seen: dict[int, datetime] = {}
        self.by_key: dict[str, Thread] = {}
        self.used_titles: set[str] = set()
        self.turns: dict[tuple[str, str, str], int] = {}
        self.audit_marker = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
        self._weights: list[float] | None = None

    # --- people ----------------------------------------------------------------------------

    def _speaks(self, member: Member, language: str) -> bool:
        return member.locale == language

    def _pick(self, pool, weight, *, exclude=(), k=1) -> list[Member]:
        """`k` different members from `pool`, weighted; fewer if the pool runs dry."""
        excluded = {getattr(m, "pk", m) for m in exclude}
        pool = [m for m in pool if m.pk not in excluded]
        chosen = []
        while pool and len(chosen) < k:
            member = self.rng.choices(pool, weights=[weight(m) for m in pool])[0]
            chosen.append(member)
            pool.remove(member)
        return chosen

    def _helpers(self, language, *, exclude=(), k=1) -> list[Member]:
        """Members who answer in `language`: regulars and super users more often."""
        pool = [m for m in self.people if self._speaks(m, language)]
        return self._pick(pool, lambda m: ANSWER_WEIGHT[m.trust_level], exclude=exclude, k=k)

    def _crowd(self, language, *, exclude=(), k=1, may=None) -> list[Member]:
        """Members who vote or say “me too”: mostly those who read `language`; with `may`,
        only those it allows (a permission: new members cannot say “me too” yet)."""
        pool = self.people if may is None else [m for m in self.people if may(m)]
        return self._pick(
            pool, lambda m: 3 if self._speaks(m, language) else 1, exclude=exclude, k=k
        )

    def _staff_for(self, language, *, colleague=0.0) -> Member:
        """The agent who writes in `language`; with chance `colleague`, a colleague who
        writes it too (Anna, German, answers English questions as well)."""
        own = [m for m in self.staff if self._speaks(m, language)]
        others = [m for m in self.staff if not self._speaks(m, language)]
        if others and (not own or self.rng.random() < colleague):
            return self.rng.choice(others)
        return own[0]

    def _seen(self, member: Member, at: datetime) -> None:
        if member.pk not in self.first_seen or at < self.first_seen[member.pk]:
            self.first_seen[member.pk] = at

    # --- time ----------------------------------------------------------------------------------

    def _moment(self, days_ago: float) -> datetime:
        """A believable time of day on the day `days_ago` days back, never in the future."""
        day = (self.now - timedelta(days=days_ago)).astimezone(LOCAL_TIME)
        for _attempt in range(20):
            hour = self.rng.choices(range(24), weights=HOUR_WEIGHTS)[0]
            moment = day.replace(hour=hour, minute=self.rng.randrange(60), second=0)
            if moment < self.now - timedelta(minutes=25):
                return moment.astimezone(self.now.tzinfo)
        # Early in the night few times of day are in the past: spread over the last day
        # instead of stacking every such thread on one minute.
        return self.now - timedelta(days=days_ago, minutes=self.rng.uniform(30, 24 * 60))

    def _day_weight(self, days_ago: int) -> float:
        """How busy the day `days_ago` days back is, relative to the others: growth over
        the year times the season, the weekday and an outage."""
        day = (self.now - timedelta(days=days_ago)).astimezone(LOCAL_TIME)
        growth = FIRST_DAY_SHARE + (1 - FIRST_DAY_SHARE) * (1 - days_ago / DAYS)
        weight = growth * MONTH_WEIGHTS[day.month] * WEEKDAY_WEIGHTS[day.weekday()]
        if any(start - 7 < days_ago <= start for start in OUTAGE_WEEKS):
            weight *= OUTAGE_WEIGHT
        return weight

    def _random_moment(self, *, min_days: float = 0, outage: bool = False) -> datetime:
        """A moment on a day drawn by how busy each day is (``_day_weight``); a question
        about an outage mostly in an outage week."""
        if outage and self.rng.random() < OUTAGE_SHARE:
            start = self.rng.choice(OUTAGE_WEEKS)
            return self._moment(start - int(self.rng.random() ** 1.5 * 7))
        first = int(min_days)
        if first >= DAYS:
            return self._moment(first)
        if self._weights is None:
            self._weights = [self._day_weight(days_ago) for days_ago in range(DAYS)]
        weights = self._weights[first:]
        days = self.rng.choices(range(first, DAYS), weights=weights)[0]
        return self._moment(days)

    def _first_response(self) -> float:
        """Minutes until the first answer: mostly 10–90, sometimes quick, sometimes hours."""
        roll = self.rng.random()
        if roll < 0.1:
            return self.rng.uniform(2, 9)
        if roll < 0.8:
            return self.rng.triangular(9, 95, 28)
        return self.rng.uniform(120, 720)

    def _fit(self, steps: list[Step], asked_at: datetime) -> list[Step]:
        """Squeeze the steps of a recent thread so that none lies in the future."""
        room = (self.now - asked_at).total_seconds() / 60 - 2
        latest = max((step.offset for step in steps), default=0)
        if latest > room:
            # Not all the way up to now: recent threads would all end on the same minute.
            squeeze = max(room, 0) * self.rng.uniform(0.3, 0.95) / latest
            for step in steps:
                step.offset *= squeeze
        return sorted(steps, key=lambda step: step.offset)

    def _later(self, since: datetime, *, skew: float = 2.0) -> datetime:
        """A moment between `since` and now, early ones more likely."""
        span = max((self.now - since).total_seconds() - 60, 0)
        return since + timedelta(seconds=60 + span * self.rng.random() ** skew)

    # --- text ----------------------------------------------------------------------------------

    def _fill(self, template: str, values: dict) -> str:
        return template.format_map(values)

    def _phrase(self, language: str, kind: str, values: dict) -> str:
        return self._fill(self.rng.choice(self.content.phrases[language][kind]), values)

    def _join(self, *parts: str) -> str:
        return "\n\n".join(part for part in parts if part)

    def _values(self, language: str, at: datetime, asker: Member) -> dict:
        rng = self.rng
        values = {}
        for key, options in self.content.variations.items():
            choice = rng.choice(options)
            values.update(choice if isinstance(choice, dict) else {key: choice})
        by_language = self.content.variations_by_language[language]
        for key, options in by_language.items():
            if key != "months":
                values[key] = rng.choice(options)
        # The invoice people talk about is last month's.
        values["month"] = by_language["months"][(at.astimezone(LOCAL_TIME).month - 2) % 12]
        cents = [rng.choice((1999, 2499, 2999, 3499, 3999, 4495, 4999, 5999, 7990))]
        cents.append(rng.choice((499, 799, 995, 1299, 1499, 2350)))
        for key, amount in zip(("amount", "amount2"), cents, strict=True):
            euros = f"{amount // 100},{amount % 100:02d} €"
            values[key] = euros if language == "de" else "€" + euros[:-2].replace(",", ".")
        values["order"] = f"PD-{rng.randint(1000000, 9999999)}"
        values["days"] = str(rng.randint(3, 9))
        values["asker"] = self._first_name(asker)
        values["asker_handle"] = asker.username
        values["helper"] = ""
        return values

    def _first_name(self, member: Member) -> str:
        return member.display_name.split()[0] if member.display_name else member.username

    def _turn(self, key: str, language: str, what: str, count: int) -> int:
        """Which variant comes next, so repeats of a scenario differ."""
        turn_key = (key, language, what)
        if turn_key not in self.turns:
            self.turns[turn_key] = self.rng.randrange(count)
        index = self.turns[turn_key] % count
        self.turns[turn_key] += 1
        return index

    def _title(self, key: str, language: str, titles: tuple[str, ...], values: dict) -> str:
        start = self._turn(key, language, "title", len(titles))
        candidates = [
            self._fill(titles[(start + i) % len(titles)], values) for i in range(len(titles))
        ]
        title = next((t for t in candidates if t not in self.used_titles), candidates[0])
        self.used_titles.add(title)
        return title

    def _tags(self, names, language: str) -> list[Tag]:
        chosen = []
        for name in names:
            german, _, english = name.partition("|")
            chosen.append(self.tags[(english or german) if language == "en" else german])
        return chosen

    def _official_tags(self) -> dict[str, Tag]:
        tags = {}
        for name in self.content.official_tags:
            tags[name], _created = Tag.objects.get_or_create(
                name=name, defaults={"is_official": True}
            )
        return tags

    # --- the plan --------------------------------------------------------------------------------

    def plan(self) -> list[Planned]:
        """Who opens which thread when, oldest first."""
        rng = self.rng
        items = []
        for notice in self.content.notices:
            author = self._staff_for(notice.language)
            items.append(
                Planned(self._moment(notice.days_ago), "notice", notice, author, notice.language)
            )
        for idea in self.content.ideas:
            author = self._asker(idea.language)
            items.append(Planned(self._moment(idea.days_ago), "idea", idea, author, idea.language))
        for scenario in self.content.discussions:
            for language in DISCUSSION_LANGUAGES:
                items.append(
                    Planned(
                        self._random_moment(min_days=1),
                        "discussion",
                        scenario,
                        self._asker(language),
                        language,
                    )
                )
        deck = self._deck(self.count - len(items))
        rng.shuffle(deck)
        moments = [self.now - timedelta(minutes=m) for m in WAITING_MINUTES]
        moments += [
            self._random_moment(outage=scenario.outage) for scenario in deck[len(WAITING_MINUTES) :]
        ]
        asked, uses = set(), {}
        for index, (scenario, moment) in enumerate(zip(deck, moments, strict=True)):
            language = self._question_language(scenario, uses)
            uses[(scenario.key, language)] = uses.get((scenario.key, language), 0) + 1
            for _attempt in range(6):
                author = self._asker(language)
                if (author.pk, scenario.key) not in asked:
                    break
            asked.add((author.pk, scenario.key))
            waiting = index < len(WAITING_MINUTES)
            items.append(Planned(moment, "question", scenario, author, language, waiting))
        items.sort(key=lambda item: item.at)
        return items

    def _question_language(self, scenario, uses) -> str:
        """German or English, as often as members ask in each; but while one language still
        has an unused title for `scenario`, not one whose titles are used up."""
        languages = [
            language
            for language in ("de", "en")
            if uses.get((scenario.key, language), 0) < len(getattr(scenario, language).titles)
        ] or ["de", "en"]
        weights = [
            sum(self.asking[m.pk] for m in self.people if self._speaks(m, language))
            for language in languages
        ]
        return self.rng.choices(languages, weights=weights)[0]

    def _asker(self, language: str) -> Member:
        pool = [m for m in self.people if self._speaks(m, language)]
        return self._pick(pool, lambda m: self.asking[m.pk])[0]

    def _deck(self, size: int) -> list:
        """Each question scenario as often as its weight says (largest remainder)."""
        scenarios = self.content.questions
        total = sum(s.weight for s in scenarios)
        exact = [size * s.weight / total for s in scenarios]
        counts = [int(x) for x in exact]
        by_remainder = sorted(range(len(scenarios)), key=lambda i: counts[i] - exact[i])
        for i in by_remainder[: size - sum(counts)]:
            counts[i] += 1
        return [s for s, count in zip(scenarios, counts, strict=True) for _ in range(count)]

    # --- writing -------------------------------------------------------------------------------

    def write(self, item: Planned) -> Thread:
        writer = {
            "question": self._question,
            "discussion": self._question,
            "idea": self._idea,
            "notice": self._notice,
        }[item.kind]
        conversation = writer(item)
        self._backdate(conversation)
        return conversation.thread

    def _ask(self, item: Planned, *, space, title, body, kind, tags) -> Conversation:
        check_ask_permission(member=item.author, kind=kind)
        thread = ask_question(
            author=item.author, space=space, title=title, body=body, kind=kind, tags=tags
        )
        conversation = Conversation(thread=thread, asked_at=item.at, language=item.language)
        opening = Post.objects.get(thread=thread, is_opening=True)
        conversation.posts["opening"] = (opening, item.at, "opening")
        conversation.follows[item.author.pk] = item.at
        self._seen(item.author, item.at)
        return conversation

    def _question(self, item: Planned) -> Conversation:
        scenario, language, asker = item.source, item.language, item.author
        text = scenario.de if language == "de" else scenario.en
        values = self._values(language, item.at, asker)
        title = self._title(scenario.key, language, text.titles, values)
        body_template = text.bodies[self._turn(scenario.key, language, "body", len(text.bodies))]
        body = self._join(
            self._phrase(language, "hello", values),
            self._fill(body_template, values),
            self._phrase(language, "aside", values) if self.rng.random() < 0.3 else "",
            self._phrase(language, "closing", values),
        )
        conversation = self._ask(
            item,
            space=self.spaces[scenario.space],
            title=title,
            body=body,
            kind=scenario.kind,
            tags=self._tags(scenario.tags, language),
        )
        steps = self._question_steps(item, scenario, text, values)
        self._run(conversation, self._fit(steps, item.at))
        unanswered = all(step.by.pk == asker.pk for step in steps)
        self._react(conversation, outage=scenario.outage, unanswered=unanswered)
        return conversation

    def _question_steps(self, item: Planned, scenario, text, values) -> list[Step]:
        """The conversation under a question (or discussion), as steps in time."""
        rng, language, asker = self.rng, item.language, item.author
        age = (self.now - item.at).total_seconds() / 60
        discussion = scenario.kind == ThreadKind.DISCUSSION
        steps: list[Step] = []
        if item.waiting or (not discussion and rng.random() < UNANSWERED_SHARE):
            if age > 15 and rng.random() < 0.3:
                body = self._phrase(language, "addendum", values)
                steps.append(Step(rng.uniform(3, age * 0.6), "answer", asker, body, role="chatter"))
            return steps

        first = self._first_response()
        official = bool(text.official) and not discussion and rng.random() < OFFICIAL_SHARE
        if discussion:
            count = rng.randint(2, len(text.answers))
        elif official:
            count = rng.choice((0, 1, 1, 2))
        else:
            count = rng.choice((1, 1, 2, 2, 2, 3))
        # The answer that usually solves it comes first; the others are tips.
        order = [0, *rng.sample(range(1, len(text.answers)), len(text.answers) - 1)]
        chosen = order[: min(count, len(text.answers))]
        helpers = self._helpers(language, exclude=[asker], k=len(chosen))
        offset = first
        for index, helper in zip(chosen, helpers, strict=False):
            hello = self._phrase(language, "answer_hello", values)
            body = self._join(hello, self._fill(text.answers[index], values))
            steps.append(Step(offset, "answer", helper, body, key=f"c{index}"))
            offset += rng.triangular(4, 600, 50)
        if official:
            agent = self._staff_for(language, colleague=0.25 if language == "en" else 0)
            at = first if not chosen else rng.uniform(max(5, first * 0.6), first + 720)
            body = self._fill(text.official, values)
            steps.append(Step(at, "answer", agent, body, key="official", role="official"))
        answers = sorted((s for s in steps if s.key), key=lambda s: s.offset)
        talkers = {s.by.pk for s in steps} | {asker.pk}

        if not discussion and first > 15 and rng.random() < 0.12:
            body = self._phrase(language, "addendum", values)
            steps.append(Step(rng.uniform(3, first - 3), "answer", asker, body, role="chatter"))
        if scenario.outage:
            for member in self._helpers(language, exclude=talkers, k=rng.randint(1, 3)):
                body = self._phrase(language, "same_here", values)
                steps.append(Step(rng.uniform(5, 360), "answer", member, body, role="chatter"))
                talkers.add(member.pk)
        last = max(s.offset for s in steps)

        solved = bool(answers) and not discussion and rng.random() < SOLVED_SHARE
        if solved:
            keys = [s.key for s in answers]
            if "official" in keys and (len(keys) == 1 or rng.random() < 0.5):
                solution = "official"
            elif "c0" in keys and rng.random() < 0.85:
                solution = "c0"
            else:
                solution = rng.choice(keys)
            step = next(s for s in answers if s.key == solution)
            values = {**values, "helper": self._first_name(step.by)}
            # Super users choose only for askers away a week, which the demo, writing
            # everything now and dating it back afterwards, cannot show: agents do it here.
            moderators = [
                m
                for m in self.staff
                if self._speaks(m, language) and m.pk not in (step.by.pk, asker.pk)
            ]
            if moderators and age > 7 * 24 * 60 and rng.random() < 0.15:
                # The asker never came back; an agent marks the solution.
                at = step.offset + rng.uniform(2, 6) * 24 * 60
                steps.append(Step(at, "accept", rng.choice(moderators), key=solution))
            elif rng.random() < 0.7:
                at = step.offset + rng.triangular(5, 1440, 60)
                body = self._phrase(language, "thanks", values)
                steps.append(Step(at, "answer", asker, body, role="chatter"))
                steps.append(Step(at + rng.uniform(0.5, 3), "accept", asker, key=solution))
            else:
                steps.append(
                    Step(step.offset + rng.triangular(5, 2880, 180), "accept", asker, key=solution)
                )
        elif answers and not discussion:
            if rng.random() < 0.35:
                at = answers[0].offset + rng.triangular(20, 600, 90)
                body = self._phrase(language, "not_yet", values)
                steps.append(Step(at, "answer", asker, body, role="chatter"))
            nudgers = [m for m in self.super_users if self._speaks(m, language)]
            nudgers = [m for m in nudgers if m.pk != asker.pk]
            if nudgers and age > 5 * 24 * 60 and rng.random() < 0.25:
                at = last + rng.uniform(2, 4) * 24 * 60
                body = self._phrase(language, "nudge", values)
                steps.append(Step(at, "answer", rng.choice(nudgers), body, role="chatter"))

        community = [s for s in answers if s.key != "official"]
        if community and not official and not discussion and rng.random() < ENDORSE_SHARE:
            target = next((s for s in community if s.key == "c0"), community[0])
            agent = self._staff_for(language)
            at = target.offset + rng.triangular(30, 1440, 240)
            steps.append(Step(at, "endorse", agent, key=target.key))
        if answers and rng.random() < 0.04:
            # Someone from the other language chimes in, in their own.
            other = "en" if language == "de" else "de"
            member = self._helpers(other, exclude=talkers)[0]
            body = self._phrase(other, "cross", values)
            steps.append(Step(last + rng.triangular(60, 2880, 600), "answer", member, body))
        return steps

    def _idea(self, item: Planned) -> Conversation:
        idea, language, rng = item.source, item.language, self.rng
        conversation = self._ask(
            item,
            space=self.spaces["ideas"],
            title=idea.title,
            body=self._fill(idea.body, {}),
            kind=ThreadKind.IDEA,
            tags=[self.tags[name] for name in idea.tags],
        )
        self.by_key[idea.key] = conversation.thread
        steps = []
        offset = 0.0
        commenters = self._helpers(language, exclude=[item.author], k=len(idea.comments))
        for comment, member in zip(idea.comments, commenters, strict=False):
            offset += rng.triangular(20, 4320, 600)
            steps.append(Step(offset, "answer", member, self._fill(comment, {})))
        if rng.random() < 0.3:
            other = "en" if language == "de" else "de"
            member = self._helpers(other, exclude=[item.author])[0]
            body = self._phrase(other, "plus_one", {})
            steps.append(Step(rng.uniform(60, max(offset, 120) * 1.5), "answer", member, body))
        offset = 0.0
        agent = self._staff_for(language)
        for change in idea.statuses:
            offset += change.after_days * 24 * 60 + rng.uniform(-180, 240)
            duplicate_of = self.by_key[idea.duplicate_of] if idea.duplicate_of else None
            steps.append(
                Step(
                    offset,
                    "status",
                    agent,
                    change.comment,
                    status=change.status,
                    duplicate_of=duplicate_of,
                )
            )
        self._run(conversation, self._fit(steps, item.at))
        self._react(conversation, votes=idea.votes)
        return conversation

    def _notice(self, item: Planned) -> Conversation:
        notice, language, rng, agent = item.source, item.language, self.rng, item.author
        conversation = self._ask(
            item,
            space=self.spaces[notice.space],
            title=notice.title,
            body=self._fill(notice.body, {}),
            kind=notice.kind,
            tags=[self.tags[name] for name in notice.tags],
        )
        self.by_key[notice.key] = conversation.thread
        steps = []
        offset = 0.0
        talkers = {agent.pk}
        for number, reply in enumerate(notice.replies):
            offset += reply.after_hours * 60 * rng.uniform(0.8, 1.2)
            key = f"r{number}"
            if reply.by == "staff":
                steps.append(Step(offset, "answer", agent, reply.text, key=key, role="official"))
            else:
                member = self._helpers(language, exclude=talkers)[0]
                talkers.add(member.pk)
                steps.append(Step(offset, "answer", member, reply.text, key=key))
        if notice.kind == ThreadKind.KNOWN_ISSUE:
            for member in self._helpers(language, exclude=talkers, k=2):
                body = self._phrase(language, "same_here", self._values(language, item.at, agent))
                steps.append(Step(rng.uniform(10, 180), "answer", member, body, role="chatter"))
        if notice.solved_by_last_update:
            fix = max((s for s in steps if s.role == "official"), key=lambda s: s.offset)
            steps.append(Step(fix.offset + rng.uniform(2, 10), "accept", agent, key=fix.key))
        if notice.pinned:
            steps.append(Step(rng.uniform(1, 5), "pin", agent))
        if notice.locked:
            steps.append(Step(max(s.offset for s in steps) + rng.uniform(30, 120), "lock", agent))
        self._run(conversation, self._fit(steps, item.at))
        self._react(conversation, votes=notice.me_too, notice=True)
        return conversation

    def _run(self, conversation: Conversation, steps: list[Step]) -> None:
        """Carry out the steps, in time order, as the members would."""
        thread = conversation.thread
        for step in steps:
            at = conversation.at(step.offset)
            self._seen(step.by, at)
            if step.action == "answer":
                check_answer_permission(member=step.by, thread=thread)
                post = post_answer(thread=thread, author=step.by, body=step.body)
                conversation.posts[step.key or f"p{post.pk}"] = (post, at, step.role)
                conversation.follows.setdefault(step.by.pk, at)
            elif step.action == "accept":
                post = conversation.posts[step.key][0]
                check_accept_answer_permission(member=step.by, answer=post)
                thread = accept_answer(answer=post, by=step.by)
                for other, *_ in conversation.posts.values():
                    other.thread = thread  # so later permission checks see the solution
                conversation.solution, conversation.solved_at = post, at
                if step.by.pk != thread.author_id:
                    self._expect(conversation, AuditAction.ACCEPT_ANSWER, post.pk, at)
            elif step.action == "endorse":
                post = conversation.posts[step.key][0]
                if post == conversation.solution:
                    continue  # accepted meanwhile: a solution needs no recommendation
                check_endorse_answer_permission(member=step.by, post=post)
                set_answer_endorsement(answer=post, by=step.by, endorsed=True)
                conversation.endorsed[post.pk] = at
                self._expect(conversation, AuditAction.ENDORSE_ANSWER, post.pk, at)
            elif step.action == "status":
                check_set_idea_status_permission(member=step.by, thread=thread)
                change_idea_status(
                    thread=thread,
                    by=step.by,
                    status=step.status,
                    comment=step.body,
                    duplicate_of=step.duplicate_of
                    if step.status == IdeaStatus.ALREADY_EXISTS
                    else None,
                )
                conversation.idea_changes.append(at)
                self._expect(conversation, AuditAction.CHANGE_IDEA_STATUS, thread.pk, at)
            elif step.action in ("pin", "lock"):
                if step.action == "pin":
                    check_moderate_thread_permission(member=step.by, thread=thread)
                else:
                    check_lock_thread_permission(member=step.by, thread=thread)
                if step.action == "pin":
                    set_thread_pinned(thread=thread, by=step.by, pinned=True)
                    self._expect(conversation, AuditAction.PIN_THREAD, thread.pk, at)
                else:
                    set_thread_locked(thread=thread, by=step.by, locked=True)
                    self._expect(conversation, AuditAction.LOCK_THREAD, thread.pk, at)
            else:  # pragma: no cover - a typo in this module
                raise ValueError(step.action)
        conversation.thread = thread

    def _expect(self, conversation, action, target_id, at) -> None:
        conversation.audit.setdefault((action.value, target_id), []).append(at)

    # --- votes, “me too”, “solved my problem too” ----------------------------------------------

    def _react(self, conversation, *, outage=False, unanswered=False, votes=None, notice=False):
        rng, thread, language = self.rng, conversation.thread, conversation.language
        for post, at, role in conversation.posts.values():
            if role == "opening":
                count = rng.randint(3, 15) if notice else min(int(rng.expovariate(0.8)), 6)
            elif post == conversation.solution:
                count = rng.randint(3, 15)
            elif role == "official":
                count = rng.randint(1, 8)
            elif role == "answer":
                count = min(int(rng.expovariate(0.6)), 8)
            else:
                count = int(rng.random() < 0.1)
            # Younger posts have had less time to collect votes.
            hours = (self.now - at).total_seconds() / 3600
            count = round(count * min(1.0, hours / 36))
            voters = self._crowd(language, exclude=[post.author_id], k=count)
            if role == "opening" and thread.kind == ThreadKind.IDEA:
                continue  # an idea gets “I want this too” (below), not “helpful”
            for voter in voters:
                check_vote_helpful_permission(member=voter, post=post)
                set_helpful_vote(post=post, by=voter, voted=True)
                when = self._later(at, skew=3)
                conversation.votes[(post.pk, voter.pk)] = when
                self._seen(voter, when)

        if votes is not None:
            count, mean_hours = rng.randint(*votes), (96 if thread.kind == ThreadKind.IDEA else 3)
        elif outage:
            count = rng.randint(10, 20) if rng.random() < 0.25 else rng.randint(3, 12)
            mean_hours = 3
        elif unanswered:
            count, mean_hours = rng.choice((0, 0, 1, 2)), 6
        else:
            roll = rng.random()
            count = 0 if roll < 0.7 else rng.randint(1, 3) if roll < 0.95 else rng.randint(4, 8)
            mean_hours = 12
        crowd = self._crowd(
            language,
            exclude=[thread.author_id],
            k=count,
            may=lambda member: can(member, "community.me_too", thread),
        )
        for member in crowd:
            check_me_too_permission(member=member, thread=thread)
            set_me_too(thread=thread, by=member, me_too=True)
            delay = timedelta(hours=rng.expovariate(1 / mean_hours), minutes=1)
            when = min(conversation.asked_at + delay, self.now - timedelta(minutes=1))
            conversation.me_toos[member.pk] = when
            conversation.follows.setdefault(member.pk, when)
            self._seen(member, when)

        solution = conversation.solution
        if solution is not None and thread.kind == ThreadKind.QUESTION and rng.random() < 0.35:
            exclude = [solution.author_id, thread.author_id]
            for member in self._crowd(language, exclude=exclude, k=rng.randint(1, 5)):
                check_solved_too_permission(member=member, post=solution)
                set_solved_too(post=solution, by=member, solved_too=True)
                when = self._later(conversation.solved_at)
                conversation.solved_too[(solution.pk, member.pk)] = when
                self._seen(member, when)

    # --- moving it all into the past -------------------------------------------------------------

    def _backdate(self, conversation: Conversation) -> None:
        thread, asked_at = conversation.thread, conversation.asked_at
        posts = list(conversation.posts.values())
        first_response = min(
            (
                at
                for post, at, _ in posts
                if not post.is_opening and post.author_id != thread.author_id
            ),
            default=None,
        )
        last_activity = max(
            [at for _, at, _ in posts]
            + conversation.idea_changes
            + ([conversation.solved_at] if conversation.solved_at else [])
        )
        Thread.objects.filter(pk=thread.pk).update(
            created_at=asked_at,
            last_activity_at=last_activity,
            first_response_at=first_response,
            solved_at=conversation.solved_at,
        )
        post_times = {post.pk: at for post, at, _ in posts}
        _set_times(Post, "created_at", ("pk",), post_times)
        _set_times(PostRevision, "created_at", ("post",), post_times)
        _set_times(Post, "endorsed_at", ("pk",), conversation.endorsed)
        _set_times(HelpfulVote, "created_at", ("post", "member"), conversation.votes)
        _set_times(SolvedToo, "created_at", ("post", "member"), conversation.solved_too)
        for model, times in ((MeToo, conversation.me_toos), (ThreadFollow, conversation.follows)):
            by_member = {(thread.pk, member_id): when for member_id, when in times.items()}
            _set_times(model, "created_at", ("thread", "member"), by_member)
        if conversation.idea_changes:
            changes = IdeaStatusChange.objects.filter(thread=thread).order_by("pk")
            pks = list(changes.values_list("pk", flat=True))
            times = dict(zip(pks, conversation.idea_changes, strict=False))
            _set_times(IdeaStatusChange, "created_at", ("pk",), times)
        if conversation.audit:
            self._backdate_audit(conversation)

    def _backdate_audit(self, conversation: Conversation) -> None:
        """Give the audit rows this thread's steps wrote the times those steps happened."""
        entries = AuditEntry.objects.order_by("pk")
        if self.audit_marker is not None:
            entries = entries.filter(pk__gt=self.audit_marker)
        times = {}
        for pk, action, target_id in entries.values_list("pk", "action", "target_id"):
            self.audit_marker = pk
            expected = conversation.audit.get((action, target_id))
            if expected:
                times[pk] = expected.pop(0)
        _set_times(AuditEntry, "created_at", ("pk",), times)

    def backdate_members(self) -> None:
        """Everyone joined before their first step in the community, long-timers long before."""
        rng = self.rng
        for member in self.members:
            first = self.first_seen.get(member.pk, self.now)
            if is_staff(member) or is_super_user(member):
                days = rng.uniform(300, 900)
            else:
                low, high = {0: (0.05, 5), 1: (5, 60), 2: (30, 300), 3: (90, 600)}[
                    member.trust_level
                ]
                days = rng.uniform(low, high)
            Member.objects.filter(pk=member.pk).update(date_joined=first - timedelta(days=days))


def _set_times(model, field_name: str, key_fields: tuple[str, ...], times: dict) -> None:
    """Set `field_name` of `model`'s rows to the times in `times`, row by row.

    `times` maps the values of `key_fields` (one value, or a tuple for several fields)
    to the row's time. One statement run for many parameter sets: a few thousand rows
    per demo, for which a CASE expression per field would cost seconds to build.
    """
    if not times:
        return
    meta, quote = model._meta, connection.ops.quote_name
    field = meta.get_field(field_name)
    columns = [
        meta.pk.column if name == "pk" else meta.get_field(name).column for name in key_fields
    ]
    where = " AND ".join(f"{quote(column)} = %s" for column in columns)
    sql = f"UPDATE {quote(meta.db_table)} SET {quote(field.column)} = %s WHERE {where}"
    rows = [
        (field.get_db_prep_value(when, connection), *(key if isinstance(key, tuple) else (key,)))
        for key, when in times.items()
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)
