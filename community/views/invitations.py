"""Invitations by e-mail: the form (from a thread, or on the settings page), the inviter's
list with "Revoke", and the page the e-mail's link opens, whose "Join" leads to the
sign-up form. Opening the link (GET) changes nothing."""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community import selectors
from community.adapters import INVITATION_SESSION_KEY
from community.forms import InvitationForm
from community.i18n import remember_language
from community.models import Invitation, TrustLevel
from community.permissions import (
    can,
    check_invite_permission,
    check_revoke_invitation_permission,
)
from community.services.invitations import (
    INVITATION_DAYS,
    InvitationUnavailable,
    belongs_to_a_member,
    invited_thread,
    pending_invitation_for_token,
    revoke_invitation,
    send_invitation,
)
from community.services.ratelimits import RateLimited
from community.views.helpers import get_visible_thread_or_404, login_then_back, too_many_requests

# The form's errors by the service's error codes; anything else is about the address.
MESSAGE_ERRORS = ("max_length",)


def _send(request, form: InvitationForm, *, thread=None):
    """Send the invitation the posted form describes. Returns (invitation, refusal): the
    invitation when it was sent, else None with the errors on the form, and the
    RateLimited refusal when the daily count stopped it."""
    if not form.is_valid():
        return None, None
    try:
        invitation = send_invitation(
            by=request.user, email=form.cleaned_data["email"], thread=thread,
            message=form.cleaned_data["message"],
        )  # fmt: skip
    except RateLimited as refusal:
        form.add_error(None, refusal)
        return None, refusal
    except ValidationError as error:
        form.add_error("message" if error.code in MESSAGE_ERRORS else "email", error)
        return None, None
    messages.success(
        request,
        _("Your invitation to %(email)s is on its way. Its link works for %(days)s days.")
        % {"email": form.cleaned_data["email"], "days": INVITATION_DAYS},
    )
    return invitation, None


def _answer_refused_form(response, refusal):
    return too_many_requests(response, refusal) if refusal is not None else _bad_request(response)


def _bad_request(response):
    response.status_code = 400
    return response


@login_required
def invitations(request):
    """/settings/invitations/: the invitations the member sent (the address only while one
    is pending) and, for members who may invite, the form to send one."""
    may_invite = can(request.user, "community.invite_members")
    form = InvitationForm(request.POST if request.method == "POST" else None)
    refusal = None
    if request.method == "POST":
        check_invite_permission(member=request.user)
        invitation, refusal = _send(request, form)
        if invitation is not None:
            return redirect("community:invitations")
    page = selectors.invitation_page(member=request.user, page_number=request.GET.get("page"))
    if page.is_past_the_end:
        raise Http404
    context = {
        "form": form,
        "may_invite": may_invite,
        "invite_level": TrustLevel.MEMBER.label,
        "page_obj": page,
        "days": INVITATION_DAYS,
    }
    response = render(request, "community/invitations.html", context)
    return _answer_refused_form(response, refusal) if form.errors else response


def invite_to_thread(request, pk):
    """/t/<pk>/invite/: invite someone to help with one thread."""
    thread = get_visible_thread_or_404(member=request.user, pk=pk)
    if not request.user.is_authenticated:
        return login_then_back(request, request.get_full_path())
    check_invite_permission(member=request.user, thread=thread)
    form = InvitationForm(request.POST if request.method == "POST" else None)
    refusal = None
    if request.method == "POST":
        invitation, refusal = _send(request, form, thread=thread)
        if invitation is not None:
            return redirect(thread)
    context = {"form": form, "thread": thread, "days": INVITATION_DAYS}
    response = render(request, "community/invite.html", context)
    return _answer_refused_form(response, refusal) if form.errors else response


@login_required
@require_POST
def revoke(request, pk):
    invitation = Invitation.objects.filter(pk=pk).first()
    if invitation is None:
        raise Http404
    check_revoke_invitation_permission(member=request.user, invitation=invitation)
    revoke_invitation(invitation=invitation, by=request.user)
    messages.success(request, _("The invitation is revoked: its link no longer works."))
    return redirect("community:invitations")


# --- the invitee's side ------------------------------------------------------------------------


def _unavailable(request, refusal: InvitationUnavailable):
    """Why the link does not work any more; 404 for a link that never did."""
    status = 404 if refusal.reason == "invalid" else 410
    context = {"reason": refusal.reason, "days": INVITATION_DAYS}
    return render(request, "community/invitation_gone.html", context, status=status)


def invitation(request, token):
    """/invitations/<token>/: who invites, to which thread, and "Join" (POST: it keeps the
    invitation in this browser's session and opens the sign-up form with the address)."""
    try:
        invitation = pending_invitation_for_token(token)
    except InvitationUnavailable as refusal:
        return _unavailable(request, refusal)
    # The link opens signed out, in whatever language the browser asks for: the page speaks
    # the e-mail's language (the inviter's), and so does the sign-up form after "Join".
    language = invitation.language if not request.user.is_authenticated else None
    with translation.override(language or translation.get_language()):
        return _invitation(request, invitation)


def _invitation(request, invitation):
    thread = invited_thread(invitation)
    next_url = thread.get_absolute_url() if thread is not None else reverse("community:home")
    has_account = belongs_to_a_member(invitation.email)
    if request.method == "POST" and not request.user.is_authenticated and not has_account:
        request.session[INVITATION_SESSION_KEY] = invitation.pk
        # allauth fills the sign-up form's address in from here (community.adapters).
        request.session["account_verified_email"] = invitation.email
        response = redirect(f"{reverse('account_signup')}?{urlencode({'next': next_url})}")
        if settings.LANGUAGE_COOKIE_NAME not in request.COOKIES:
            remember_language(response, invitation.language)
        return response
    context = {
        "invitation": invitation,
        "thread": thread,
        "has_account": has_account,
        "login_url": f"{reverse('account_login')}?{urlencode({'next': next_url})}",
        "next_url": next_url,
    }
    return render(request, "community/invitation.html", context)
