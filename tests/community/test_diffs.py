"""Post history shows changed words inline, in the rendered post."""

from community.diffs import inline_diff, inline_text_diff
from community.markdown import render_markdown


def test_inline_diff_marks_changed_words_only():
    before = render_markdown("Restart the **router** and wait a minute.")
    after = render_markdown("Restart the **modem** and wait two minutes.")
    diff = str(inline_diff(before, after))
    assert '<del class="diff-del">router</del><ins class="diff-ins">modem</ins>' in diff
    assert "<strong>" in diff  # rendered, not Markdown source
    assert "Restart the" in diff and "**" not in diff
    assert "@@" not in diff


def test_inline_diff_keeps_the_new_structure_well_formed():
    before = render_markdown("- one\n- two\n- three")
    after = render_markdown("A paragraph instead of a list.")
    diff = str(inline_diff(before, after))
    assert diff.count("<p>") == diff.count("</p>") == 1
    assert "<ul>" not in diff and "<li>" not in diff
    assert '<del class="diff-del">' in diff and "two" in diff


def test_inline_diff_is_sanitised_and_keeps_entities_whole():
    before = render_markdown("Tom &amp; Jerry")
    after = render_markdown("Tom &lt; Jerry <script>alert(1)</script>")
    diff = str(inline_diff(before, after))
    assert "<script>" not in diff
    assert "&amp;amp" not in diff


def test_inline_text_diff_for_titles():
    diff = str(inline_text_diff("Invoice PDF is empty", "Invoice PDF is blank"))
    assert diff == (
        'Invoice PDF is <del class="diff-del">empty</del><ins class="diff-ins">blank</ins>'
    )
