from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponsePermanentRedirect, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django_htmx.http import HttpResponseClientRedirect

from community import selectors
from community.forms import AskForm
from community.i18n import active_language
from community.models import IdeaStatus, Space, Tag, ThreadKind
from community.permissions import check_ask_permission
from community.privacy import PersonalDataFound
from community.searching import ask_suggestions
from community.services.posts import ask_question
from community.services.ratelimits import RateLimited, check_preview_rate
from community.services.space_suggestion import suggest_space
from community.services.tags import resolve_tags
from community.views.cases import confirms_contact_details, send_privately
from community.views.drafts import keep_draft, take_draft
from community.views.helpers import (
    get_visible_thread_or_404,
    rate_limit_visitor,
    too_many_requests,
)
from community.views.previews import preview_html
from community.views.rows import (
    LanguageScope,
    attach_row_fragments,
    present_space_cards,
    present_thread_links,
)
from community.views.thread_page import render_thread_page


def page_languages(request) -> tuple[str, tuple[str, ...]]:
    """The page's language and the languages the reader's lists show by default."""
    ui_language = active_language()
    return ui_language, selectors.reader_languages(request, ui_language)


def list_page_context(request, query: selectors.ThreadListQuery, *, space=None) -> dict:
    """What every thread list shows (``partials/thread_list_results.html`` and the list's
    controls): one page of rows in the reader's languages, and the filters and sorts."""
    ui_language, languages = page_languages(request)
    rows = selectors.thread_list_rows(
        member=request.user, query=query, space=space, languages=languages
    )
    page = selectors.paginate(rows, request.GET.get("page"))
    selectors.attach_tag_names(page.object_list)
    attach_row_fragments(page.object_list, ui_language=ui_language, show_space=space is None)
    return {
        "page_obj": page,
        "query": query,
        "language_scope": LanguageScope(languages=languages, showing_all=query.all_languages),
        "filters": selectors.LIST_FILTERS,
        "sorts": selectors.LIST_SORTS,
    }


def home(request):
    query = selectors.ThreadListQuery.from_params(request.GET)
    ui_language, languages = page_languages(request)
    all_languages = query.all_languages
    recent = selectors.thread_list_rows(
        member=request.user,
        query=selectors.ThreadListQuery(all_languages=all_languages),
        languages=languages,
    )
    recent = selectors.attach_tag_names(list(recent[:8]))
    # Shown as links only: no tags to load.
    waiting = selectors.thread_list_rows(
        member=request.user,
        query=selectors.ThreadListQuery(
            filter="unanswered", sort="newest", all_languages=all_languages
        ),
        languages=languages,
    )[:5]
    context = {
        "spaces": present_space_cards(
            selectors.listed_spaces_with_counts(None if all_languages else languages),
            all_languages=all_languages,
        ),
        "recent_threads": attach_row_fragments(recent, ui_language=ui_language),
        "unanswered_threads": present_thread_links(waiting, ui_language=ui_language),
        "language_scope": LanguageScope(languages=languages, showing_all=all_languages),
    }
    return render(request, "community/home.html", context)


def _idea_list_url(query: selectors.ThreadListQuery) -> str:
    """Where /questions/?kind=idea… went: the ideas list, on the same status and order."""
    params = QueryDict(mutable=True)
    if query.idea_status:
        params["status"] = query.idea_status
    if query.sort in ("newest", "me_too"):
        params["sort"] = "newest" if query.sort == "newest" else "votes"
    url = reverse("community:ideas")
    return f"{url}?{params.urlencode()}" if params else url


