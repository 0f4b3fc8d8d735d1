"""What the chart work is given and what it gives back: the types shared by the chart runner
(`chartwork.py`, which runs the work here or in a forked process) and the publication
(`publish.py`, the work itself), so that neither imports the other.

Light on purpose, like chartwork.py: the MkDocs process imports it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from site_builder.build.assets import FrontendAssets
from site_builder.figures.posters import possible_files
from site_builder.markers import BASE_MARK

CHART_FILES = ("data.csv", "data.json", "figure.json", "figure.js", "index.html")
FEED = "feed.xml"  # the Atom feed of corrections and updates (`feed.py`), at the site's root


def chart_paths(chart_id: str, images: bool = True) -> list[str]:
    """The site paths a chart claims for its own page, downloads and images: stable URLs, known before
    it is made. A chart writes two of a poster's two possible formats (`posters.possible_files`):
    which ones depends on its kind, and this is asked before the charts are loaded.
    """
    names = [*CHART_FILES, *(possible_files() if images else ())]
    return [f"charts/{chart_id}/{name}" for name in names]


@dataclass(frozen=True)
class ChartJob:
    """What the chart work needs from the build: where the project and the site are, and how the site is named."""

    root: Path
    data_dir: str
    charts_dir: str
    site_dir: Path  # where the chart files are written
    site_name: str
    site_url: str  # "" when unknown
    assets: FrontendAssets
    inputs: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())  # folders and files under root the manifest lists
    images: bool = True  # posters and cards drawn in Chromium (`images.py`); False: plotly.js draws every chart
    directory_urls: bool = True  # MkDocs' `use_directory_urls`: how a chart's page is linked (`addresses.chart_page`)
    cache: bool = True  # read and write `.site-builder-cache/`
    workers: int | None = None  # processes for preparing charts (None: `workers.worker_count`)
    language: str = "en"  # the edition's (BCP 47): every text of the charts is made in it (`current.using`)
    languages: tuple[str, ...] = ("en",)  # the languages texts are written in: the site's (`project.site_languages`)
    project: object | None = None  # the project, loaded and localized (`chartwork.localized_job`); None: load it


@dataclass
class ChartPages:
    """What the MkDocs process needs to finish the pages; sent once from the chart work."""

    charts: tuple[str, ...]  # every chart id
    datasets: tuple[str, ...]  # every dataset id
    stubs: dict[str, str]  # chart id -> its title and subtitle, escaped (what search indexes of it)
    figures: dict[str, str]  # chart id -> its `<figure>`, with `markers.BASE_MARK` for the page's root
    bundles: dict[str, str]  # chart id -> the plotly.js bundle its figure names
    page_bundles: dict[str, dict[str, str]]  # page -> chart id -> the bundle it names on that page
    tables: dict[str, str]  # dataset id -> its `::: table` block, for the datasets pages show
    sources: str  # the `::: sources` block ("" when no page shows it)
    page_keys: dict[str, str]  # page -> what it shows of the project, as a digest (`cache.page_key`)
    cards: dict[str, tuple[str, str]] = field(default_factory=dict)  # page -> its first chart's card URL and alt
    corrections: str = ""  # the `::: corrections` block ("" when no page shows it)
    feed_link: str = ""  # the feed's `<link rel="alternate">`, with `markers.BASE_MARK` for the page's root ("": none)

    def summary(self) -> str:
        """What the build says once the charts are made: "6 charts from 6 datasets", "1 chart from 1 dataset"."""
        charts, datasets = len(self.charts), len(self.datasets)  # (reader/sentences.py would load the data model)
        return f"{charts} chart{'s' * (charts != 1)} from {datasets} dataset{'s' * (datasets != 1)}"

    def head(self, root: str) -> str:
        """What every page adds to its `<head>` for the charts' sake: the feed's link, for `root`."""
        return self.feed_link.replace(BASE_MARK, root)

    def card(self, page: str) -> tuple[str, str]:
        """The image a shared link to `page` shows (absolute URL, alt text), or ("", "") for none."""
        return self.cards.get(page, ("", ""))

    def figure(self, chart_id: str, base: str, page: str) -> str:
        """A chart's figure for one page: its root is `base`, and it names the page's bundle."""
        html = self.figures[chart_id].replace(BASE_MARK, base)
        own, chosen = self.bundles[chart_id], self.page_bundles.get(page, {}).get(chart_id)
        if chosen and chosen != own:
            html = html.replace(f'data-sb-bundle="{own}"', f'data-sb-bundle="{chosen}"', 1)
        return html


@dataclass
class Written:
    """The chart work's last word: what it wrote, and what the build was made from."""

    files: dict[str, tuple[int, int, str]]  # site path -> size, modification time and SHA-256 (`manifest.Stamp`)
    inputs: dict[str, str]  # path under root -> SHA-256 (`manifest.inputs`)
