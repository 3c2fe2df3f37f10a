"""An idea's page: its status and history on top, comments instead of answers, and one
vote, “I want this too”."""

import re

from django.urls import reverse

from community.models import IdeaStatus, ThreadKind
from community.services.ideas import change_idea_status
from tests.factories import make_answer, make_thread


def _idea(**kwargs):
    return make_thread(kind=ThreadKind.IDEA, title="Dark mode for the app", **kwargs)


def test_idea_page_shows_the_status_history_on_top_latest_first(client, member, staff):
    idea = _idea(author=member)
    change_idea_status(thread=idea, by=staff, status=IdeaStatus.PLANNED, comment="Spring release.")
    change_idea_status(
        thread=idea, by=staff, status=IdeaStatus.IN_PROGRESS, comment="The app team started."
    )
    content = client.get(idea.get_absolute_url()).content.decode()

    status = content.index('class="card idea-status"')
    opening = content.index(f'id="post-{idea.posts.get().pk}"')
    assert status < opening
    assert "Status of this idea" in content
    assert content.index("The app team started.") < content.index("Spring release.")
    assert 'class="badge badge--idea-in_progress">In progress</span>' in content


def test_idea_page_speaks_of_comments_not_answers(client, member, other_member):
    idea = _idea(author=member)
    client.force_login(other_member)
    content = client.get(idea.get_absolute_url()).content.decode()
    assert "0 comments" in content
    assert "No comments yet." in content
    assert "Add a comment" in content
    assert "Your comment" in content
    assert ">Post comment</button>" in content
    assert "answer" not in _visible_text(content).lower()

    response = client.post(
        reverse("community:answer", args=[idea.pk]),
        {"body": "Would save battery on OLED."},
        follow=True,
    )
    content = response.content.decode()
    assert "Thank you! Your comment is posted." in content
    assert "1 comment" in content


def test_idea_page_asks_visitors_to_log_in_to_comment(client, member):
    content = client.get(_idea(author=member).get_absolute_url()).content.decode()
    assert "Sign in to comment</a>" in content
    assert "Sign in to answer" not in content


def test_idea_opening_post_has_no_helpful_vote_only_i_want_this_too(client, member, other_member):
    idea = _idea(author=member)
    comment = make_answer(thread=idea, author=member, body="I would use it every evening.")
    opening = idea.posts.get(is_opening=True)
    for viewer in (None, other_member):
        if viewer:
            client.force_login(viewer)
        content = client.get(idea.get_absolute_url()).content.decode()
        opening_html = _article(content, opening.pk)
        assert "Helpful" not in opening_html
        assert "Helpful" in _article(content, comment.pk)
        assert "I want this too" in content
        assert "Accept as solution" not in content
    # And the server refuses the vote, whatever the page shows.
    response = client.post(reverse("community:helpful", args=[opening.pk]), {"vote": "1"})
    assert response.status_code == 403
    opening.refresh_from_db()
    assert opening.helpful_count == 0


def test_idea_acknowledgement_after_suggesting_speaks_of_votes(client, member):
    idea = _idea(author=member)
    client.force_login(member)
    session = client.session
    session["just_asked"] = idea.pk
    session.save()
    content = client.get(idea.get_absolute_url()).content.decode()
    assert "Thank you, your idea is posted!" in content
    assert "first answer" not in content


def _article(content: str, post_pk: int) -> str:
    start = content.index(f'id="post-{post_pk}"')
    return content[start : content.index("</article>", start)]


def _visible_text(content: str) -> str:
    """The page's main text without tags, attributes, scripts and URLs."""
    main = content[content.index("<main") : content.index("</main>")]
    main = re.sub(r"<script.*?</script>", " ", main, flags=re.S)
    return re.sub(r"<[^>]+>", " ", main)


def test_idea_page_offers_staff_every_status_in_the_order_an_idea_goes(client, member, staff):
    idea = _idea(author=member)
    client.force_login(staff)
    content = client.get(idea.get_absolute_url()).content.decode()
    form = content[content.index('action="/t/') : content.index("Save status")]
    values = re.findall(r'<option value="([a-z_]+)"', form)
    assert values == [
        "new",
        "under_review",
        "planned",
        "in_progress",
        "delivered",
        "declined",
        "already_exists",
    ]
    client.force_login(member)
    assert "Save status" not in client.get(idea.get_absolute_url()).content.decode()
