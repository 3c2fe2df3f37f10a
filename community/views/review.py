"""Flagging a post (/p/<id>/flag/) and the review queue (/review/)."""

import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from community.models import Flag, FlagReason, FlagStatus, Member, Post, Thread
from community.models.flags import MEMBER_REASONS
from community.permissions import (
    can_read_post_text,
    check_flag_post_permission,
    check_resolve_flags_permission,
    check_review_permission,
    reviews_only_spam,
)
from community.selectors import review_queue_posts
from community.services.flags import ReviewAction, flag_post, resolve_flags
from community.services.ratelimits import RateLimited
from community.services.spam import rule_labels
from community.views.helpers import get_visible_post_or_404, login_then_back, too_many_requests

REVIEW_PAGE_SIZE = 20

# --- flagging -----------------------------------------------------------------------------


class FlagForm(forms.Form):
    reason = forms.ChoiceField(
        label=gettext_lazy("What is wrong with this post?"),
        choices=[(reason.value, reason.label) for reason in MEMBER_REASONS],
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Choose why you flag this post.")},
    )
    duplicate_of = forms.CharField(
        label=gettext_lazy("Duplicate of (the thread’s address or number)"),
        required=False,
        max_length=300,
    )
    note = forms.CharField(
        label=gettext_lazy("Note for the moderators"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_duplicate_of(self):
        """A thread's number, /t/<number>/… or a full address ending so."""
        text = self.cleaned_data["duplicate_of"].strip()
        if not text:
            return None
        number = _thread_number(text)
        thread = (
            Thread.objects.filter(pk=number, deleted_at__isnull=True).first() if number else None
        )
        if thread is None or thread.hidden_at is not None:
            raise ValidationError(_("No thread found at that address or number."))
        return thread


def _thread_number(text: str) -> int | None:
    if text.lstrip("#").isdigit():
        return int(text.lstrip("#"))
    parts = [part for part in text.split("/") if part]
    for before, after in itertools.pairwise(parts):
        if before == "t" and after.isdigit():
            return int(after)
    return None


@login_required
@require_http_methods(["GET", "POST"])
def flag(request, pk):
    """GET: the flag form (the page without JavaScript, and the thread page's link);
    POST: flag the post and go back to it."""
    post = get_visible_post_or_404(member=request.user, pk=pk)
    already = Flag.objects.filter(post=post, reporter=request.user).first()
    if already is None:
        check_flag_post_permission(member=request.user, post=post)
    form = FlagForm(request.POST or None)
    if request.method == "POST" and already is None and form.is_valid():
        try:
            flag_post(
                post=post,
                by=request.user,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
                duplicate_of=form.cleaned_data["duplicate_of"],
            )
        except RateLimited as refusal:
            form.add_error(None, refusal)
            response = render(
                request, "community/review_flag.html", {"post": post, "form": form}, status=429
            )
            return too_many_requests(response, refusal)
        except ValidationError as error:
            field_name = error.code if error.code in ("note", "duplicate_of", "reason") else None
            form.add_error(field_name, error)
        else:
            post.refresh_from_db(fields=["hidden_at", "hidden_reason"])
            if not can_read_post_text(request.user, post):
                # The flag hid it: the post's own address is no longer the flagger's to see.
                messages.success(
                    request, _("Thank you: the post is hidden while the moderators review it.")
                )
                return redirect(post.thread.get_absolute_url())
            messages.success(request, _("Thank you: the moderators will look at this post."))
            return redirect(post.get_absolute_url())
    status = 200 if request.method == "GET" or already is not None else 400
    return render(
        request,
        "community/review_flag.html",
        {"post": post, "form": form, "already": already},
        status=status,
    )


# --- the queue ----------------------------------------------------------------------------


@dataclass
class AuthorHistory:
    member: Member
    post_count: int = 0
    strikes: int = 0  # agreed flags on their posts
    hidden_before: int = 0  # their posts hidden now (by moderators, flags or the spam rules)


@dataclass
class ReviewItem:
    post: Post
    flags: list[Flag] = field(default_factory=list)
    history: AuthorHistory | None = None

    @property
    def reason_counts(self) -> list[tuple[str, int]]:
        counts = Counter(flag.reason for flag in self.flags)
        return [(FlagReason(reason).label, count) for reason, count in counts.most_common()]

    @property
    def notes(self) -> list[tuple[Flag, str]]:
        """Every flag's note; the spam rules' codes as the sentences they stand for."""
        shown = []
        for flag in self.flags:
            if flag.reason == FlagReason.HELD:
                shown.append((flag, "; ".join(rule_labels(flag.note))))
            elif flag.note:
                shown.append((flag, flag.note))
        return shown

    @property
    def reporters(self) -> list[Member]:
        return [flag.reporter for flag in self.flags if flag.reporter is not None]


def _histories(author_ids: set[int]) -> dict[int, AuthorHistory]:
    """Each author's history in one query."""
    members = Member.objects.filter(pk__in=author_ids).annotate(
        post_count=Count("posts", filter=Q(posts__deleted_at__isnull=True), distinct=True),
        hidden_before=Count("posts", filter=Q(posts__hidden_at__isnull=False), distinct=True),
        strikes=Count(
            "posts__flags", filter=Q(posts__flags__status=FlagStatus.AGREED), distinct=True
        ),
    )
    return {
        member.pk: AuthorHistory(
            member=member,
            post_count=member.post_count,
            strikes=member.strikes,
            hidden_before=member.hidden_before,
        )
        for member in members
    }


def review_page(*, member, page_number):
    """The page's posts with their pending flags and authors' histories: four queries
    (count, posts, flags, histories) whatever the page holds."""
    page = Paginator(review_queue_posts(member), REVIEW_PAGE_SIZE).get_page(page_number)
    posts = list(page.object_list)
    flags_by_post = defaultdict(list)
    for flag in (
        Flag.objects.pending()
        .filter(post__in=posts)
        .select_related("reporter", "duplicate_of")
        .order_by("created_at", "pk")
    ):
        flags_by_post[flag.post_id].append(flag)
    histories = _histories({post.author_id for post in posts}) if posts else {}
    page.object_list = [
        ReviewItem(post=post, flags=flags_by_post[post.pk], history=histories.get(post.author_id))
        for post in posts
    ]
    return page


# Each button's value: what the reviewer decides and what agreeing does.
DECISIONS = {
    "agree-hide": (FlagStatus.AGREED, ReviewAction.HIDE),
    "agree-delete": (FlagStatus.AGREED, ReviewAction.DELETE),
    "agree": (FlagStatus.AGREED, None),
    "disagree": (FlagStatus.DISAGREED, None),
    "ignore": (FlagStatus.IGNORED, None),
}
DONE_MESSAGES = {
    "agree-hide": gettext_lazy("Agreed: the post is hidden."),
    "agree-delete": gettext_lazy("Agreed: the post is deleted as spam."),
    "agree": gettext_lazy("Agreed: the flags are cleared."),
    "disagree": gettext_lazy("Disagreed: the post is shown and its flags cleared."),
    "ignore": gettext_lazy("Ignored: the flags are cleared, the post stays as it is."),
}


def review_queue(request):
    """GET ?page=…: the queue. Visitors sign in first; members who do not review get 403."""
    if not request.user.is_authenticated:
        return login_then_back(request, request.get_full_path())
    check_review_permission(member=request.user)
    page = review_page(member=request.user, page_number=request.GET.get("page"))
    return render(
        request,
        "community/review.html",
        {
            "page_obj": page,
            "items": page.object_list,
            "only_spam": reviews_only_spam(request.user),
            "review_tab": "flags",
        },
    )


@require_POST
def review_decide(request):
    """One post (a button named "act" with "<post id>:<decision>") or the posts ticked
    (``posts``) with the bulk ``decision``. Back to the queue with what was done."""
    if not request.user.is_authenticated:
        return login_then_back(request, request.path)
    check_review_permission(member=request.user)
    act = request.POST.get("act", "")
    if act:
        post_id, _sep, key = act.partition(":")
        post_ids, reason = [post_id], request.POST.get(f"reason-{post_id}", "")
    else:
        key = request.POST.get("decision", "")
        post_ids, reason = request.POST.getlist("posts"), ""
    if key not in DECISIONS:
        messages.error(request, _("Choose what to do with the posts."))
        return redirect("community:review")
    ids = [int(value) for value in post_ids if value.isdigit()]
    if not ids:
        messages.error(request, _("Tick the posts to decide on first."))
        return redirect("community:review")
    decision, action = DECISIONS[key]
    decided = 0
    refusal = None
    for post in Post.objects.filter(pk__in=ids).select_related("thread"):
        try:
            check_resolve_flags_permission(member=request.user, post=post)
        except PermissionDenied as error:
            refusal = error  # a regular ticked a post that now has other flags: left for others
            continue
        decided += bool(
            resolve_flags(
                post=post, by=request.user, decision=decision, action=action, reason=reason
            )
        )
    if not decided and refusal is not None and len(ids) == 1:
        raise refusal  # the one post asked about is not this reviewer's to decide
    if not decided:
        messages.info(request, _("Nothing left to decide: someone was quicker."))
    else:
        messages.success(request, DONE_MESSAGES[key])
    page = request.POST.get("page", "1")
    return redirect(f"{reverse('community:review')}?page={page if page.isdigit() else 1}")
