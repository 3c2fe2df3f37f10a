from community.models import TrustLevel
from community.permissions import can
from community.services.solutions import accept_answer
from tests.factories import MemberFactory, StaffFactory, make_answer, make_thread


def test_superusers_get_no_shortcut_past_the_rules(db):
    admin = StaffFactory(is_superuser=True)
    thread = make_thread(author=admin)
    own_post = thread.posts.get()
    assert not can(admin, "community.vote_helpful", own_post)
    assert not can(admin, "community.me_too", thread)


def test_super_users_may_accept_answers_on_any_question(db):
    thread = make_thread()
    answer = make_answer(thread=thread)
    super_user = MemberFactory(trust_level=TrustLevel.LEADER)
    regular = MemberFactory(trust_level=TrustLevel.REGULAR)
    assert can(super_user, "community.accept_answer", answer)
    assert not can(regular, "community.accept_answer", answer)


def test_solved_too_is_for_other_members_on_the_solution_only(db):
    thread = make_thread()
    answer = make_answer(thread=thread)
    other = make_answer(thread=thread)
    accept_answer(answer=answer, by=thread.author)
    bystander = MemberFactory()
    answer.thread.refresh_from_db()
    other.thread.refresh_from_db()
    assert can(bystander, "community.solved_too", answer)
    assert not can(bystander, "community.solved_too", other)
    assert not can(thread.author, "community.solved_too", answer)
    assert not can(answer.author, "community.solved_too", answer)


def test_visitors_can_do_nothing_but_read(client, db):
    from django.contrib.auth.models import AnonymousUser

    thread = make_thread()
    visitor = AnonymousUser()
    for perm in ("community.ask", "community.answer", "community.me_too", "community.follow"):
        assert not can(visitor, perm, thread)


def test_moderators_never_pick_their_own_answer_as_the_solution(db):
    thread = make_thread()
    super_user = MemberFactory(trust_level=TrustLevel.LEADER)
    own = make_answer(thread=thread, author=super_user)
    assert not can(super_user, "community.accept_answer", own)
    # …but an asker may accept their own follow-up (“I found it myself”).
    follow_up = make_answer(thread=thread, author=thread.author)
    assert can(thread.author, "community.accept_answer", follow_up)


def test_official_answers_need_no_recommendation_and_announcements_no_me_too(db):
    from community.models import ThreadKind

    staff = StaffFactory()
    thread = make_thread()
    official = make_answer(thread=thread, author=staff)
    assert not can(staff, "community.endorse_answer", official)
    announcement = make_thread(
        author=staff, kind=ThreadKind.ANNOUNCEMENT, title="Maintenance tonight"
    )
    assert not can(MemberFactory(), "community.me_too", announcement)


def test_annotate_post_permissions_agrees_with_asking_each_post(db):
    """The per-page shortcut (one rules check per kind of post) gives the same answers."""
    from community.models import Post, ThreadKind
    from community.permissions import POST_ACTIONS, annotate_post_permissions
    from community.services.posts import delete_post, hide_post
    from community.services.solutions import set_answer_endorsement
    from community.services.staff import set_thread_locked

    staff, asker, helper = StaffFactory(), MemberFactory(), MemberFactory()
    super_user = MemberFactory(trust_level=TrustLevel.LEADER)
    question = make_thread(author=asker)
    answers = [
        make_answer(thread=question, author=author) for author in (helper, staff, asker, super_user)
    ]
    accept_answer(answer=answers[0], by=asker)
    set_answer_endorsement(answer=answers[3], by=staff, endorsed=True)
    hide_post(post=make_answer(thread=question, author=helper), by=staff, reason="Spam")
    delete_post(post=make_answer(thread=question, author=helper), by=helper)
    idea = make_thread(author=helper, kind=ThreadKind.IDEA, title="An idea for the app")
    make_answer(thread=idea, author=asker)
    locked = make_thread(author=asker, title="A locked question here")
    make_answer(thread=locked, author=helper)
    set_thread_locked(thread=locked, by=staff, locked=True)
    gone = make_thread(author=asker, title="A question deleted later")
    delete_post(post=make_answer(thread=gone, author=helper), by=helper)
    delete_post(post=gone.posts.get(is_opening=True), by=asker)

    for viewer in (staff, asker, helper, super_user, MemberFactory()):
        posts = list(Post.objects.select_related("thread").order_by("pk"))
        annotate_post_permissions(viewer, posts)
        for post in posts:
            fresh = Post.objects.select_related("thread").get(pk=post.pk)
            for flag, perm in POST_ACTIONS.items():
                assert getattr(post, flag) == can(viewer, perm, fresh), (viewer, post.pk, flag)


def test_only_staff_restore_and_an_answer_comes_back_with_its_thread(db):
    import pytest
    from django.core.exceptions import PermissionDenied

    from community.permissions import check_restore_post_permission
    from community.services.posts import delete_post

    staff, super_user = StaffFactory(), MemberFactory(trust_level=TrustLevel.LEADER)
    thread = make_thread()
    answer = make_answer(thread=thread)
    delete_post(post=answer, by=answer.author)
    assert can(staff, "community.restore_post", answer)
    assert not can(super_user, "community.restore_post", answer)
    assert not can(answer.author, "community.restore_post", answer)
    assert can(staff, "community.restore_thread", thread)
    assert not can(thread.author, "community.restore_thread", thread)

    delete_post(post=thread.posts.get(is_opening=True), by=thread.author)
    answer.thread.refresh_from_db()
    assert not can(staff, "community.restore_post", answer)
    with pytest.raises(PermissionDenied, match="Restore the thread first"):
        check_restore_post_permission(member=staff, post=answer)
