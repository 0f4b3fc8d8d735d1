"""`::: chart <id>` lines: found with their line numbers, skipped inside code, swapped without re-parsing."""

from site_builder.formats.embed import Embed, fill_placeholders, find_embeds, insert_placeholders

PAGE = """# Title

::: chart kfor_troops

```markdown
::: chart inside_code
```

=== "Map"

    ::: chart recognition_map

:::chart  broken
::: chart a b
"""


def test_embeds_are_found_with_lines_outside_code():
    embeds, malformed = find_embeds(PAGE)
    assert embeds == [Embed(3, "kfor_troops"), Embed(11, "recognition_map")]
    assert malformed == [(13, ":::chart  broken"), (14, "::: chart a b")]


def test_placeholders_keep_indentation_and_leave_code_alone():
    text = insert_placeholders(PAGE)
    assert "\n<!--site-builder:chart:kfor_troops-->\n" in text
    assert "\n    <!--site-builder:chart:recognition_map-->\n" in text
    assert "::: chart inside_code" in text


def test_placeholders_are_filled():
    html = "<p>a</p>\n<!--site-builder:chart:x_1-->\n<!--site-builder:chart:y-->"
    assert (
        fill_placeholders(html, lambda chart_id: f"<figure>{chart_id}</figure>")
        == "<p>a</p>\n<figure>x_1</figure>\n<figure>y</figure>"
    )


def test_tilde_fences_and_longer_fences():
    text = "~~~\n::: chart a\n~~~\n````\n```\n::: chart b\n```\n````\n::: chart c\n"
    assert find_embeds(text)[0] == [Embed(9, "c")]
