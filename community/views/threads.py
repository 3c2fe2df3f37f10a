from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.views import View

from community import selectors
from community.forms import AskForm
from community.i18n import active_language
from community.models import IdeaStatus, Space, ThreadKind
from community.permissions import check_ask_permission
from community.searching import similar_solved_threads
from community.services.posts import ask_question
from community.services.tags import resolve_tags
from community.views.drafts import keep_draft, take_draft
from community.views.helpers import get_visible_thread_or_404
from community.views.previews import preview_html
from community.views.rows import (
    LanguageScope,
    present_space_cards,
    present_thread_links,
    present_thread_rows,
)
from community.views.thread_page import render_thread_page


def _reader_languages(request) -> tuple[str, tuple[str, ...]]:
    """The page's language and the languages the reader's lists show by default."""
    ui_language = active_language()
    return ui_language, selectors.reader_languages(request, ui_language)


def home(request):
    query = selectors.ThreadListQuery.from_params(request.GET)
    ui_language, languages = _reader_languages(request)
    all_languages = query.all_languages
    recent = selectors.thread_list(
        member=request.user,
        query=selectors.ThreadListQuery(all_languages=all_languages),
        languages=languages,
    )
    recent = selectors.attach_tag_names(list(selectors.thread_rows(recent)[:8]))
    # Shown as links only: no tags to load.
    waiting = selectors.thread_list(
        member=request.user,
        query=selectors.ThreadListQuery(
            filter="unanswered", sort="newest", all_languages=all_languages
        ),
        languages=languages,
    )
    waiting = selectors.thread_rows(waiting)[:5]
    context = {
        "spaces": present_space_cards(
            selectors.listed_spaces_with_counts(None if all_languages else languages),
            all_languages=all_languages,
        ),
        "recent_threads": present_thread_rows(recent, ui_language=ui_language),
        "unanswered_threads": present_thread_links(waiting, ui_language=ui_language),
        "language_scope": LanguageScope(languages=languages, showing_all=all_languages),
    }
    return render(request, "community/home.html", context)


def thread_list(request, slug=None):
    space = None
    if slug:
        space = selectors.listed_space_or_none(slug=slug, member=request.user)
        if space is None:
            raise Http404
    query = selectors.ThreadListQuery.from_params(request.GET)
    ui_language, languages = _reader_languages(request)
    threads = selectors.thread_list(
        member=request.user, query=query, space=space, languages=languages
    )
    page = selectors.paginate(selectors.thread_rows(threads), request.GET.get("page"))
    selectors.attach_tag_names(page.object_list)
    present_thread_rows(page.object_list, ui_language=ui_language, show_space=space is None)
    context = {
        "space": space,
        "page_obj": page,
        "query": query,
        "language_scope": LanguageScope(languages=languages, showing_all=query.all_languages),
        "filters": selectors.LIST_FILTERS,
        "sorts": selectors.LIST_SORTS,
        "is_following_space": space is not None and space.viewer_follows,
        "kinds": ThreadKind.choices,
        "idea_statuses": IdeaStatus.choices,
        "shows_idea_statuses": query.is_ideas
        or (space is not None and space.default_kind == ThreadKind.IDEA),
    }
    if request.htmx and request.htmx.target == "thread-list":
        return render(request, "community/partials/thread_list_results.html", context)
    return render(request, "community/thread_list.html", context)


def thread_short_url(request, pk):
    thread = get_visible_thread_or_404(member=request.user, pk=pk, allow_deleted=True)
    return HttpResponsePermanentRedirect(thread.get_absolute_url())


class ThreadView(View):
    def get(self, request, pk, slug):
        thread = get_visible_thread_or_404(member=request.user, pk=pk, allow_deleted=True)
        if thread.deleted_at is not None:
            return render(request, "community/thread_deleted.html", {"thread": thread}, status=410)
        if slug != thread.slug:
            url = thread.get_absolute_url()
            if request.GET:
                url += "?" + request.GET.urlencode()
            return HttpResponsePermanentRedirect(url)
        return render_thread_page(request, thread)


class AskView(LoginRequiredMixin, View):
    template_name = "community/ask.html"

    def handle_no_permission(self):
        # Signed out while writing (a session that ended): keep the question for after sign-in.
        if self.request.method == "POST":
            keep_draft(self.request, "ask")
        return super().handle_no_permission()

    def _initial(self, request):
        draft = take_draft(request, "ask")
        if draft:
            return draft
        initial = {"title": request.GET.get("title", "")}
        space = Space.objects.listed().filter(slug=request.GET.get("space", "")).first()
        if space is not None:
            initial["space"] = space.pk
            initial["kind"] = space.default_kind
        return initial

    def _render(self, request, form, *, similar=None, preview_html=None, status=200):
        space = form.selected_space()
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
                preview_html=preview_html(request.POST.get("body", ""))
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
