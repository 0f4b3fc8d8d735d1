"""The registry of chart kinds: one module a kind, and everything about the kind in its module.

A kind module defines (`CONTRACT` lists the names; a test fails when one is missing):

- `Spec`: a pydantic model, subclass of `model.ChartSpecBase`, with `kind: Literal["<name>"]`
  and the kind's own keys, each with `Field(description=..., examples=[...])` (the JSON Schema,
  the field reference and the starting file `site-builder new chart` writes are made from them).
  A kind with `events:` overrides `marked_events()` to return them;
- `FIELD_REFS`: `{spec attribute: allowed field types or None for any}`, the keys that name a
  dataset field (checked against the dataset, with a "did you mean"; the starting file picks a
  field of the dataset for each);
- `TRACES`: the plotly trace types it draws (the page's plotly.js bundle must cover them);
- `build(spec, records, dataset, theme) -> dict`: the plotly figure (pure: no I/O, no randomness),
  drawn with the helpers in `figures/marks.py` and values written by `reader/text.py`;
- `columns(spec, dataset) -> list[str]`: the fields the chart shows, for its data table and CSV;
- `rows(spec, records, dataset) -> list[dict]`: the records of the table (so of the CSV and JSON
  downloads), in reading order: exactly the ones the chart draws, where it leaves some out.
  `reader.order.by_columns` is the usual order;
- `describe(spec, records, dataset) -> list[str]`: the sentences of the generated text
  alternative, given at least one record (`reader/alt_text.py` says when there is none and
  counts the unconfirmed figures; `reader/sentences.py` has the wording helpers);
- `explain(spec, records, dataset) -> list[str]`: plain sentences for readers, shown under the
  chart after the spec's `notes`, saying how it is drawn where that is not plain from the marks:
  which figure a line or bar shows where sources disagree and by which rule, what a range is,
  how partial dates and undated records are placed. [] when nothing needs saying;
- `GUIDE_DRAWS`, `GUIDE_KEYS`: the kind's row in the kinds table of the editors' guide
  (`content/editors/formats.md`, generated where the page says `::: reference kinds`): what it
  draws, and its keys in a sentence.

Adding a kind is adding a module and a line below; the tests then run every kind-wide check
(valid plotly, deterministic, hostile strings escaped, table, text alternative, documentation,
schema, starting file) on it.
"""

from __future__ import annotations

from types import ModuleType

from site_builder.figures.kinds import choropleth, grouped_bar, line, ranked_bar, step

CONTRACT = (
    "Spec",
    "FIELD_REFS",
    "TRACES",
    "build",
    "columns",
    "rows",
    "describe",
    "explain",
    "GUIDE_DRAWS",
    "GUIDE_KEYS",
)

KINDS: dict[str, ModuleType] = {
    "line": line,
    "ranked_bar": ranked_bar,
    "grouped_bar": grouped_bar,
    "choropleth": choropleth,
    "step": step,
}
