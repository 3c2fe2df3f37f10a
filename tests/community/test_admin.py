import pytest
from django.urls import reverse

from tests.factories import PASSWORD, StaffFactory, make_answer, make_thread
from tests.rate_limits import use_configured_rate_limits


@pytest.fixture
def admin_client(client, db):
    client.force_login(StaffFactory(is_superuser=True))
    return client


@pytest.mark.parametrize(
    "model",
    [
        "member",
        "space",
        "branding",
        "tag",
        "thread",
        "post",
        "auditentry",
        "outboxmessage",
        "flag",
        "supportcase",
        "knownissue",
    ],
)
def test_admin_lists_render(admin_client, model):
    make_answer(thread=make_thread())
    assert admin_client.get(reverse(f"admin:community_{model}_changelist")).status_code == 200


def test_member_sanctions_are_shown_but_changed_only_on_the_profile(admin_client):
    # Silencing and suspending are audited services with a reason the member reads; the
    # admin's plain save would skip both, so it shows the fields read-only.
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import MemberFactory

    member = MemberFactory(silenced_until=timezone.now() + timedelta(days=1), silence_reason="Rude")
    url = reverse("admin:community_member_change", args=[member.pk])
    page = admin_client.get(url).content.decode()
    assert "Rude" in page
    assert 'name="silence_reason"' not in page and 'name="suspended_until"' not in page


def test_outbox_is_read_only_in_the_admin(admin_client):
    from community.models import OutboxMessage

    message = OutboxMessage.objects.create(task_name="community.ping", last_error="refused")
    assert admin_client.get(reverse("admin:community_outboxmessage_changelist")).status_code == 200
    url = reverse("admin:community_outboxmessage_change", args=[message.pk])
    assert admin_client.get(url).status_code == 200
    assert admin_client.post(url, {"task_name": "community.other"}).status_code == 403
    assert admin_client.get(reverse("admin:community_outboxmessage_add")).status_code == 403


def test_threads_are_read_only_in_the_admin(admin_client):
    thread = make_thread()
    url = reverse("admin:community_thread_change", args=[thread.pk])
    assert admin_client.get(url).status_code == 200  # viewable
    assert admin_client.post(url, {"title": "Changed behind the services"}).status_code == 403
    thread.refresh_from_db()
    assert thread.title != "Changed behind the services"


def test_branding_name_reaches_the_site_that_allauth_greets_with(admin_client):
    from django.contrib.sites.models import Site

    response = admin_client.post(
        reverse("admin:community_branding_add"),
        {
            "name": "Acme Help",
            "primary_colour": "#123456",
            "support_hours_en": "Always",
            "support_hours_de": "Immer",
            "contact_url": "",
        },
    )
    assert response.status_code == 302
    assert Site.objects.get_current().name == "Acme Help"


@pytest.fixture
def rate_limits(settings):
    return use_configured_rate_limits(settings)


