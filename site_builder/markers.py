r"""The markers a build writes into text and later swaps for what belongs there, in one place.

A page goes through MkDocs in steps (Markdown, HTML, search, the theme), and some of what it
shows is known only in a later step: each marker holds the place until then. Every marker is an
HTML or JavaScript comment that content cannot produce: autoescaped text never holds a raw "<",
and figure JSON writes it as \u003c. The strings are part of the output's contract with the
steps that swap them; changing one changes nothing a reader sees, but both ends must agree.
"""

from __future__ import annotations

import re

from markupsafe import Markup

EMBED_PLACEHOLDER = "<!--site-builder:{kind}:{id}-->"
"""A page's `::: chart|table|sources|corrections` line. Put by `embed.insert_placeholders` (MkDocs'
`on_page_markdown`, before Markdown, which passes comments through); swapped by
`embed.fill_placeholders` (`on_env`) for what search indexes of the embed."""

EMBED_FOUND = re.compile(r"<!--site-builder:(chart|table|sources|corrections):([a-z0-9_]*)-->")
"""`EMBED_PLACEHOLDER` in rendered HTML: (kind, id)."""

ANY_MARKER = "<!--site-builder:"
"""What every HTML marker here begins with: a page without it has nothing to swap."""

FIGURE_STUB_OPEN, FIGURE_STUB_CLOSE = "<!--site-builder:figure:", "<!--/site-builder:figure-->"
"""Around a chart's search text in a page's content, `{OPEN}<chart id>--><p>title</p>{CLOSE}`.
Put by `pages.figure_stub` (`on_env`, in place of `EMBED_PLACEHOLDER`); swapped by `pages.place_figures`
(`on_post_page`) for the chart's figure, after search has indexed the page."""

BASE_MARK = Markup("<!--site-builder:base-->")
"""The page's relative root in a figure rendered once for every page that shows it. Put by
`render.render_figure` (given as its `base`, from `publish.Publication`); swapped by
`contract.ChartPages.figure` (each page's root) and `publish.Publication.files` (a chart's own page)."""

THEME_PLACEHOLDER = "/*@SB_THEME@*/null"
"""The loader's configuration (theme, bundles, map file) in `reader/static/site-builder.js`,
which carries it exactly once; swapped by `assets.FrontendAssets.load` for the JSON."""

CORRECTIONS_PAGE_MARK = Markup("<!--site-builder:corrections-page-->")
"""Where the corrections page is, from the site's root, in the links of a chart's corrections (a
figure is rendered before the pages say which one shows `::: corrections`). Put by
`render.render_figure`; swapped by `publish.Publication.pages` for the page's path, or, with no
such page, the links are taken out (`render.resolve_corrections_page`)."""
