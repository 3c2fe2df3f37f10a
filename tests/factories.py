import factory
from allauth.account.models import EmailAddress
from django.conf import settings

from community.models import Member, Post, Space, Tag, Thread, ThreadKind, TrustLevel
from community.services.posts import ask_question, post_answer

PASSWORD = "correct-horse-battery-staple"


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"member{n}")
    email = factory.LazyAttribute(lambda m: f"{m.username}@example.com")
    display_name = factory.Faker("name")
    locale = "en"
    time_zone = settings.TIME_ZONE
    trust_level = TrustLevel.BASIC
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified_email(self, create, extracted, **kwargs):
        if create and extracted is not False:
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


class StaffFactory(MemberFactory):
    is_staff = True
    trust_level = TrustLevel.LEADER
    staff_signature = factory.LazyAttribute(lambda m: f"{m.display_name}, Customer Care")


class SpaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Space
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"space-{n}")
    name_en = factory.Sequence(lambda n: f"Space {n}")
    name_de = factory.Sequence(lambda n: f"Bereich {n}")
    description_en = "Questions about things."
    description_de = "Fragen zu Dingen."


class TagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tag
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"tag{n}")
    is_official = True


def make_thread(
    *,
    author=None,
    space=None,
    title="Invoice PDF does not open",
    body="When I click on my invoice the PDF download fails with an error.",
    kind=ThreadKind.QUESTION,
    tags=(),
) -> Thread:
    """A thread made the way a member makes one: through the ask_question service."""
    return ask_question(
        author=author or MemberFactory(),
        space=space or SpaceFactory(),
        title=title,
        body=body,
        kind=kind,
        tags=list(tags),
    )


def make_answer(
    *, thread, author=None, body="Try clearing the browser cache, that fixed it for me."
) -> Post:
    return post_answer(thread=thread, author=author or MemberFactory(), body=body)


def make_escalation(*, thread=None, reasons=("no_first_response",), **fields):
    """An open escalation written directly, for tests of what works on one (the desk, the
    webhooks, known issues); ``community.escalation.services.escalate`` is tested on its own."""
    from django.utils import timezone

    from community.models import Escalation

    now = fields.pop("created_at", None) or timezone.now()
    return Escalation.objects.create(
        thread=thread or make_thread(), reasons=list(reasons), created_at=now, **fields
    )
