from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from community import selectors
from community.extensions import profile_sections
from community.forms import ProfileForm
from community.models import Member
from community.permissions import can, check_edit_profile_permission
from community.privacy import PersonalDataFound
from community.services.members import change_avatar, update_profile
from community.views.cases import confirms_contact_details


def profile_context(request, member) -> dict:
    activity = selectors.member_activity(member=member, viewer=request.user)
    sections = profile_sections(member=member, viewer=request.user)
    return {"member": member, "profile_sections": sections, **activity}


class ProfileView(View):
    def get(self, request, username):
        from community.views.moderation import member_moderation_context

        member = get_object_or_404(Member.objects.filter(is_active=True), username__iexact=username)
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
