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
