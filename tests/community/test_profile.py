import io

from django.urls import reverse
from PIL import Image

from community.models import AuditAction, AuditEntry, Member
from tests.images import uploaded_image


def test_profile_page_shows_public_facts_but_not_the_email(client, member):
    response = client.get(member.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    assert member.display_name in content
    assert member.email not in content


def test_profile_page_of_unknown_member_is_a_branded_404(client, db):
    response = client.get(reverse("community:profile", kwargs={"username": "nobody"}))
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


def test_profile_edit_requires_login(client, db):
    response = client.get(reverse("community:profile_edit"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_profile_edit_saves_fields(member_client, member):
    response = member_client.post(
        reverse("community:profile_edit"),
        {
            "display_name": "Casey C.",
            "bio": "I like fixing things.",
            "locale": "de",
            "time_zone": "America/New_York",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.display_name == "Casey C."
    assert member.locale == "de"
    assert member.time_zone == "America/New_York"
    # A member editing their own profile is not an audited staff action.
    assert not AuditEntry.objects.exists()


def test_profile_edit_with_bad_input_keeps_the_text_and_names_the_field(member_client, member):
    response = member_client.post(
        reverse("community:profile_edit"),
        {
            "display_name": "x" * 200,
            "bio": "My carefully written bio",
            "locale": "en",
            "time_zone": "Mars/Olympus_Mons",
        },
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "My carefully written bio" in content
    form = response.context["form"]
    assert "display_name" in form.errors
    assert "time_zone" in form.errors
    member.refresh_from_db()
    assert member.bio == ""


def test_profile_edit_avatar_upload_stores_a_clean_square_thumbnail(member_client, member):
    response = member_client.post(
        reverse("community:profile_edit"),
        {
            "display_name": "Casey",
            "locale": "en",
            "time_zone": "Europe/Berlin",
            "avatar_upload": uploaded_image(size=(900, 600), with_gps=True),
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    with member.avatar.open("rb") as stored:
        image = Image.open(io.BytesIO(stored.read()))
    assert image.size == (256, 256)
    assert not image.getexif()


def test_profile_edit_rejects_a_non_image_with_a_message(member_client, member):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = member_client.post(
        reverse("community:profile_edit"),
        {
            "display_name": "Casey keeps this",
            "locale": "en",
            "time_zone": "Europe/Berlin",
            "avatar_upload": SimpleUploadedFile("evil.png", b"<script>alert(1)</script>"),
        },
    )
    assert response.status_code == 400
    assert "not an image we can read" in response.content.decode()
    assert "Casey keeps this" in response.content.decode()
    member.refresh_from_db()
    assert not member.avatar


def test_profile_edit_removes_the_avatar(member_client, member):
    member_client.post(
        reverse("community:profile_edit"),
        {
            "display_name": "Casey",
            "locale": "en",
            "time_zone": "Europe/Berlin",
            "avatar_upload": uploaded_image(),
        },
    )
    member.refresh_from_db()
    assert member.avatar
    member_client.post(
        reverse("community:profile_edit"),
        {
            "display_name": "Casey",
            "locale": "en",
            "time_zone": "Europe/Berlin",
            "remove_avatar": "on",
        },
    )
    member.refresh_from_db()
    assert not member.avatar


def test_staff_signature_is_only_editable_by_staff(member_client, member, client, staff):
    member_client.post(
        reverse("community:profile_edit"),
        {
            "display_name": "Casey",
            "locale": "en",
            "time_zone": "Europe/Berlin",
            "staff_signature": "Fake Official",
        },
    )
    member.refresh_from_db()
    assert member.staff_signature == ""

    client.force_login(staff)
    client.post(
        reverse("community:profile_edit"),
        {
            "display_name": "Alex",
            "locale": "en",
            "time_zone": "Europe/Berlin",
            "staff_signature": "Alex, Customer Care",
        },
    )
    assert Member.objects.get(pk=staff.pk).staff_signature == "Alex, Customer Care"


def test_update_profile_by_someone_else_writes_an_audit_row(member, staff):
    from community.services.members import update_profile

    update_profile(member=member, by=staff, display_name="Renamed by staff")

    entry = AuditEntry.objects.get()
    assert entry.action == AuditAction.UPDATE_PROFILE
    assert entry.actor == staff
    assert entry.details == {"fields": ["display_name"]}


def test_profile_counts_only_what_the_viewer_may_see(client, member, staff):
    """Counting answers in hidden threads or switched-off spaces revealed that they exist."""
    from community.services.posts import hide_post
    from tests.factories import SpaceFactory, make_answer, make_thread

    visible = make_thread()
    make_answer(thread=visible, author=member)
    hidden = make_thread()
    make_answer(thread=hidden, author=member)
    hide_post(post=hidden.posts.get(is_opening=True), by=staff, reason="Spam")
    retired = SpaceFactory(is_active=False)
    make_thread(author=member, space=retired)
    make_answer(thread=make_thread(space=retired), author=member)

    response = client.get(member.get_absolute_url())
    assert response.context["stats"] == {"questions": 0, "answers": 1, "solutions": 0}
    assert [post.thread for post in response.context["recent_answers"]] == [visible]
    assert response.context["recent_threads"] == []

    client.force_login(staff)
    response = client.get(member.get_absolute_url())
    assert response.context["stats"] == {"questions": 1, "answers": 3, "solutions": 0}


def test_profile_edit_saves_the_languages_i_read(member_client, member):
    page = member_client.get(reverse("community:profile_edit")).content.decode()
    assert "<legend>Languages I read</legend>" in page
    response = member_client.post(
        reverse("community:profile_edit"),
        {
            "display_name": member.display_name,
            "locale": "en",
            "time_zone": member.time_zone,
            "content_languages": ["de", "en"],
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.content_languages == "en,de"
    page = member_client.get(reverse("community:profile_edit")).content.decode()
    assert 'value="de" id="id_content_languages_1" checked' in page


def test_profile_edit_with_no_language_ticked_follows_the_site_language(member_client, member):
    member.content_languages = "de"
    member.save(update_fields=["content_languages"])
    response = member_client.post(
        reverse("community:profile_edit"),
        {"display_name": member.display_name, "locale": "en", "time_zone": member.time_zone},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.content_languages == ""


def test_profile_edit_refuses_an_unknown_language_and_keeps_the_input(member_client, member):
    response = member_client.post(
        reverse("community:profile_edit"),
        {
            "display_name": "Casey the careful",
            "locale": "en",
            "time_zone": member.time_zone,
            "content_languages": ["xx"],
        },
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Casey the careful" in content
    assert "Select a valid choice" in content
