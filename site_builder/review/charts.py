"""Charts compared by what the site draws of them, and their before and after images.

A chart changed when its prepared figure (`build/prepare.py`, the very JSON the site publishes)
differs: a dataset edit the chart filters out, or a field it does not draw, changes nothing a
reader sees, and is not reported as a change of the chart. The images are the build's own: the
light, wide poster (`figures/posters.py`), drawn by the site's plotly.js in Chromium through the
build's image cache (`build/images.py`), both sides with the code of the working tree, so that
what differs between them is the data and the spec, never the drawing code.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from site_builder.build.assets import AssetsMissing, FrontendAssets
from site_builder.build.cache import CACHE_DIR, ChartCache
from site_builder.build.images import ImageJob, ImageMaker, ImagesUnavailable
from site_builder.build.prepare import PreparedChart
from site_builder.errors import display_path
from site_builder.figures.posters import poster_figure, posters
from site_builder.figures.theme import layout_overrides
from site_builder.formats.specs import Chart
from site_builder.review.gitstate import State
from site_builder.review.model import MISSING, ChartChange, Image, Review, ValueChange, Where

# Up to this many images, one page of Chromium draws them all: a second page would load and parse the
# plotly.js bundle again, which costs more than drawing a few images.
PAGE_JOBS = 8


class KeptCache(ChartCache):
    """The build's cache, read and added to, never pruned: a build prunes what it no longer uses,
    but a review of an old commit must not throw away the entries of the next build.
    """

    def forget_others(self, keep: set[str]) -> None:
        return None


def compare_charts(
    old: dict[str, Chart],
    new: dict[str, Chart],
    prepared_old: dict[str, PreparedChart],
    prepared_new: dict[str, PreparedChart],
    pages: tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]],
    states: tuple[State, State],
) -> list[ChartChange]:
    base, head = states
    removed = [i for i in sorted(old) if i not in new]
    added = [i for i in sorted(new) if i not in old]
    renamed: dict[str, str] = {}  # new id -> old id
    for new_id in added:
        spec = new[new_id].spec
        for old_id in removed:
            was = old[old_id].spec
            if old_id not in renamed.values() and (
                was == spec or (was.kind, was.dataset, was.title) == (spec.kind, spec.dataset, spec.title)
            ):
                renamed[new_id] = old_id
                break
    changes = []
    for chart_id in sorted({*old, *new}):
        if chart_id in renamed.values():
            continue
        old_id = renamed.get(chart_id, chart_id)
        before, after = prepared_old.get(old_id), prepared_new.get(chart_id)
        if after is None:
            where = Where(base.short + display_path(old[chart_id].path, base.root))
            changes.append(
                ChartChange(
                    chart_id,
                    "removed",
                    before.spec.title,
                    where,
                    before.spec.dataset,
                    True,
                    pages_before=pages[0].get(chart_id, ()),
                )
            )
            continue
        chart = new[chart_id]
        where = Where(display_path(chart.path, head.root), 1)
        if before is None:
            changes.append(
                ChartChange(
                    chart_id,
                    "added",
                    after.spec.title,
                    where,
                    after.spec.dataset,
                    True,
                    pages=pages[1].get(chart_id, ()),
                )
            )
            continue
        spec = _spec_changes(old[old_id], chart, where.path)
        figure = before.figure_json != after.figure_json
        # A renamed chart's table names its downloads after the new id: only a kept id's table is compared.
        table = old_id == chart_id and (before.table != after.table or before.alt != after.alt)
        if not (figure or table or spec or old_id != chart_id):
            continue
        changes.append(
            ChartChange(
                chart_id,
                "renamed" if old_id != chart_id else "changed",
                after.spec.title,
                where,
                after.spec.dataset,
                figure,
                table,
                spec,
                old_id if old_id != chart_id else "",
                pages[1].get(chart_id, ()),
                pages[0].get(old_id, ()),
            )
        )
    return changes


def _spec_changes(old: Chart, new: Chart, path: str) -> tuple[ValueChange, ...]:
    before, after = old.spec.model_dump(exclude_defaults=True), new.spec.model_dump(exclude_defaults=True)
    return tuple(
        ValueChange(
            name, before.get(name, MISSING), after.get(name, MISSING), Where(path, new.document.where((name,))[0])
        )
        for name in [*after, *(n for n in before if n not in after)]
        if before.get(name, MISSING) != after.get(name, MISSING)
    )


def draw_images(
    root: Path, review: Review, prepared_old: dict[str, PreparedChart], prepared_new: dict[str, PreparedChart]
) -> list[str]:
    """Draw the before and after images of every chart whose figure changed, into `review.charts`;
    return notes for the report where images could not be drawn (and why).
    """
    wanted = [change for change in review.charts if change.figure_changed]
    if not wanted:
        return []
    try:
        assets = FrontendAssets.load(root, layout_overrides())
        maker = ImageMaker(root, assets)
    except (AssetsMissing, ImagesUnavailable) as error:
        return [f"images not drawn: {error}"]
    maker.cache = KeptCache(Path(root) / CACHE_DIR / "images")
    jobs: dict[tuple[str, str], ImageJob] = {}
    for change in wanted:
        for side, chart in (
            ("before", prepared_old.get(change.old_id or change.id)),
            ("after", prepared_new.get(change.id)),
        ):
            if chart is None:
                continue
            figure = json.loads(chart.figure_json)
            poster = next(p for p in posters(figure, chart.traces) if (p.scheme, p.size) == ("light", "wide"))
            bundle = assets.bundle_for(set(chart.traces)).filename
            path = f"images/{change.id}-{side}.{poster.format}"
            jobs[change.id, side] = ImageJob(path, poster_figure(figure, poster), poster.format, bundle, poster.scale)
    try:
        made = maker.make(list(jobs.values()), workers=1 if len(jobs) <= PAGE_JOBS else 2)
    except ImagesUnavailable as error:
        return [f"images not drawn: {error}"]
    for index, change in enumerate(review.charts):
        pictures = {
            side: Image(job.path, made[job.path], job.format)
            for (chart_id, side), job in jobs.items()
            if chart_id == change.id
        }
        if pictures:
            review.charts[index] = replace(change, before=pictures.get("before"), after=pictures.get("after"))
    return []
