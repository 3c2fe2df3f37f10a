import pytest

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


def test_super_users_accept_answers_only_for_askers_away_for_a_week(db):
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    with time_machine.travel(timezone.now() - timedelta(days=8), tick=False):
        thread = make_thread()
        answer = make_answer(thread=thread)
    super_user = MemberFactory(trust_level=TrustLevel.LEADER)
    regular = MemberFactory(trust_level=TrustLevel.REGULAR)
    assert can(super_user, "community.accept_answer", answer)
    assert not can(regular, "community.accept_answer", answer)
    answer.thread = thread  # a fresh thread object: the asker's absence is asked again
    make_answer(thread=make_thread(), author=thread.author)  # the asker is back
    assert not can(super_user, "community.accept_answer", answer)
    assert can(StaffFactory(), "community.accept_answer", answer)


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
    make_answer(thread=idea, author=super_user, body="+1, same here")
    # “me too” replies: one open, one accepted before the rule existed, one recommended
    make_answer(thread=question, author=helper, body="Same here, since yesterday.")
    with_me_too = make_thread(author=asker, title="A question answered with me too")
    Post.objects.filter(
        pk__in=[
            make_answer(thread=with_me_too, author=helper, body="Seems fine to me.").pk,
            make_answer(thread=with_me_too, author=super_user, body="Noted, thank you.").pk,
        ]
    ).update(body="Ich auch.")
    accepted, recommended = Post.objects.filter(thread=with_me_too, is_opening=False)
    accept_answer(answer=accepted, by=asker)
    set_answer_endorsement(answer=recommended, by=staff, endorsed=True)
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


def test_an_idea_is_voted_for_with_me_too_not_helpful(db):
    from django.core.exceptions import PermissionDenied

    from community.models import ThreadKind
    from community.permissions import check_vote_helpful_permission

    idea = make_thread(kind=ThreadKind.IDEA, title="Dark mode for the app")
    opening = idea.posts.get(is_opening=True)
    comment = make_answer(thread=idea, body="Would save battery on OLED screens.")
    voter = MemberFactory(trust_level=TrustLevel.MEMBER)
    assert can(voter, "community.me_too", idea)
    assert not can(voter, "community.vote_helpful", opening)
    assert can(voter, "community.vote_helpful", comment)
    with pytest.raises(PermissionDenied, match="I want this too"):
        check_vote_helpful_permission(member=voter, post=opening)
    # A question's opening post is still helpful or not.
    assert can(voter, "community.vote_helpful", make_thread().posts.get())


def test_ideas_have_comments_not_solutions(db):
    from community.models import ThreadKind

    staff = StaffFactory()
    idea = make_thread(kind=ThreadKind.IDEA, title="Dark mode for the app")
    comment = make_answer(thread=idea, body="Following the system setting would be perfect.")
    assert not can(idea.author, "community.accept_answer", comment)
    assert not can(staff, "community.endorse_answer", comment)


def test_a_me_too_reply_is_neither_accepted_nor_recommended(db):
    from django.core.exceptions import PermissionDenied

    from community.permissions import (
        check_accept_answer_permission,
        check_endorse_answer_permission,
    )

    staff = StaffFactory()
    thread = make_thread()
    me_too = make_answer(thread=thread, body="Habe das gleiche Problem, gibt es schon eine Lösung?")
    answer = make_answer(thread=thread, body="Same here. Clearing the cache fixed it for me.")
    assert not can(thread.author, "community.accept_answer", me_too)
    assert not can(staff, "community.endorse_answer", me_too)
    assert can(thread.author, "community.accept_answer", answer)
    assert can(staff, "community.endorse_answer", answer)
    with pytest.raises(PermissionDenied, match="only says “me too” cannot be the solution"):
        check_accept_answer_permission(member=thread.author, answer=me_too)
    with pytest.raises(PermissionDenied, match="nothing to recommend"):
        check_endorse_answer_permission(member=staff, post=me_too)


def test_a_me_too_reply_accepted_earlier_can_be_taken_back(db):
    from community.models import Post

    thread = make_thread()
    answer = make_answer(thread=thread, body="Reinstalling the app helped.")
    accept_answer(answer=answer, by=thread.author)
    # The text was edited down to “me too” after it had been accepted.
    Post.objects.filter(pk=answer.pk).update(body="Me too.")
    answer.refresh_from_db()
    answer.thread.refresh_from_db()
    assert can(thread.author, "community.accept_answer", answer)  # unaccepting asks this


def test_the_accepted_solution_is_not_recommended_but_a_recommendation_can_be_withdrawn(db):
    from django.core.exceptions import PermissionDenied

    from community.permissions import check_endorse_answer_permission
    from community.services.solutions import set_answer_endorsement

    staff = StaffFactory()
    thread = make_thread()
    solution = make_answer(thread=thread, body="Reinstalling the app helped.")
    recommended = make_answer(thread=thread, body="Updating to version 4.2 fixes it.")
    set_answer_endorsement(answer=recommended, by=staff, endorsed=True)
    accept_answer(answer=solution, by=thread.author)
    accept_answer(answer=recommended, by=thread.author)  # the asker changes their mind
    solution.refresh_from_db()
    recommended.refresh_from_db()

    assert can(staff, "community.endorse_answer", solution)  # no longer the solution
    assert can(staff, "community.endorse_answer", recommended)  # withdraw stays possible
    accept_answer(answer=solution, by=thread.author)
    solution.refresh_from_db()
    assert not can(staff, "community.endorse_answer", solution)
    with pytest.raises(PermissionDenied, match="needs no recommendation"):
        check_endorse_answer_permission(member=staff, post=solution)


def test_admin_link_only_for_members_who_can_do_something_in_the_admin(client, db):
    from django.contrib.auth.models import Permission

    from tests.factories import StaffFactory

    agent = StaffFactory(username="agent")  # staff, but no permission in the admin
    client.force_login(agent)
    assert 'href="/admin/"' not in client.get("/questions/").content.decode()

    agent.user_permissions.add(Permission.objects.get(codename="view_space"))
    client.force_login(agent)
    assert 'href="/admin/"' in client.get("/questions/").content.decode()

    client.force_login(StaffFactory(username="boss", is_superuser=True))
    assert 'href="/admin/"' in client.get("/questions/").content.decode()
