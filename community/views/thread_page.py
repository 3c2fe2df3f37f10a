"""The thread page, assembled once for every view that shows it.

``selectors.thread_page`` reads the thread's posts and the viewer's own marks;
this module turns that into the template's context (per-post values through
``present_posts``, the forms the viewer may use, metadata for search engines).
The thread view, a refused or previewed answer and a refused idea status all
render the page through ``render_thread_page``, so they show the same page.
"""

import hashlib
import json
from urllib.parse import quote

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy

from community import fragments as stored_fragments
from community import selectors
from community.escalation.acknowledgement import Acknowledgement, acknowledgement_for
from community.escalation.known_issues import known_issue_box
from community.escalation.services import MAX_NOTE_LENGTH
from community.extensions import answer_editor_tools, thread_panels
from community.forms import (
    AnswerForm,
    IdeaStatusForm,
    MergeThreadForm,
    MoveThreadForm,
    RetitleThreadForm,
    answer_form_class,
)
from community.markdown import RENDERER_VERSION, excerpt, render_markdown
from community.models import Escalation, EscalationReason, Post, Thread, ThreadKind
from community.outbox import enqueue
from community.permissions import can, check_see_thread_permission
from community.prepared import PreparedQuery
from community.reversing import url_prefix
from community.site import absolute_url
from community.views.drafts import take_draft
from community.views.presenters import attach_post_fragments

TEMPLATE = "community/thread.html"
# Threads that are a question with answers for search engines (QAPage); the rest are discussions.
QA_KINDS = (ThreadKind.QUESTION, ThreadKind.KNOWN_ISSUE)
# How long a stale post counts as "already sent to the worker" (see _rerender_stale_posts).
RERENDER_GRACE_SECONDS = 600
# Answers besides the solution that the JSON-LD names.
SUGGESTED_ANSWERS = 10


def _rerender_stale_posts(posts: list[Post], stale_ids: list[int]) -> None:
    """Show posts stored by an older renderer freshly rendered, and have the worker store them.

    Each stale post is sent to the worker once: the cache key keeps the views that follow
    from writing anything, the outbox's dedupe key keeps two processes from sending it twice.
    """
    stale = set(stale_ids)
    for post in posts:
        if post.pk in stale:
            post.body_html = render_markdown(post.body)
    for pk in stale_ids:
        if cache.add(f"rerender:{RENDERER_VERSION}:{pk}", 1, RERENDER_GRACE_SECONDS):
            enqueue(
                "community.rerender_posts",
                {"post_ids": [pk]},
                dedupe_key=f"rerender-post:{RENDERER_VERSION}:{pk}",
            )


def _qa_page_json_ld(thread: Thread, page: selectors.ThreadPage) -> SafeString:
    """schema.org data for search engines: a QAPage for a question (they can show the
    solution under the result), a DiscussionForumPosting with its comments otherwise
    (an idea or a discussion has no accepted answer to offer)."""

    def person(member) -> dict:
        return {"@type": "Person", "name": member.public_name}

    def answer(post):
        return {
            "@type": "Answer",
            "text": excerpt(post.body_html, 1000),
            "dateCreated": post.created_at.isoformat(),
            "upvoteCount": post.helpful_count,
            "url": absolute_url(post.get_absolute_url()),
            "author": person(post.author),
        }

    if thread.kind in QA_KINDS:
        question = {
            "@type": "Question",
            "name": thread.title,
            "text": excerpt(page.opening.body_html, 1000),
            "answerCount": thread.answer_count,
            "upvoteCount": thread.helpful_count,
            "dateCreated": thread.created_at.isoformat(),
            "author": person(thread.author),
        }
        if page.solution is not None and page.solution.is_visible:
            question["acceptedAnswer"] = answer(page.solution)
        suggested = [answer(p) for p in _suggested_answers(thread, page)]
        if suggested:
            question["suggestedAnswer"] = suggested
        data = {"@context": "https://schema.org", "@type": "QAPage", "mainEntity": question}
    else:
        data = {
            "@context": "https://schema.org",
            "@type": "DiscussionForumPosting",
            "headline": thread.title,
            "text": excerpt(page.opening.body_html, 1000),
            "url": absolute_url(thread.get_absolute_url()),
            "datePublished": thread.created_at.isoformat(),
            "author": person(thread.author),
            "commentCount": thread.answer_count,
            "comment": [
                {
                    "@type": "Comment",
                    "text": excerpt(post.body_html, 1000),
                    "datePublished": post.created_at.isoformat(),
                    "author": person(post.author),
                }
                for post in [p for p in page.answers.object_list if p.is_visible][:10]
            ],
        }
    # The same escaping as Django's json_script: nothing can close the <script> early.
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


def _suggested_answers(thread: Thread, page: selectors.ThreadPage) -> list[Post]:
    visible = [p for p in page.answers.object_list if p.is_visible and p.pk != thread.solution_id]
    return visible[:SUGGESTED_ANSWERS]


