from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST

from community import selectors
from community.diffs import inline_diff, inline_text_diff
from community.forms import EditPostForm, answer_form_class
from community.markdown import render_markdown
from community.permissions import (
    can,
    check_answer_permission,
    check_delete_post_permission,
    check_edit_post_permission,
    check_restore_post_permission,
    check_restore_thread_permission,
    check_see_post_history_permission,
    check_upload_image_permission,
)
from community.privacy import PersonalDataFound
from community.replies import is_me_too_reply
from community.services.cases import case_title_for_thread
from community.services.posts import (
    EditConflict,
    delete_post,
    edit_post,
    post_answer,
    restore_post,
)
from community.services.ratelimits import RateLimited, check_preview_rate
from community.services.redaction import redactions_of
from community.services.tags import resolve_tags
from community.services.uploads import store_post_image
from community.views.cases import confirms_contact_details, send_privately
from community.views.drafts import keep_draft
from community.views.helpers import (
    get_deleted_or_visible_post_or_404,
    get_deleted_or_visible_thread_or_404,
    get_visible_post_or_404,
    get_visible_thread_or_404,
    login_then_back,
    member_action,
    rate_limit_visitor,
    too_many_requests,
)
from community.views.previews import preview_html
from community.views.thread_page import render_thread_page


def post_permalink(request, pk):
    """/p/<pk>/ → the post in its thread, on the right page."""
    post = get_visible_post_or_404(member=request.user, pk=pk)
    page = selectors.post_position(post)
    url = post.thread.get_absolute_url()
    if page > 1:
        url += f"?page={page}"
    return HttpResponseRedirect(f"{url}#post-{post.pk}")


def _only_says_me_too(request, thread, body: str) -> bool:
    """A reply that only says "me too", where the member could press the button instead
    (and has not chosen to post it anyway)."""
    return (
        "post_anyway" not in request.POST
        and can(request.user, "community.me_too", thread)
        and is_me_too_reply(body)
    )


class AnswerView(View):
    def post(self, request, pk):
        thread = get_visible_thread_or_404(member=request.user, pk=pk)
        if not request.user.is_authenticated:
            keep_draft(request, f"answer:{thread.pk}")
            return login_then_back(request, thread.get_absolute_url() + "#answer-form-title")
        form = answer_form_class(thread)(request.POST)
        if "send_privately" in request.POST:
            return self._send_privately(request, thread, form)
        try:
            check_answer_permission(member=request.user, thread=thread)
        except PermissionDenied as refusal:
            # Locked (or deleted) while the member was writing: the text comes back with why.
            form.is_valid()
            form.add_error(None, str(refusal))
            return render_thread_page(request, thread, answer_form=form, status=403)
        if "preview" in request.POST:
            try:
                check_preview_rate(visitor=rate_limit_visitor(request), member=request.user)
            except RateLimited as refusal:
                form.is_valid()
                form.add_error(None, refusal)
                response = render_thread_page(request, thread, answer_form=form)
                return too_many_requests(response, refusal)
            return render_thread_page(
                request, thread, answer_form=form, preview_html=preview_html(form.data.get("body"))
            )
        if form.is_valid():
            if _only_says_me_too(request, thread, form.cleaned_data["body"]):
                # The button counts the member and follows the thread; the reply would only
                # add noise. Posting it anyway is one more click (thread.html).
                form.suggests_me_too = True
                return render_thread_page(request, thread, answer_form=form)
            try:
                post = post_answer(
                    thread=thread, author=request.user, body=form.cleaned_data["body"],
                    contact_confirmed=confirms_contact_details(request),
                )  # fmt: skip
            except PersonalDataFound as found:
                return render_thread_page(
                    request, thread, answer_form=form, personal_data=found, status=400
                )
            except RateLimited as refusal:
                form.add_error("body", refusal)
                response = render_thread_page(request, thread, answer_form=form)
                return too_many_requests(response, refusal)
            except ValidationError as error:
                form.add_error("body", error)
            else:
                messages.success(
                    request,
                    _("Thank you! Your comment is posted.")
                    if thread.is_idea
                    else _("Thank you! Your answer is posted."),
                )
                return redirect(post.get_absolute_url())
        return render_thread_page(request, thread, answer_form=form, status=400)

    def _send_privately(self, request, thread, form):
        """The answer goes to the support team as a private message about `thread`."""
        try:
            case = send_privately(
                request, title=case_title_for_thread(thread), body=request.POST.get("body", ""),
                space=thread.space, thread=thread,
            )  # fmt: skip
        except ValidationError as error:
            form.is_valid()
            form.add_error("body", error)
            return render_thread_page(request, thread, answer_form=form, status=400)
        return redirect(case)


