"""The registry of chart kinds: one module a kind, each with the same four names.

A kind module defines:

- `Spec`: a pydantic model, subclass of `model.ChartSpecBase`, with `kind: Literal["<name>"]`
  and the kind's own keys;
- `FIELD_REFS`: `{spec attribute: allowed field types or None for any}`, the keys that name a
  dataset field (checked against the dataset, with a "did you mean");
- `TRACES`: the plotly trace types it draws (the page's plotly.js bundle must cover them);
- `build(spec, records, dataset, theme) -> dict`: the plotly figure (pure: no I/O, no randomness);
- `columns(spec, dataset) -> list[str]`: the fields the chart shows, for its data table and CSV.

Adding a kind is adding a module and a line below.
"""

from __future__ import annotations

from types import ModuleType

from site_builder.figures.kinds import choropleth, grouped_bar, line, ranked_bar, step

KINDS: dict[str, ModuleType] = {
    "line": line,
    "ranked_bar": ranked_bar,
    "grouped_bar": grouped_bar,
    "choropleth": choropleth,
    "step": step,
}
