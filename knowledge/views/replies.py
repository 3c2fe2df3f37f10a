"""Saved replies: the list with search and language filter, new, edit, delete, and using
one in the answer editor of a thread (the picker, and its page for browsers without
JavaScript)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.db.models import Case, When
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from community.permissions import can
from community.privacy import find_personal_data
from community.views.helpers import get_visible_thread_or_404
from knowledge.models import SavedReply
from knowledge.permissions import (
    check_change_saved_reply_permission,
    check_see_saved_reply_permission,
    check_use_saved_replies_permission,
)
from knowledge.services.replies import (
    create_saved_reply,
    delete_saved_reply,
    fill_placeholders,
    update_saved_reply,
    use_saved_reply,
)

PER_PAGE = 50
# The picker on a thread page lists this many replies (most used first); the search box
# and the page without JavaScript reach the rest.
PICKER_LIMIT = 100


class SavedReplyForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=120)
    body = forms.CharField(
        label=gettext_lazy("Text"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=gettext_lazy(
            "Markdown works. {asker} is replaced by the asker’s name and {me} by yours when "
            "you insert the reply."
        ),
    )
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=settings.LANGUAGES)
    is_shared = forms.BooleanField(
        label=gettext_lazy("Share with the team"),
        required=False,
        help_text=gettext_lazy("Shared replies can be used by all staff and super users."),
    )

    def __init__(self, *args, may_share: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_share:
            del self.fields["is_shared"]

    def clean(self):
        # Saved replies are posted in public again and again: no personal data in them.
        cleaned = super().clean()
        for name in ("title", "body"):
            value = cleaned.get(name) or ""
            if find_personal_data(value):
                self.add_error(
                    name,
                    forms.ValidationError(
                        _(
                            "A saved reply is posted in public: it cannot hold an e-mail "
                            "address, a phone number, bank details or other personal data. "
                            "Use a placeholder such as {asker} instead."
                        ),
                        code="personal_data",
                    ),
                )
        return cleaned


def _may_share(member) -> bool:
    return can(member, "knowledge.share_saved_replies")


def _get_reply_or_404(member, pk: int) -> SavedReply:
    reply = get_object_or_404(SavedReply.objects.select_related("owner"), pk=pk)
    check_see_saved_reply_permission(member=member, reply=reply)
    return reply


class SavedReplyListView(LoginRequiredMixin, View):
    def get(self, request):
        member = request.user
        check_use_saved_replies_permission(member=member)
        query = request.GET.get("q", "").strip()[:100]
        language = request.GET.get("language", "")
        if language not in dict(settings.LANGUAGES):
            language = ""
        replies = SavedReply.objects.usable_by(member).matching(query).for_list()
        if language:
            replies = replies.filter(language=language)
        page_obj = Paginator(replies, PER_PAGE).get_page(request.GET.get("page"))
        for reply in page_obj.object_list:
            reply.may_change = can(member, "knowledge.change_saved_reply", reply)
        return render(
            request,
            "knowledge/replies.html",
            {
                "page_obj": page_obj,
                "query": query,
                "language": language,
                "languages": settings.LANGUAGES,
            },
        )


class SavedReplyCreateView(LoginRequiredMixin, View):
    def get(self, request):
        check_use_saved_replies_permission(member=request.user)
        form = SavedReplyForm(
            may_share=_may_share(request.user),
            initial={"language": request.LANGUAGE_CODE[:2], "is_shared": False},
        )
        return self._render(request, form)

    def post(self, request):
        member = request.user
        check_use_saved_replies_permission(member=member)
        form = SavedReplyForm(request.POST, may_share=_may_share(member))
        if not form.is_valid():
            return self._render(request, form, status=400)
        data = form.cleaned_data
        create_saved_reply(
            by=member,
            title=data["title"],
            body=data["body"],
            language=data["language"],
            is_shared=data.get("is_shared", False),
        )
        messages.success(request, _("Saved reply created."))
        return redirect("knowledge:replies")

    def _render(self, request, form, status=200):
        return render(
            request, "knowledge/replies_form.html", {"form": form, "reply": None}, status=status
        )


class SavedReplyEditView(LoginRequiredMixin, View):
    def get(self, request, pk):
        reply = _get_reply_or_404(request.user, pk)
        check_change_saved_reply_permission(member=request.user, reply=reply)
        form = SavedReplyForm(
            may_share=_may_share(request.user),
            initial={
                "title": reply.title,
                "body": reply.body,
                "language": reply.language,
                "is_shared": reply.is_shared,
            },
        )
        return self._render(request, form, reply)

    def post(self, request, pk):
        member = request.user
        reply = _get_reply_or_404(member, pk)
        check_change_saved_reply_permission(member=member, reply=reply)
        form = SavedReplyForm(request.POST, may_share=_may_share(member))
        if not form.is_valid():
            return self._render(request, form, reply, status=400)
        data = form.cleaned_data
        update_saved_reply(
            reply=reply,
            by=member,
            title=data["title"],
            body=data["body"],
            language=data["language"],
            is_shared=data.get("is_shared", reply.is_shared),
        )
        messages.success(request, _("Saved reply updated."))
        return redirect("knowledge:replies")

    def _render(self, request, form, reply, status=200):
        return render(
            request, "knowledge/replies_form.html", {"form": form, "reply": reply}, status=status
        )


class SavedReplyDeleteView(LoginRequiredMixin, View):
    def get(self, request, pk):
        reply = _get_reply_or_404(request.user, pk)
        check_change_saved_reply_permission(member=request.user, reply=reply)
        return render(request, "knowledge/replies_confirm_delete.html", {"reply": reply})

    def post(self, request, pk):
        reply = _get_reply_or_404(request.user, pk)
        check_change_saved_reply_permission(member=request.user, reply=reply)
        delete_saved_reply(reply=reply, by=request.user)
        messages.success(request, _("Saved reply deleted."))
        return redirect("knowledge:replies")


def _thread_for_answer(request, raw_pk):
    """The thread whose answer editor the reply goes into: one the member may answer."""
    try:
        pk = int(raw_pk)
    except (TypeError, ValueError):
        raise Http404 from None
    thread = get_visible_thread_or_404(member=request.user, pk=pk)
    if not can(request.user, "community.answer", thread):
        raise Http404
    return thread


class SavedReplyPickView(LoginRequiredMixin, View):
    """The picker as a page, for browsers without JavaScript: every reply with its text,
    placeholders filled, to copy or to put into the answer form."""

    def get(self, request):
        member = request.user
        check_use_saved_replies_permission(member=member)
        thread = _thread_for_answer(request, request.GET.get("thread"))
        query = request.GET.get("q", "").strip()[:100]
        replies = list(
            SavedReply.objects.usable_by(member).matching(query).for_list()[:PICKER_LIMIT]
        )
        for reply in replies:
            reply.filled = fill_placeholders(
                reply.body, asker_name=thread.author.public_name, my_name=member.public_name
            )
        return render(
            request,
            "knowledge/replies_pick.html",
            {"thread": thread, "replies": replies, "query": query},
        )


class SavedReplyUseView(LoginRequiredMixin, View):
    """Insert a reply into the answer editor of a thread: counts a use and gives its text.

    The picker's script asks for JSON and puts the text at the cursor; without JavaScript
    the text is put into the thread's answer form (as a kept draft) and the member is sent
    there to edit it before posting.
    """

    def post(self, request, pk):
        member = request.user
        check_use_saved_replies_permission(member=member)
        reply = _get_reply_or_404(member, pk)
        thread = _thread_for_answer(request, request.POST.get("thread"))
        text = use_saved_reply(reply=reply, by=member, thread=thread)
        if "application/json" in request.headers.get("Accept", ""):
            return JsonResponse({"body": text, "use_count": reply.use_count})
        # The same session key community's answer form fills itself from (views.drafts).
        request.session[f"draft:answer:{thread.pk}"] = {"body": text}
        messages.success(request, _("The saved reply is in the answer form: edit it, then post."))
        return redirect(thread.get_absolute_url() + "#answer-form-title")


def saved_reply_picker(*, member, thread) -> dict | None:
    """“Insert a saved reply” above the answer form, for staff and super users. One query:
    the replies they may use, those in the thread's language first, then the most used."""
    if not can(member, "knowledge.use_saved_replies"):
        return None
    in_thread_language = Case(When(language=thread.language, then=0), default=1)
    replies = list(
        SavedReply.objects.usable_by(member)
        .only("pk", "title", "language", "use_count")
        .order_by(in_thread_language, "-use_count", "title", "pk")[:PICKER_LIMIT]
    )
    return {
        "template": "knowledge/replies_picker.html",
        "replies": replies,
        "thread": thread,
        "pick_url": f"{reverse('knowledge:reply_pick')}?thread={thread.pk}",
    }
