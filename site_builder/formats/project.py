"""A project: every dataset and chart spec, loaded and checked together.

The one entry point the MkDocs plugin and the `site-builder` CLI share, so that `check` and a
build can never disagree about what is valid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from site_builder.errors import ContentError, Problem, display_path, unexpected
from site_builder.formats.contents import Contents, check_page
from site_builder.formats.datasets import Dataset, load_dataset
from site_builder.formats.site_config import SiteConfig
from site_builder.formats.specs import Chart, check_chart, load_chart
from site_builder.languages import current
from site_builder.languages.editions import editions_of
from site_builder.languages.localize import missing


@dataclass
class Project:
    root: Path
    datasets: dict[str, Dataset] = field(default_factory=dict)
    charts: dict[str, Chart] = field(default_factory=dict)
    languages: tuple[str, ...] = (current.SOURCE,)  # the languages its texts may be written in: the site's
    # The one language its texts are in, once localized (`languages/localize.py`); None as loaded,
    # where a text is English or a mapping of languages to text.
    language: str | None = None
    loaded: Project | None = field(default=None, compare=False, repr=False)  # a localized one's, as loaded
    localized: dict[str, Project] = field(default_factory=dict, compare=False, repr=False)  # by language

    @classmethod
    def load(
        cls,
        root: Path | str,
        data_dir: str = "data",
        charts_dir: str = "charts",
        languages: tuple[str, ...] | None = None,
    ) -> Project:
        """Load and cross-check everything; raise `ContentError` listing every problem in every file.
        Texts may be written in `languages`, English always among them; None: the languages the
        `mkdocs.yml` at `root` lists (`declared_languages`), so no caller reads a translated
        project as English only by forgetting to say.

        An exception no check foresaw, in any file's loading or checking, is that file's problem too
        (`errors.unexpected`): one odd file never ends a build, or `site-builder check`, with a traceback.
        """
        root = Path(root).resolve()
        if languages is None:
            languages = _languages_at(root)
        languages = tuple(dict.fromkeys((current.SOURCE, *languages)))
        contents = Contents.find(root, data_dir, charts_dir)
        project, problems, broken = cls(root, languages=languages), list(contents.problems), set()
        for path in contents.datasets.values():
            try:
                project.datasets[path.stem] = load_dataset(path, root, languages)
            except ContentError as error:
                problems += error.problems
                broken.add(path.stem)
            except Exception as error:  # noqa: BLE001 - a bug an input found: reported as that file's problem
                problems.append(unexpected(display_path(path, root), "reading the dataset", error))
                broken.add(path.stem)
        broken |= {
            Path(problem.path).stem for problem in problems
        }  # refused files too: their charts are not reported again
        for path in contents.charts.values():
            try:
                project.charts[path.stem] = load_chart(path, root, languages)
            except ContentError as error:
                problems += error.problems
            except Exception as error:  # noqa: BLE001 - as above
                problems.append(unexpected(display_path(path, root), "reading the chart spec", error))
        for chart in project.charts.values():
            if chart.spec.dataset not in broken:  # its dataset's own problems are reported already
                try:
                    problems += check_chart(chart, project.datasets)
                except Exception as error:  # noqa: BLE001 - as above
                    dataset = project.datasets.get(chart.spec.dataset)
                    doing = (
                        f"checking the chart against {display_path(dataset.path, root)}" if dataset else "checking it"
                    )
                    problems.append(unexpected(display_path(chart.path, root), doing, error))
        if problems:
            raise ContentError(problems)
        return project

    @classmethod
    def of_site(cls, site: SiteConfig) -> Project:
        """The project in the folders the site's config names (the plugin's `data_dir`, `charts_dir`), its
        texts in the languages of the site's editions (`extra.alternate`; Latin Serbian is made from `sr`).
        """
        return cls.load(site.root, site.data_dir, site.charts_dir, site_languages(site))

    def problems_in(self, language: str) -> list[Problem]:
        """Each text readers see that has no translation into `language` (an edition's: "sq", "sr-Latn"),
        at its line: what `site-builder check` lists, and a strict build of that edition stops on.
        """
        return missing(self, language)

    def check_page(self, display: str, markdown: str, line_offset: int = 0) -> list[Problem]:
        """Problems with a page's `::: chart` lines. `line_offset` counts front-matter lines removed before."""
        return check_page(display, markdown, self.charts, self.datasets, line_offset)


def site_languages(site: SiteConfig) -> tuple[str, ...]:
    """The languages texts are written in for the site's editions: each edition's own, or the one it is
    transliterated from (a Latin Serbian edition is made from the Cyrillic texts).
    """
    return tuple(dict.fromkeys(edition.built_from for edition in editions_of(site)))


def declared_languages(site: SiteConfig) -> tuple[str, ...]:
    """The languages `extra.alternate` lists (Latin Serbian as Serbian), read leniently: for a review, which
    reads a commit's mkdocs.yml alone (not each edition's file) and leaves checking the list to `check`.
    """
    extra = site.raw.get("extra")
    listed = extra.get("alternate") if isinstance(extra, dict) else None
    languages = [entry.get("lang") for entry in listed or [] if isinstance(entry, dict)]
    written = [
        current.base(code) if current.is_latin_of_cyrillic(code) else code
        for code in languages
        if isinstance(code, str)
    ]
    return tuple(dict.fromkeys((current.SOURCE, *written)))


def _languages_at(root: Path) -> tuple[str, ...]:
    """The languages the site at `root` lists, or English alone when its mkdocs.yml is missing or
    unreadable (`check` and the build report that file's problems themselves).
    """
    try:
        return declared_languages(SiteConfig.load(root))
    except ContentError:
        return (current.SOURCE,)
