"""render_article: the posts' sanitiser, headings lifted back to h2/h3 with safe anchors."""

from knowledge.rendering import question_headings, render_article


def test_headings_get_unique_anchors_and_a_table_of_contents():
    html, toc = render_article("# Top\n\n## Setup\n\n### Step & go\n\n## Setup\n\n#### Deep")
    assert '<h2 id="top">Top</h2>' in html
    assert '<h3 id="step-go">Step &amp; go</h3>' in html
    assert '<h2 id="setup-2">' in html and "<h4" not in html.replace("<h4 id=", "")
    assert toc == [(2, "top", "Top"), (2, "setup", "Setup"), (3, "step-go", "Step & go"),
                   (2, "setup-2", "Setup")]  # fmt: skip


def test_markup_in_headings_and_body_stays_text():
    html, toc = render_article('## <img src=x onerror=alert(1)> "q"\n\n<script>alert(1)</script>')
    assert "<script" not in html and "<img" not in html
    assert 'id="img-srcx-onerroralert1-q"' in html
    assert toc[0][2] == '<img src=x onerror=alert(1)> "q"'  # autoescaped where shown


def test_only_an_all_question_article_is_a_faq():
    assert question_headings("## Why?\n\nBecause.\n\n## How?\n\nLike this.") == [
        ("Why?", "Because."),
        ("How?", "Like this."),
    ]
    assert question_headings("## Why?\n\nBecause.\n\n## Setup\n\nSteps.") == []
