"""The seams other apps plug into."""

import pytest

from community import extensions


@pytest.fixture
def registered_sections(monkeypatch):
    monkeypatch.setattr(extensions, "_profile_sections", [])
    return extensions


def test_profile_sections_gives_what_each_registered_section_returns(member, registered_sections):
    def greeting(*, member, viewer):
        if viewer == member:
            return None  # a section may show nothing
        return {"template": "community/partials/profile_section_test.html", "name": member.username}

    registered_sections.register_profile_section(greeting)
    registered_sections.register_profile_section(greeting)  # once, however often registered
    assert registered_sections.profile_sections(member=member, viewer=None) == [
        {"template": "community/partials/profile_section_test.html", "name": "customer"}
    ]
    assert registered_sections.profile_sections(member=member, viewer=member) == []


def test_seeding_the_demo_calls_the_registered_finishers_once_the_threads_exist(db, monkeypatch):
    from community.demo.seed import seed_demo_community
    from community.demo.threads import minimum_thread_count
    from community.models import Thread

    monkeypatch.setattr(extensions, "_demo_finishers", [])
    seen = []

    @extensions.register_demo_finisher
    def count_threads(*, log):
        seen.append(Thread.objects.count())

    seed_demo_community(threads=minimum_thread_count(), log=lambda line: None)
    assert len(seen) == 1 and seen[0] >= minimum_thread_count()
    seed_demo_community(
        threads=minimum_thread_count(), log=lambda line: None
    )  # nothing new: nothing to finish
    assert len(seen) == 1


def test_thread_panels_are_shown_in_order_once_each(monkeypatch):
    monkeypatch.setattr(extensions, "_thread_panels", [])

    @extensions.register_thread_panel
    def first(*, viewer, thread):
        return {"template": "first.html", "thread": thread}

    def silent(*, viewer, thread):
        return None  # a panel may show nothing

    extensions.register_thread_panel(silent)
    extensions.register_thread_panel(first)  # once, however often registered

    assert extensions.thread_panels(viewer=None, thread="t") == [
        {"template": "first.html", "thread": "t"}
    ]