def _page_metadata(thread: Thread, page: selectors.ThreadPage) -> tuple[SafeString, str]:
    """The JSON-LD and the meta description: up to a dozen HTML-to-text conversions, so kept
    in the fragments cache under everything they are made of (a change is a new key)."""
    posts = [page.opening, *_suggested_answers(thread, page)]
    if page.solution is not None and page.solution.is_visible:
        posts.append(page.solution)
    facts = (
        settings.SITE_URL,
        thread.pk,
        thread.title,
        thread.answer_count,
        thread.helpful_count,
        thread.created_at,
        thread.author.public_name,
        thread.solution_id,
        [
            (p.pk, p.body_html, p.created_at, p.helpful_count, p.author.public_name, p.is_visible)
            for p in posts
        ],
    )
    key = "thread-meta:" + hashlib.blake2b(repr(facts).encode(), digest_size=16).hexdigest()
    use_cache = settings.PEERDESK_POST_FRAGMENT_CACHE
    cached = stored_fragments.get(key) if use_cache else None
    if cached is not None:
        json_ld, description = cached
        return mark_safe(json_ld), description
    json_ld = _qa_page_json_ld(thread, page)
    description = excerpt(page.opening.body_html, 160)
    if use_cache:
        stored_fragments.set(
            key, (str(json_ld), description), settings.PEERDESK_POST_FRAGMENT_SECONDS
        )
    return json_ld, description


def _thread_tags(thread: Thread) -> list[dict]:
    """The thread's tags with their links, alphabetical."""
    pairs = selectors.tags_of_threads([thread.pk]).get(thread.pk, [])
    if not pairs:
        return []
    prefix = url_prefix("community:tag", slug="placeholder-slug")
    return [{"name": name, "url": f"{prefix}{slug}/"} for name, slug in pairs]


def _just_asked(request, thread: Thread) -> Acknowledgement | dict | None:
    """The acknowledgement shown once, right after the member asked this question (an
    Acknowledgement for a question; for other kinds the community's response times)."""
    member = request.user
    if not member.is_authenticated or request.session.get("just_asked") != thread.pk:
        return None
    del request.session["just_asked"]
    if thread.kind == ThreadKind.QUESTION:
        # The community's typical time, the target, the support team's takeover and hours.
        return acknowledgement_for(thread)
    return {
        "typical": selectors.typical_first_response(space=thread.space),
        "target": thread.space.first_response_target,
    }


def _fresh_answer_form(request, thread: Thread, may_answer: bool) -> AnswerForm | None:
    """An empty answer form, or the answer the member wrote before having to sign in."""
    if not may_answer:
        return None
    draft = take_draft(request, f"answer:{thread.pk}")
    form_class = answer_form_class(thread)  # a comment on an idea
    return form_class(initial={"body": draft.get("body", "")} if draft else None)


def thread_page_context(
    request,
    thread: Thread,
    *,
    answer_form: AnswerForm | None = None,
    preview_html: SafeString | None = None,
    idea_form: IdeaStatusForm | None = None,
    retitle_form: RetitleThreadForm | None = None,
    merge_form: MergeThreadForm | None = None,
    duplicate_form=None,
    lock_reason_error: str = "",
    personal_data=None,
    escalation_form=None,
) -> dict:
    """Everything ``community/thread.html`` reads, for the page `request` asks for.

    Forms passed in (a refused answer, idea status, title or merge) are shown as they
    are, with what the member typed and the reason it was refused.
    """
    member = request.user
    page = selectors.thread_page(member=member, thread=thread, page_number=request.GET.get("page"))
    # The posts this page shows (a solution on another page is only linked to).
    posts = [page.opening, *page.answers.object_list]
    if page.stale_post_ids:
        _rerender_stale_posts(posts, page.stale_post_ids)
    # Visitors' vote buttons are links to log in and come back to the post.
    login_url = f"{reverse('account_login')}?next={quote(thread.get_absolute_url() + '#post-')}"
    attach_post_fragments(posts, thread=thread, request=request, login_url=login_url)
    json_ld, meta_description = _page_metadata(thread, page)
    may_answer = can(member, "community.answer", thread)
    context = {
        "thread": thread,
        "page": page,
        "opening": page.opening,
        "answers": page.answers,
        "solution": page.solution,
        "just_asked": _just_asked(request, thread),
        "may_answer": may_answer,
        # An answer the personal-data guard stopped (community.privacy.PersonalDataFound).
        "personal_data": personal_data,
        "may_me_too": can(member, "community.me_too", thread),
        "may_invite": can(member, "community.invite_members", thread),
        "may_moderate": can(member, "community.moderate_thread", thread),
        "may_retitle": can(member, "community.retitle_thread", thread),
        "may_move": can(member, "community.move_thread", thread),
        "may_lock": can(member, "community.lock_thread", thread),
        "may_merge": can(member, "community.merge_threads", thread),
        "may_set_idea_status": can(member, "community.set_idea_status", thread),
        "answer_form": answer_form or _fresh_answer_form(request, thread, may_answer),
        "preview_html": preview_html,
        "json_ld": json_ld,
        "meta_description": meta_description,
        "canonical_url": absolute_url(thread.get_absolute_url()),
        "login_url": login_url,
        "thread_tags": _thread_tags(thread),
    }
    # Tools other apps add to the answer form (community.extensions), e.g. saved replies.
    context["answer_editor_tools"] = (
        answer_editor_tools(member=member, thread=thread) if context["answer_form"] else []
    )
    if context["may_move"]:
        context["move_form"] = MoveThreadForm(
            initial={"space": thread.space_id, "kind": thread.kind},
            may_change_kind=context["may_moderate"],
        )
    if context["may_retitle"]:
        tags = ", ".join(tag["name"] for tag in context["thread_tags"])
        context["retitle_form"] = retitle_form or RetitleThreadForm(
            initial={"title": thread.title, "tags": tags}, member=member
        )
    if context["may_merge"]:
        context["merge_form"] = merge_form or MergeThreadForm()
    # Moderation actions (community.views.moderation): split, close as duplicate, history.
    context.update(
        moderation_context(
            member,
            thread,
            duplicate_form=duplicate_form,
            lock_reason_error=lock_reason_error,
        )
    )
    context["has_thread_tools"] = any(
        context[name] for name in ("may_moderate", "may_move", "may_lock", "may_merge", "may_split")
    )
    if context["may_set_idea_status"]:
        context["idea_form"] = idea_form or IdeaStatusForm(initial={"status": thread.idea_status})
    # The support team's notice and the ways to call it (community.escalation).
    context.update(escalation_context(member, thread, escalation_form=escalation_form))
    # Known issues: a status post's updates, a linked thread's notice, the staff's tools.
    context["known_issue_box"] = known_issue_box(viewer=member, thread=thread)
    # Panels other apps add (community.extensions.register_thread_panel).
    context["thread_panels"] = thread_panels(viewer=member, thread=thread)
    return context