class EditPostView(LoginRequiredMixin, View):
    template_name = "community/edit_post.html"

    def _post(self, request, pk):
        post = get_visible_post_or_404(member=request.user, pk=pk)
        check_edit_post_permission(member=request.user, post=post)
        return post

    def _render(
        self, request, post, form, *, status=200, preview_html=None, current=None,
        personal_data=None,
    ):  # fmt: skip
        context = {
            "personal_data": personal_data,
            "post": post,
            "thread": post.thread,
            "form": form,
            "preview_html": preview_html,
            # After an edit conflict: the version saved meanwhile, next to the member's text.
            "current": current,
            "current_revision": current.revisions.select_related("editor").order_by("number").last()
            if current is not None
            else None,
            "current_tags": ", ".join(current.thread.tags.values_list("name", flat=True))
            if current is not None and current.is_opening
            else "",
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request, pk):
        post = self._post(request, pk)
        initial = {"body": post.body, "revision": post.revision_count}
        if post.is_opening:
            initial["title"] = post.thread.title
            initial["tags"] = ", ".join(post.thread.tags.values_list("name", flat=True))
        form = EditPostForm(initial=initial, post=post, member=request.user)
        return self._render(request, post, form)

    def post(self, request, pk):
        post = get_visible_post_or_404(member=request.user, pk=pk)
        form = EditPostForm(request.POST, post=post, member=request.user)
        try:
            check_edit_post_permission(member=request.user, post=post)
        except PermissionDenied as refusal:
            # E.g. the thread was locked while the member was editing: keep the text, say why.
            form.is_valid()
            form.add_error(None, str(refusal))
            return self._render(request, post, form, status=403)
        if "preview" in request.POST:
            try:
                check_preview_rate(visitor=rate_limit_visitor(request), member=request.user)
            except RateLimited as refusal:
                form.is_valid()
                form.add_error(None, refusal)
                return too_many_requests(self._render(request, post, form), refusal)
            return self._render(
                request, post, form, preview_html=preview_html(request.POST.get("body", ""))
            )
        if not form.is_valid():
            return self._render(request, post, form, status=400)
        data = form.cleaned_data
        try:
            edit_post(
                post=post,
                by=request.user,
                body=data["body"],
                title=data.get("title"),
                tags=resolve_tags(names=data["tags"], by=request.user) if post.is_opening else None,
                # A form that does not say what it was based on cannot overwrite blindly.
                base_revision=data["revision"] or 0,
                reason=data.get("reason", ""),
                contact_confirmed=confirms_contact_details(request),
            )
        except PersonalDataFound as found:
            return self._render(request, post, form, status=400, personal_data=found)
        except EditConflict as conflict:
            # Keep the member's text; the next save is based on the version shown beside it.
            form = EditPostForm(
                form.rebased_data(conflict.current.revision_count), post=post, member=request.user
            )
            return self._render(request, post, form, status=409, current=conflict.current)
        except ValidationError as error:
            form.add_error(None, error)
            return self._render(request, post, form, status=400)
        messages.success(request, _("Your changes are saved."))
        return redirect(post.get_absolute_url())


