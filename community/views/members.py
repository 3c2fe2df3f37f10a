from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from community import selectors
from community.extensions import profile_sections
from community.forms import ProfileForm, SanctionForm
from community.models import Member
from community.permissions import (
    can,
    check_edit_profile_permission,
    silenced_until,
    suspended_until,
)
from community.privacy import PersonalDataFound
from community.services import moderation
from community.services.members import change_avatar, update_profile
from community.views.cases import confirms_contact_details


def profile_context(request, member) -> dict:
    activity = selectors.member_activity(member=member, viewer=request.user)
    sections = profile_sections(member=member, viewer=request.user)
    return {"member": member, "profile_sections": sections, **activity}


def member_moderation_context(viewer, member, **forms) -> dict:
    """The profile page's moderation box: who may silence or suspend `member`, and the forms."""
    may_silence = can(viewer, "community.silence_member", member)
    may_suspend = can(viewer, "community.suspend_member", member)
    context = {"may_silence": may_silence, "may_suspend": may_suspend}
    if may_silence or may_suspend:
        context["member_silenced_until"] = silenced_until(member) if member.is_active else None
        context["member_suspended_until"] = suspended_until(member)
        context["member_suspended_forever"] = moderation.is_permanent(
            context["member_suspended_until"]
        )
    if may_silence:
        context["silence_form"] = forms.get("silence_form") or SanctionForm(prefix="silence")
    if may_suspend:
        context["suspend_form"] = forms.get("suspend_form") or SanctionForm(
            prefix="suspend", allow_permanent=True
        )
    return context


class ProfileView(View):
    def get(self, request, username):
        member = get_object_or_404(Member.objects.active_named([username]))
        context = profile_context(request, member)
        # The moderation box (silence, suspend) for those who may.
        context.update(member_moderation_context(request.user, member))
        return render(request, "community/profile.html", context)


class ProfileEditView(LoginRequiredMixin, View):
    template_name = "community/profile_edit.html"

    def _form(self, request, member, data=None, files=None):
        return ProfileForm(
            data,
            files,
            member=member,
            can_edit_signature=can(request.user, "community.edit_staff_signature"),
        )

    def get(self, request):
        form = self._form(request, request.user)
        return render(request, self.template_name, {"form": form, "member": request.user})

    def post(self, request):
        member = request.user
        check_edit_profile_permission(member=request.user, target=member)
        form = self._form(request, member, request.POST, request.FILES)
        personal_data = None
        if form.is_valid():
            try:
                update_profile(
                    member=member, by=request.user,
                    contact_confirmed=confirms_contact_details(request), **form.profile_changes(),
                )  # fmt: skip
                if form.cleaned_data.get("avatar_upload"):
                    change_avatar(
                        member=member, avatar=form.cleaned_data["avatar_upload"], by=request.user
                    )
                elif form.cleaned_data.get("remove_avatar"):
                    change_avatar(member=member, avatar=None, by=request.user)
            except PersonalDataFound as found:
                personal_data = found
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your profile has been saved."))
                return redirect("community:profile_edit")
        # Show the member as stored, not the rejected input, outside the form.
        member.refresh_from_db()
        context = {"form": form, "member": member, "personal_data": personal_data}
        return render(request, self.template_name, context, status=400)