def test_admin_login_form_hands_over_to_allauth(client, db):
    staff = StaffFactory(is_superuser=True)
    # A password posted to the admin's own form signs nobody in ...
    response = client.post(
        reverse("admin:login"), {"username": staff.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    # ... the visitor is sent to allauth's form, which brings them back to the admin.
    response = client.post(response["Location"], {"login": staff.email, "password": PASSWORD})
    assert client.get(reverse("admin:index")).status_code == 200


def test_admin_login_is_rate_limited_like_every_sign_in(client, db, rate_limits):
    staff = StaffFactory(is_superuser=True)
    login_url = client.get(reverse("admin:index"), follow=True).redirect_chain[-1][0]
    assert login_url.startswith(reverse("account_login"))

    statuses = [
        client.post(login_url, {"login": staff.email, "password": f"guess-{n}"}).status_code
        for n in range(50)
    ]

    # allauth stops the guessing: too many failures, then too many attempts (429) ...
    assert statuses[-1] == 429
    # ... and the right password from the guessing client gets nowhere either.
    client.post(login_url, {"login": staff.email, "password": PASSWORD})
    assert client.get(reverse("admin:index")).status_code == 302


def _member_change_data(member, **changes) -> dict:
    """The admin's member form as it comes back when saved, with `changes` made."""
    data = {
        "username": member.username,
        "email": member.email,
        "first_name": "",
        "last_name": "",
        "is_active": "on",
        "display_name": member.display_name,
        "bio": member.bio,
        "locale": member.locale,
        "time_zone": member.time_zone,
        "trust_level": member.trust_level,
        "staff_signature": member.staff_signature,
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2025-01-01",
        "date_joined_1": "10:00:00",
    }
    if member.is_staff:
        data["is_staff"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_admin_changes_trust_level_and_staff_status_through_the_services(admin_client, listen):
    from community.models import AuditAction, AuditEntry, TrustLevel
    from community.signals import staff_status_changed, trust_level_changed
    from tests.factories import MemberFactory

    member = MemberFactory(display_name="Promoted Person")
    promoted, hired = listen(trust_level_changed), listen(staff_status_changed)
    response = admin_client.post(
        reverse("admin:community_member_change", args=[member.pk]),
        _member_change_data(
            member, trust_level=TrustLevel.LEADER, is_staff="on", display_name="Super Person"
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    member.refresh_from_db()
    assert member.trust_level == TrustLevel.LEADER
    assert member.is_staff
    assert member.display_name == "Super Person"  # the other fields are saved as usual
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert actions == {AuditAction.CHANGE_TRUST_LEVEL, AuditAction.CHANGE_STAFF_STATUS}
    assert [(call["member"].pk, call["level"]) for call in promoted] == [
        (member.pk, TrustLevel.LEADER)
    ]
    assert [(call["member"].pk, call["is_staff"]) for call in hired] == [(member.pk, True)]
    assert promoted[0]["reason"] == "Changed in the Django admin"


def test_admin_save_without_role_changes_writes_no_audit_row(admin_client, listen):
    from community.models import AuditEntry
    from community.signals import trust_level_changed
    from tests.factories import MemberFactory

    member = MemberFactory()
    promoted = listen(trust_level_changed)
    response = admin_client.post(
        reverse("admin:community_member_change", args=[member.pk]),
        _member_change_data(member, bio="Likes helping."),
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.bio == "Likes helping."
    assert not AuditEntry.objects.exists()
    assert promoted == []


def test_admin_speaks_german_for_our_models_labels_and_reasons(client, db):
    from community.services.posts import delete_post
    from tests.factories import SpaceFactory

    admin_client = client
    admin_client.force_login(StaffFactory(is_superuser=True, locale="de"))
    thread = make_thread(space=SpaceFactory(name_en="Invoices", name_de="Rechnungen"))
    answer = make_answer(thread=thread)
    delete_post(post=answer, by=answer.author)

    audit = admin_client.get(reverse("admin:community_auditentry_changelist")).content.decode()
    assert "Von der Person gelöscht, die den Beitrag verfasst hat" in audit
    assert "Deleted by its author" not in audit
    assert "Target type" not in audit and "Target id" not in audit
    threads = admin_client.get(reverse("admin:community_thread_changelist")).content.decode()
    assert "Rechnungen" in threads
    assert ">Invoices<" not in threads


def _branding_form(**changes) -> dict:
    return {"name": "Acme Help", "primary_colour": "#123456", "support_hours_en": "Always",
            "support_hours_de": "Immer", "contact_url": "", **changes}  # fmt: skip


def test_branding_logo_and_favicon_uploads_are_stored_as_clean_pngs(admin_client):
    from PIL import Image

    from community.images import FAVICON_SIZE, LOGO_MAX_HEIGHT
    from community.models import Branding
    from tests.images import uploaded_image

    response = admin_client.post(
        reverse("admin:community_branding_add"),
        _branding_form(
            logo=uploaded_image(name="logo.jpg", size=(900, 300), with_gps=True),
            favicon=uploaded_image(name="icon.gif", fmt="GIF", size=(100, 100)),
        ),
    )
    assert response.status_code == 302
    branding = Branding.objects.get()
    assert branding.logo.name.endswith(".png") and branding.favicon.name.endswith(".png")
    assert (branding.logo_width, branding.logo_height) == (360, LOGO_MAX_HEIGHT)
    with Image.open(branding.logo.path) as logo:
        assert logo.format == "PNG" and not logo.getexif()
    with Image.open(branding.favicon.path) as favicon:
        assert favicon.size == (FAVICON_SIZE, FAVICON_SIZE)


def test_adding_the_branding_or_limits_again_takes_the_one_row_whatever_the_id_sequence_says(
    admin_client,
):
    """A row created and removed earlier (a restore, a shell) moved the id sequence on;
    the admin's add form must still write row 1, the only one the database accepts."""
    from community.models import Branding, Limits

    Branding.objects.create(pk=1, name="Old")
    Branding.objects.all().delete()
    response = admin_client.post(reverse("admin:community_branding_add"), _branding_form())
    assert response.status_code == 302
    assert list(Branding.objects.values_list("pk", "name")) == [(1, "Acme Help")]

    Limits.objects.create(pk=1)
    Limits.objects.all().delete()
    form = {
        field.name: field.default for field in Limits._meta.concrete_fields if field.name != "id"
    }
    assert admin_client.post(reverse("admin:community_limits_add"), form).status_code == 302
    assert list(Limits.objects.values_list("pk", flat=True)) == [1]


def test_branding_upload_that_is_not_an_image_is_refused_with_a_reason(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from community.models import Branding

    response = admin_client.post(
        reverse("admin:community_branding_add"),
        _branding_form(favicon=SimpleUploadedFile("icon.png", b"<script>alert(1)</script>")),
    )
    assert response.status_code == 200
    assert not Branding.objects.exists()
    assert 'value="Acme Help"' in response.content.decode()  # what was typed stays
    assert response.context["adminform"].form.errors["favicon"]


def test_admin_shows_the_brands_logo_name_and_icon(admin_client):
    from community.models import Branding
    from community.services.branding import save_branding

    branding = save_branding(branding=Branding(pk=1, name="Acme Help", primary_colour="#123456"))
    content = admin_client.get(reverse("admin:index")).content.decode()
    assert f'src="{branding.logo_url}"' in content
    assert "Acme Help administration" in content
    assert f'<link rel="icon" href="{branding.favicon_url}"' in content
    assert "border-top: 4px solid #123456" in content


def test_tag_admin_adds_a_tag_with_descriptions_in_both_languages(admin_client):
    from community.models import Tag

    response = admin_client.post(
        reverse("admin:community_tag_add"),
        {
            "name": "E-Sim",
            "slug": "",
            "is_official": "on",
            "description_en": "Digital SIM cards",
            "description_de": "Digitale SIM-Karten",
        },
    )
    assert response.status_code == 302
    tag = Tag.objects.get()
    assert (tag.name, tag.slug, tag.is_official) == ("e-sim", "e-sim", True)
    assert tag.created_by is not None
    url = reverse("admin:community_tag_change", args=[tag.pk])
    assert admin_client.get(url).status_code == 200
    # The name stays as members typed it; the descriptions change.
    changes = {"slug": "e-sim", "is_official": "on", "description_en": "eSIM"}
    admin_client.post(url, {**changes, "description_de": "eSIM-Karten", "name": "renamed"})
    tag.refresh_from_db()
    assert (tag.name, tag.description_de) == ("e-sim", "eSIM-Karten")


def test_tag_admin_refuses_a_name_members_could_not_type(admin_client):
    from community.models import Tag

    response = admin_client.post(
        reverse("admin:community_tag_add"), {"name": "two words", "slug": ""}
    )
    assert response.status_code == 200
    assert "one word of letters and digits" in response.content.decode()
    assert not Tag.objects.exists()


def test_known_issues_are_listed_with_their_updates_and_read_only(admin_client):
    from django.utils import timezone

    from community.escalation.known_issues.services import start_known_issue
    from tests.factories import SpaceFactory

    issue = start_known_issue(
        by=StaffFactory(), space=SpaceFactory(), title="Login fails for everyone",
        body="We are looking into it and post updates here.",
    )  # fmt: skip
    changelist = admin_client.get(reverse("admin:community_knownissue_changelist"))
    assert "Login fails for everyone" in changelist.content.decode()
    url = reverse("admin:community_knownissue_change", args=[issue.pk])
    assert admin_client.get(url).status_code == 200
    assert (
        admin_client.post(url, {"status": "fixed", "fixed_at": timezone.now()}).status_code == 403
    )
    assert admin_client.get(reverse("admin:community_knownissue_add")).status_code == 403