def post_history(request, pk):
    """Every version of a post as readers saw it, newest first, changed words marked."""
    post = get_visible_post_or_404(member=request.user, pk=pk)
    check_see_post_history_permission(member=request.user, post=post)
    revisions = list(post.revisions.select_related("editor").order_by("number"))
    versions, before_html, before_title = [], "", ""
    for revision in revisions:
        after_html = render_markdown(revision.body)
        is_first = not versions
        versions.append(
            {
                "revision": revision,
                "is_first": is_first,
                "title_html": inline_text_diff(before_title, revision.title)
                if post.is_opening and not is_first and revision.title != before_title
                else None,
                "body_html": after_html if is_first else inline_diff(before_html, after_html),
            }
        )
        before_html, before_title = after_html, revision.title
    _attach_redactions(post, versions)
    versions.reverse()
    context = {"post": post, "thread": post.thread, "versions": versions}
    return render(request, "community/post_history.html", context)


def _attach_redactions(post, versions: list[dict]) -> None:
    """Each version lists the redactions made while it was the newest (oldest first): the
    history says only that a moderator redacted, never who or what."""
    for version in versions:
        version["redactions"] = []
    for entry in redactions_of(post).only("created_at"):
        current = [v for v in versions if v["revision"].created_at <= entry.created_at]
        if current:
            current[-1]["redactions"].append(entry.created_at)


@member_action(
    get_object=get_visible_post_or_404, check=check_delete_post_permission, object_name="post"
)
def delete(request, post):
    try:
        delete_post(post=post, by=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(post.get_absolute_url())
    if post.author_id != request.user.pk:
        messages.success(request, _("The post is deleted; the support team can restore it."))
        if post.is_opening:
            return redirect("community:space", slug=post.thread.space.slug)
        return redirect(post.thread.get_absolute_url())
    if post.is_opening:
        messages.success(request, _("Your question is deleted."))
        return redirect("community:space", slug=post.thread.space.slug)
    messages.success(request, _("Your answer is deleted."))
    return redirect(post.thread.get_absolute_url())


@member_action(
    get_object=get_deleted_or_visible_post_or_404,
    check=check_restore_post_permission,
    object_name="post",
)
def restore(request, post):
    """Staff bring back a deleted post (a deleted opening post brings back its thread)."""
    restore_post(post=post, by=request.user)
    messages.success(request, _("The post is restored."))
    return redirect(post.get_absolute_url())


@member_action(
    get_object=get_deleted_or_visible_thread_or_404,
    check=check_restore_thread_permission,
    object_name="thread",
)
def restore_thread(request, thread):
    """The button on a deleted thread's page: restores its opening post, and so the thread."""
    restore_post(post=thread.posts.get(is_opening=True), by=request.user)
    messages.success(request, _("The thread is restored."))
    return redirect(thread.get_absolute_url())


@login_required
@require_POST
def preview(request):
    """The editor's live preview: the same renderer and limits as a saved post. Past the
    previews a minute: 429, and the reason in place of the preview."""
    try:
        check_preview_rate(visitor=rate_limit_visitor(request), member=request.user)
    except RateLimited as refusal:
        notice = format_html('<p class="notice notice--warning">{}</p>', refusal.messages[0])
        return too_many_requests(HttpResponse(notice), refusal)
    return HttpResponse(preview_html(request.POST.get("body", "")))


@require_POST
def upload_image(request):
    """Pasted or dropped into the editor: answers with the Markdown that shows the image."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": _("Sign in to upload images.")}, status=403)
    try:
        check_upload_image_permission(member=request.user)
    except PermissionDenied as refusal:
        # The editor shows the reason where it would have put the image.
        return JsonResponse({"error": str(refusal)}, status=403)
    upload = request.FILES.get("image")
    if upload is None:
        return JsonResponse({"error": _("Choose an image to upload.")}, status=400)
    try:
        image = store_post_image(upload=upload, by=request.user)
    except RateLimited as refusal:
        return too_many_requests(JsonResponse({"error": refusal.messages[0]}), refusal)
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    alt = (upload.name or "image").rsplit(".", 1)[0][:60].replace("[", "").replace("]", "")
    return JsonResponse(
        {"url": image.image.url, "markdown": f"![{alt}]({image.image.url})"}, status=201
    )
