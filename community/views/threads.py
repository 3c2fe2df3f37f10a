import json
from urllib.parse import quote

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponsePermanentRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views import View

from community import selectors
from community.forms import AnswerForm, AskForm, IdeaStatusForm, MoveThreadForm
from community.markdown import excerpt, render_markdown
from community.models import IdeaStatus, Space, Thread, ThreadKind
from community.permissions import can, check_ask_permission
from community.searching import similar_solved_threads
from community.services.posts import ask_question
from community.services.tags import resolve_tags
from community.tasks import rerender_posts_task
from community.views.helpers import get_visible_thread_or_404
from community.views.presenters import present_posts


def home(request):
    spaces = Space.objects.listed().annotate(
        thread_count=Count(
            "threads", filter=Q(threads__hidden_at__isnull=True, threads__deleted_at__isnull=True)
        )
    )
    recent = selectors.thread_list(member=request.user, query=selectors.ThreadListQuery())[:8]
    waiting = selectors.thread_list(
        member=request.user, query=selectors.ThreadListQuery(filter="unanswered", sort="newest")
    )[:5]
    return render(
        request,
        "community/home.html",
        {"spaces": spaces, "recent_threads": recent, "unanswered_threads": waiting},
    )


def thread_list(request, slug=None):
    space = get_object_or_404(Space.objects.filter(is_active=True), slug=slug) if slug else None
    query = selectors.ThreadListQuery.from_params(request.GET)
    threads = selectors.thread_list(member=request.user, query=query, space=space)
    page = selectors.paginate(threads, request.GET.get("page"))
    context = {
        "space": space,
        "page_obj": page,
        "query": query,
        "spaces": Space.objects.listed(),
        "filters": selectors.LIST_FILTERS,
        "sorts": selectors.LIST_SORTS,
        "is_following_space": space is not None
        and selectors.is_following_space(member=request.user, space=space),
        "kinds": ThreadKind.choices,
        "idea_statuses": IdeaStatus.choices,
    }
    if request.htmx and request.htmx.target == "thread-list":
        return render(request, "community/partials/thread_list_results.html", context)
    return render(request, "community/thread_list.html", context)


def thread_short_url(request, pk):
    thread = get_visible_thread_or_404(member=request.user, pk=pk, allow_deleted=True)
    return HttpResponsePermanentRedirect(thread.get_absolute_url())


def _qa_page_json_ld(thread: Thread, page: selectors.ThreadPage, request) -> str:
    """schema.org QAPage, so search engines can show the solution under the result."""

    def answer(post):
        return {
            "@type": "Answer",
            "text": excerpt(post.body_html, 1000),
            "dateCreated": post.created_at.isoformat(),
            "upvoteCount": post.helpful_count,
            "url": request.build_absolute_uri(post.get_absolute_url()),
            "author": {"@type": "Person", "name": post.author.public_name},
        }

    visible = [p for p in page.answers.object_list if p.is_visible]
    question = {
        "@type": "Question",
        "name": thread.title,
        "text": excerpt(page.opening.body_html, 1000),
        "answerCount": thread.answer_count,
        "upvoteCount": thread.helpful_count,
        "dateCreated": thread.created_at.isoformat(),
        "author": {"@type": "Person", "name": thread.author.public_name},
    }
    if page.solution is not None and page.solution.is_visible:
        question["acceptedAnswer"] = answer(page.solution)
    suggested = [answer(p) for p in [p for p in visible if p.pk != thread.solution_id][:10]]
    if suggested:
        question["suggestedAnswer"] = suggested
    data = {"@context": "https://schema.org", "@type": "QAPage", "mainEntity": question}
    # The same escaping as Django's json_script: nothing can close the <script> early.
    text = json.dumps(data, ensure_ascii=False)
    text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{text}</script>')