def thread_list(request, slug=None):
    space = None
    if slug:
        space = selectors.listed_space_or_none(slug=slug, member=request.user)
        if space is None:
            raise Http404
    query = selectors.ThreadListQuery.from_params(request.GET)
    if space is None and (query.is_ideas or query.idea_status):
        # Ideas have their own list; the kind menu here leads there too.
        url = _idea_list_url(query)
        return HttpResponseClientRedirect(url) if request.htmx else redirect(url)
    context = {
        "space": space,
        **list_page_context(request, query, space=space),
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


def _to_merged_thread(request, duplicate):
    """A merged duplicate points to the thread its answers went to, saying why."""
    messages.info(
        request,
        _("“%(title)s” was merged into this thread. Reason: %(reason)s")
        % {"title": duplicate.title, "reason": duplicate.merge_reason},
    )
    return redirect(duplicate.merged_into)


class ThreadView(View):
    def get(self, request, pk, slug):
        thread = get_visible_thread_or_404(member=request.user, pk=pk, allow_deleted=True)
        if thread.deleted_at is not None:
            return render(request, "community/thread_deleted.html", {"thread": thread}, status=410)
        if thread.merged_into_id is not None:
            return _to_merged_thread(request, thread)
        if slug != thread.slug:
            url = thread.get_absolute_url()
            if request.GET:
                url += "?" + request.GET.urlencode()
            return HttpResponsePermanentRedirect(url)
        return render_thread_page(request, thread)


class AskView(LoginRequiredMixin, View):
    template_name = "community/ask.html"
    # Buttons that show something and save nothing (they work without JavaScript).
    LOOK_BUTTONS = ("check_similar", "preview", "use_space")

    def handle_no_permission(self):
        # Signed out while writing (a session that ended): keep the question for after sign-in.
        if self.request.method == "POST":
            keep_draft(self.request, "ask")
        return super().handle_no_permission()

    def _initial(self, request):
        draft = take_draft(request, "ask")
        if draft:
            return draft
        initial = {"title": request.GET.get("title", ""), "tags": request.GET.get("tags", "")}
        # Coming from a space's page is a choice the member made; otherwise none is made for them.
        space = Space.objects.listed().filter(slug=request.GET.get("space", "")).first()
        if space is not None:
            initial["space"] = space.pk
            initial["kind"] = space.default_kind
        if request.GET.get("kind") in ThreadKind.values:  # "Suggest an idea": ?kind=idea
            initial["kind"] = request.GET["kind"]
        return initial

    def _render(
        self, request, form, *, similar=None, preview_html=None, status=200, personal_data=None
    ):
        space = form.selected_space()
        title = form["title"].value() or ""
        suggested = suggest_space(title) if title.strip() else None
        context = {
            "form": form,
            "similar": similar,
            "preview_html": preview_html,
            "space": space,
            "suggested_space": suggested if suggested != space else None,
            "official_tags": Tag.objects.vocabulary(),
            "typical": selectors.typical_first_response(space=space),
            "target": space.first_response_target if space else None,
            # What the personal-data guard found (community/partials/personal_data_found.html).
            "personal_data": personal_data,
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request):
        form = AskForm(initial=self._initial(request), member=request.user)
        title = request.GET.get("title", "")
        similar = None
        if title:
            try:
                check_preview_rate(visitor=rate_limit_visitor(request), member=request.user)
            except RateLimited:
                pass  # the form itself is never refused; the list waits for the next look
            else:
                similar = ask_suggestions(title)
        return self._render(request, form, similar=similar)

    def post(self, request):
        if any(button in request.POST for button in self.LOOK_BUTTONS):
            return self._look(request)
        form = AskForm(request.POST, member=request.user)
        if "send_privately" in request.POST:
            return self._send_privately(request, form)
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
                contact_confirmed=confirms_contact_details(request),
                urgency=data["urgency"],
            )
        except RateLimited as refusal:
            form.add_error(None, refusal)
            return too_many_requests(self._render(request, form), refusal)
        except PersonalDataFound as found:
            return self._render(request, form, status=400, personal_data=found)
        except ValidationError as error:
            form.add_error(None, error)
            return self._render(request, form, status=400)
        request.session["just_asked"] = thread.pk
        return redirect(thread)

    def _send_privately(self, request, form):
        """The question goes to the support team as a private message instead."""
        try:
            case = send_privately(
                request,
                title=request.POST.get("title", ""),
                body=request.POST.get("body", ""),
                space=form.selected_space(),
            )
        except ValidationError as error:
            form.is_valid()
            form.add_error(None, error)
            return self._render(request, form, status=400)
        return redirect(case)

    def _look(self, request):
        """Similar questions, a preview or the suggested space, with the form as typed.

        Nothing is checked yet: errors would scold the member for a form they did not send."""
        typed = {name: request.POST.get(name, "") for name in AskForm.base_fields}
        if "use_space" in request.POST:
            typed["space"] = request.POST["use_space"]
        form = AskForm(initial=typed, member=request.user)
        try:
            check_preview_rate(visitor=rate_limit_visitor(request), member=request.user)
        except RateLimited as refusal:
            # The form is not bound (nothing is checked on a look): the reason goes on top.
            messages.error(request, refusal.messages[0])
            return too_many_requests(self._render(request, form), refusal)
        return self._render(
            request,
            form,
            similar=ask_suggestions(typed["title"]),
            preview_html=preview_html(typed["body"]) if "preview" in request.POST else None,
        )
