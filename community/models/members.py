import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class TrustLevel(models.IntegerChoices):
    """Ordered roles: each level can do everything the one below can.

    Compared only in ``community.permissions``; gamification moves members up.
    """

    NEW = 0, _("New member")
    BASIC = 1, _("Basic member")
    MEMBER = 2, _("Member")
    REGULAR = 3, _("Regular")
    LEADER = 4, _("Super user")


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(value)s” is not a known time zone."), params={"value": value})


def validate_language_codes(value: str) -> None:
    known = dict(settings.LANGUAGES)
    unknown = [code for code in value.split(",") if code and code not in known]
    if unknown:
        raise ValidationError(
            _("“%(value)s” is not a language of this site."), params={"value": ",".join(unknown)}
        )


def avatar_upload_path(member: "Member", filename: str) -> str:
    return f"avatars/{member.pk or 'new'}/{filename}"


# Handles appear in @mentions and URLs: no "@", no spaces, no "+".
username_validator = RegexValidator(
    r"^[\w.-]+\Z",
    _("Use letters, digits and the characters . - _ only."),
)


class MemberManager(UserManager):
    def get_by_natural_key(self, username):
        return self.get(**{f"{self.model.USERNAME_FIELD}__iexact": username})

    def active_named(self, names) -> models.QuerySet:
        """Active members whose usernames are in `names`, ignoring case (for @mentions).
        Read through the index on the lower-cased username (a pattern read every member:
        at ten thousand members, half of what posting an answer cost)."""
        lowered = {name.lower() for name in names if name}
        if not lowered:
            return self.none()
        return self.alias(lowered_username=Lower("username")).filter(
            is_active=True, lowered_username__in=lowered
        )


class Member(AbstractUser):
    """A person in the community: customer, super user or staff agent."""

    username = models.CharField(
        _("username"),
        max_length=30,
        unique=True,
        validators=[username_validator],
        help_text=_("Your handle for @mentions: letters, digits and . - _ (3–30 characters)."),
        error_messages={"unique": _("A member with that username already exists.")},
    )
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=60,
        blank=True,
        help_text=_("Shown next to your posts. Leave empty to show your username."),
    )
    avatar = models.ImageField(_("avatar"), upload_to=avatar_upload_path, blank=True)
    bio = models.TextField(_("about me"), max_length=1000, blank=True)
    locale = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    time_zone = models.CharField(
        _("time zone"), max_length=64, default=settings.TIME_ZONE, validators=[validate_time_zone]
    )
    # Comma-separated codes from settings.LANGUAGES ("en,de"); empty means the site's language
    # the member reads in, so a member who never chose follows the language switcher.
    content_languages = models.CharField(
        _("languages I read"),
        max_length=32,
        blank=True,
        validators=[validate_language_codes],
        help_text=_("Lists show threads in these languages unless you ask for all of them."),
    )
    trust_level = models.PositiveSmallIntegerField(
        _("trust level"), choices=TrustLevel, default=TrustLevel.NEW
    )
    # A cached sum of the reputation ledger (gamification); rebuilt by a command.
    reputation = models.IntegerField(_("reputation"), default=0)
    staff_signature = models.CharField(
        _("staff signature"),
        max_length=120,
        blank=True,
        help_text=_("Shown under official answers, e.g. “Anna, Customer Care”."),
    )
    # Sanctions (community.services.moderation). A silenced member reads but cannot post
    # until then; a suspended one cannot sign in. A permanent suspension runs until
    # SUSPENDED_FOREVER. Whether one is in force is community.permissions' question.
    silenced_until = models.DateTimeField(_("silenced until"), null=True, blank=True)
    silence_reason = models.CharField(_("reason for silencing"), max_length=200, blank=True)
    suspended_until = models.DateTimeField(_("suspended until"), null=True, blank=True)
    suspension_reason = models.CharField(_("reason for suspending"), max_length=200, blank=True)
    # Who brought them in: the member whose invitation they accepted (community.services.invitations).
    invited_by = models.ForeignKey(
        "self",
        verbose_name=_("invited by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = MemberManager()

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(trust_level__gte=0, trust_level__lte=4),
                name="member_trust_level_0_to_4",
            ),
            # @mentions, profile addresses and sign-in by username match usernames ignoring
            # case, so "Anna" and "anna" must not both exist (sign-up checks it; this also
            # holds for the admin and for two sign-ups at once). Its index serves the lookups.
            models.UniqueConstraint(
                Lower("username"),
                name="member_username_unique_lower",
                violation_error_message=_("A member with that username already exists."),
            ),
        ]

    def __str__(self):
        return self.display_name or self.username

    def get_absolute_url(self):
        return reverse("community:profile", kwargs={"username": self.username})

    @property
    def public_name(self) -> str:
        return self.display_name or self.username

    @property
    def read_languages(self) -> tuple[str, ...]:
        """The languages chosen in ``content_languages``, in the site's order; () if none."""
        chosen = set(self.content_languages.split(","))
        return tuple(code for code, _name in settings.LANGUAGES if code in chosen)


def member_display(member) -> str:
    """How allauth names a member in its messages (“Signed in as …”)."""
    return member.public_name
