"""A text alternative for a chart, written from its data when the editor gives none.

Screen-reader users get what a sighted reader takes from the chart at a glance: what is
plotted, over which range, the extremes and the latest value with their dates, the overall
trend; for a map, how many countries fall in each category. Plain sentences, numbers with
thousands separators. The figures summarised are ones sources gave (where they disagree, as a
range), never a median or another figure nobody reported, so the text and the chart agree.

Each kind writes its own sentences (`describe()` in its module, with the wording helpers of
`sentences.py`); this module adds what every chart says alike.
"""

from __future__ import annotations

from site_builder.figures.kinds import KINDS
from site_builder.formats.datasets import Dataset
from site_builder.formats.model import ChartSpecBase
from site_builder.languages.messages import _, ngettext
from site_builder.reader.text import format_number


def describe_chart(spec: ChartSpecBase, records: list[dict], dataset: Dataset) -> str:
    sentences = KINDS[spec.kind].describe(spec, records, dataset) if records else [_("The chart has no data to show.")]
    low = sum(1 for record in records if record.get("confidence") == "low")
    if low:
        sentences.append(
            ngettext(
                "{number} figure is unconfirmed.", "{number} figures are unconfirmed.", low, number=format_number(low)
            )
        )
    return " ".join(sentences)
