"""The demo's knowledge base: sections, about 30 articles in English and German (some
translations of each other, some made from the demo community's solved threads with their
solution's authors credited), a few drafts, two proposed edits, and the starter saved
replies. Called once the demo's threads exist (community.extensions.register_demo_finisher).

Written through knowledge's services, as staff and super users would. Idempotent: the
articles are only written into a knowledge base without articles.
"""

import json
import re
from pathlib import Path

from community.models import Member, Thread
from community.permissions import super_users
from knowledge.demo.articles import ARTICLES, PROPOSALS, SECTIONS
from knowledge.models import Article, Section
from knowledge.services.replies import seed_saved_replies

QUESTIONS = Path(__file__).resolve().parents[2] / "community" / "demo" / "data" / "questions"


def finish_demo(*, log) -> None:
    staff = Member.objects.filter(is_staff=True, is_superuser=False).order_by("pk").first()
    staff = staff or Member.objects.filter(is_staff=True).order_by("pk").first()
    if staff is None:
        log("No staff member: the knowledge base and saved replies were left out.")
        return
    created = seed_saved_replies(by=staff)
    log(f"{created} saved replies created.")
    try:
        from knowledge.services import articles as services
    except ImportError:  # the article services are not there yet
        log("No article services: the demo knowledge base was left out.")
        return
    if Article.objects.exists():
        return
    written = write_articles(services, staff=staff)
    log(f"Knowledge base: {written} articles in {Section.objects.count()} sections.")


def write_articles(services, *, staff) -> int:
    sections = _sections()
    writers = list(super_users(Member.objects.filter(is_staff=False)).order_by("pk")) or [staff]
    by_key: dict[str, Article] = {}
    for number, entry in enumerate(ARTICLES):
        # Super users drafted some of the articles (staff published them), staff the rest.
        author = writers[number % len(writers)] if entry.get("by") == "super_user" else staff
        thread = (
            _solved_thread(entry["from_thread"], entry["language"])
            if "from_thread" in (entry)
            else None
        )
        article = services.create_article(
            by=author,
            section=sections[entry["section"]],
            title=entry["title"],
            body=entry["body"],
            language=entry["language"],
            summary=entry["summary"],
            tags=entry.get("tags", ()),
            applies_to=entry.get("applies_to", ""),
            source_thread=thread,
        )
        if thread is not None and thread.solution_id:
            # The members whose solution went into the article are credited on it.
            services.credit_contributor(
                article=article, member=thread.solution.author, post=thread.solution
            )
        if not entry.get("draft"):
            services.publish_article(article=article, by=staff)
        elif entry.get("review"):
            services.submit_for_review(article=article, by=author)
        by_key[entry["key"]] = article
    for entry in ARTICLES:
        other = entry.get("translation_of")
        if other:
            services.link_translation(
                article=by_key[other], translation=by_key[entry["key"]], by=staff
            )
    for number, proposal in enumerate(PROPOSALS):
        article = by_key[proposal["article"]]
        article.refresh_from_db()
        services.propose_edit(
            article=article,
            by=writers[number % len(writers)],
            title=article.title,
            body=_amended(article.body, proposal),
            summary=article.summary,
            note=proposal["note"],
        )
    return len(by_key)


def _amended(body: str, proposal: dict) -> str:
    return body.rstrip() + "\n\n" + proposal["add"].strip() + "\n"


def _sections() -> dict[str, Section]:
    sections = {}
    for position, data in enumerate(SECTIONS):
        section, _ = Section.objects.get_or_create(
            slug=data["slug"], defaults={**data, "position": position}
        )
        sections[section.slug] = section
    return sections


def _title_patterns(scenario_key: str, language: str) -> list[re.Pattern]:
    """The titles the demo gives the threads of a scenario, placeholders as wildcards."""
    for path in sorted(QUESTIONS.glob("*.json")):
        for scenario in json.loads(path.read_text(encoding="utf-8")):
            if scenario["key"] == scenario_key:
                return [
                    re.compile("^" + re.sub(r"\\\{[a-z_0-9]+\\\}", ".+", re.escape(title)) + "$")
                    for title in scenario[language]["titles"]
                ]
    raise LookupError(f"No demo question scenario {scenario_key!r}.")


def _solved_thread(scenario_key: str, language: str) -> Thread | None:
    """The oldest solved demo thread of the scenario in `language`, or None."""
    patterns = _title_patterns(scenario_key, language)
    threads = (
        Thread.objects.filter(
            language=language,
            solution__isnull=False,
            deleted_at__isnull=True,
            hidden_at__isnull=True,
        )
        .select_related("solution__author")
        .order_by("created_at", "pk")
    )
    for thread in threads:
        if any(pattern.match(thread.title) for pattern in patterns):
            return thread
    return None