def _visible_original(member, thread: Thread) -> Thread | None:
    """The thread `thread` was closed as a duplicate of, if the reader may see it."""
    if thread.duplicate_of_id is None:
        return None
    original = selectors.get_thread_or_none(thread.duplicate_of_id)
    if original is None or original.deleted_at is not None:
        return None
    try:
        check_see_thread_permission(member=member, thread=original)
    except Http404:
        return None
    return original


def moderation_context(
    member, thread: Thread, *, duplicate_form=None, lock_reason_error=""
) -> dict:
    """What the thread page shows of the moderation actions: the split page's link, the
    close-as-duplicate form, the original a closed thread points to, the history link."""
    from community.forms import CloseAsDuplicateForm

    may_close = can(member, "community.close_as_duplicate", thread)
    context = {
        "may_split": can(member, "community.split_thread", thread),
        "may_close_duplicate": may_close,
        "lock_reason_error": lock_reason_error,
        "duplicate_original": _visible_original(member, thread),
        "has_moderation_history": selectors.has_moderation_history(thread),
    }
    if may_close:
        context["duplicate_form"] = duplicate_form or CloseAsDuplicateForm()
    return context


class EscalateThreadForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note for the support team"),
        help_text=gettext_lazy(
            "Why does this question need the support team? Only the team reads this note."
        ),
        max_length=MAX_NOTE_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "required": gettext_lazy("Tell the support team why this question needs them.")
        },
    )


_latest_escalation = PreparedQuery(
    lambda thread_pk: (
        Escalation.objects.filter(thread_id=thread_pk)
        .only("pk", "thread_id", "status", "reasons", "created_at", "resolution_post_id")
        .order_by("-created_at", "-pk")[:1]
    )
)


def escalation_context(member, thread: Thread, *, escalation_form=None) -> dict:
    """The escalation notice (open: the team is looking into it; resolved: it answered,
    with a link to its answer), the asker's request button and the escalate form for super
    users and staff. One query, for questions only; it also answers the permission rules'
    question about the open escalation."""
    if thread.kind != ThreadKind.QUESTION:
        return {}
    escalations = _latest_escalation(thread.pk)
    latest = escalations[0] if escalations else None
    thread.__dict__["open_escalation"] = latest if latest is not None and latest.is_open else None
    context = {
        "escalation_notice": latest,
        "escalation_resolution_url": (
            reverse("community:post", kwargs={"pk": latest.resolution_post_id})
            if latest is not None and latest.resolution_post_id
            else ""
        ),
        "may_request_support": can(member, "community.request_support", thread),
    }
    escalated_by_hand = (
        latest is not None and latest.is_open and EscalationReason.MANUAL in latest.reasons
    )
    if can(member, "community.escalate_thread", thread) and not escalated_by_hand:
        context["escalation_form"] = escalation_form or EscalateThreadForm()
    return context


def render_thread_page(request, thread: Thread, *, status: int = 200, **forms):
    """The thread page as a response; `forms` as for ``thread_page_context``."""
    return render(request, TEMPLATE, thread_page_context(request, thread, **forms), status=status)