class ThreadView(View):
    template_name = "community/thread.html"

    def get(self, request, pk, slug):
        thread = get_visible_thread_or_404(member=request.user, pk=pk, allow_deleted=True)
        if thread.deleted_at is not None:
            return render(request, "community/thread_deleted.html", {"thread": thread}, status=410)
        if slug != thread.slug:
            url = thread.get_absolute_url()
            if request.GET:
                url += "?" + request.GET.urlencode()
            return HttpResponsePermanentRedirect(url)
        return self.render_page(request, thread)

    def render_page(
        self, request, thread, *, answer_form=None, status=200, preview_html=None, idea_form=None
    ):
        member = request.user
        page = selectors.thread_page(
            member=member, thread=thread, page_number=request.GET.get("page")
        )
        if page.stale_post_ids:
            # Rendered by an older renderer: show a fresh rendering now, store it in the worker.
            for post in [page.opening, *page.answers.object_list]:
                if post.pk in page.stale_post_ids:
                    post.body_html = render_markdown(post.body)
            rerender_posts_task.delay(post_ids=page.stale_post_ids)
        posts = [page.opening, *page.answers.object_list]
        if page.solution is not None and page.solution not in posts:
            posts.append(page.solution)
        present_posts(posts, thread=thread, member=member)
        just_asked = None
        if member.is_authenticated and request.session.get("just_asked") == thread.pk:
            del request.session["just_asked"]
            just_asked = {
                "typical": selectors.typical_first_response(space=thread.space),
                "target": thread.space.first_response_target,
            }
        may_answer = can(member, "community.answer", thread)
        context = {
            "thread": thread,
            "page": page,
            "opening": page.opening,
            "answers": page.answers,
            "solution": page.solution,
            "just_asked": just_asked,
            "may_answer": may_answer,
            "may_me_too": can(member, "community.me_too", thread),
            "may_moderate": can(member, "community.moderate_thread", thread),
            "may_set_idea_status": can(member, "community.set_idea_status", thread),
            "answer_form": answer_form or (AnswerForm() if may_answer else None),
            "preview_html": preview_html,
            "json_ld": _qa_page_json_ld(thread, page, request),
            "meta_description": excerpt(page.opening.body_html, 160),
            # Visitors' vote buttons are links to log in and come back to the post.
            "login_url": f"{reverse('account_login')}?next={quote(thread.get_absolute_url() + '#post-')}",
        }
        if context["may_moderate"]:
            context["move_form"] = MoveThreadForm(
                initial={"space": thread.space_id, "kind": thread.kind}
            )
        if context["may_set_idea_status"]:
            context["idea_form"] = idea_form or IdeaStatusForm(
                initial={"status": thread.idea_status}
            )
        return render(request, self.template_name, context, status=status)


class AskView(LoginRequiredMixin, View):
    template_name = "community/ask.html"

    def _initial(self, request):
        initial = {"title": request.GET.get("title", "")}
        space = Space.objects.listed().filter(slug=request.GET.get("space", "")).first()
        if space is not None:
            initial["space"] = space.pk
            initial["kind"] = space.default_kind
        return initial

    def _render(self, request, form, *, similar=None, preview_html=None, status=200):
        space = None
        if form.is_bound and form.data.get("space"):
            space = Space.objects.filter(pk=form.data.get("space")).first()
        elif form.initial.get("space"):
            space = Space.objects.filter(pk=form.initial["space"]).first()
        context = {
            "form": form,
            "similar": similar,
            "preview_html": preview_html,
            "space": space,
            "typical": selectors.typical_first_response(space=space),
            "target": space.first_response_target if space else None,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        form = AskForm(initial=self._initial(request), member=request.user)
        title = request.GET.get("title", "")
        similar = similar_solved_threads(title) if title else None
        return self._render(request, form, similar=similar)

    def post(self, request):
        form = AskForm(request.POST, member=request.user)
        if "check_similar" in request.POST or "preview" in request.POST:
            # Without JavaScript these buttons show suggestions or a preview; nothing is saved.
            return self._render(
                request,
                form,
                similar=similar_solved_threads(request.POST.get("title", "")),
                preview_html=render_markdown(request.POST.get("body", ""))
                if "preview" in request.POST
                else None,
            )
        if not form.is_valid():
            return self._render(request, form, status=400)
        data = form.cleaned_data
        check_ask_permission(member=request.user, kind=data["kind"])
        try:
            thread = ask_question(
                author=request.user,
                space=data["space"],
                title=data["title"],
                body=data["body"],
                kind=data["kind"],
                tags=resolve_tags(names=data["tags"], by=request.user),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self._render(request, form, status=400)
        request.session["just_asked"] = thread.pk
        return redirect(thread)
