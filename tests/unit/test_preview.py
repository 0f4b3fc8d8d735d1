"""What the live preview shows while the content has problems."""

from __future__ import annotations

from site_builder.editors import preview
from site_builder.errors import Problem

PROBLEMS = [Problem("data/t.yml", "expected an integer, got '<3,800>'", 4, 7, "records[0].troops", "write 3800")]


def test_banner_lists_the_problems_escaped():
    html = preview.banner(PROBLEMS)
    assert 'role="alert"' in html and "1 problem in the content" in html
    assert "data/t.yml:4:7: records[0].troops: expected an integer, got &#39;&lt;3,800&gt;&#39;" in html
    assert "<3,800>" not in html


def test_missing_chart_notice_is_escaped():
    assert "The chart 'a&lt;b' cannot be shown yet" in preview.missing("chart", "a<b")


def test_problems_are_printed_outside_mkdocs_loggers(capsys):
    """MkDocs' strict mode counts `mkdocs.*` warnings and would stall `mkdocs serve`: our logger is not one of them."""
    logger = preview.preview_logger()
    assert not logger.name.startswith("mkdocs") and not logger.propagate
    preview.report(PROBLEMS, kept=True)
    err = capsys.readouterr().err
    assert err.startswith("ERROR   -  site-builder:\ndata/t.yml:4:7: records[0].troops:")
    assert "keeps showing the last good charts" in err


def test_the_notices_are_the_markup_the_preview_always_showed():
    """From templates now, autoescaped like every other: quotes are written `&#39;`, `&#34;`."""
    assert preview.banner([Problem("a.yml", "x <y> & z"), Problem("b.md", "'q' \"r\"", 3)]) == (
        '<div class="admonition failure sb-preview-problems" role="alert"><p class="admonition-title">'
        "site-builder: 2 problems in the content; this preview shows the last good charts</p>"
        "<pre><code>a.yml: x &lt;y&gt; &amp; z\nb.md:3: &#39;q&#39; &#34;r&#34;\n2 problems found.</code></pre></div>\n"
    )
    assert preview.missing("chart", "kfor_line") == (
        '<div class="admonition warning sb-preview-missing"><p class="admonition-title">The chart '
        "'kfor_line' cannot be shown yet: see the problems above</p></div>"
    )
