"""A project: every dataset and chart spec, loaded and checked together.

The one entry point the MkDocs plugin and the `site-builder` CLI share, so that `check` and a
build can never disagree about what is valid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .datasets import Dataset, load_dataset
from .embed import find_embeds
from .errors import ContentError, Problem, did_you_mean, display_path
from .specs import Chart, check_chart, load_chart

_ID = re.compile(r"[a-z][a-z0-9_]*\Z")  # \Z: "$" would let a name end in a newline


@dataclass
class Project:
    root: Path
    datasets: dict[str, Dataset] = field(default_factory=dict)
    charts: dict[str, Chart] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path | str, data_dir: str = "data", charts_dir: str = "charts") -> "Project":
        """Load and cross-check everything; raise `ContentError` listing every problem in every file."""
        root = Path(root).resolve()
        project, problems, broken = cls(root), [], set()
        for path in _yaml_files(root, data_dir, problems):
            try:
                project.datasets[path.stem] = load_dataset(path, root)
            except ContentError as error:
                problems += error.problems
                broken.add(path.stem)
        broken |= {Path(problem.path).stem for problem in problems}  # refused files too: their charts are not reported again
        for path in _yaml_files(root, charts_dir, problems):
            try:
                project.charts[path.stem] = load_chart(path, root)
            except ContentError as error:
                problems += error.problems
        for chart in project.charts.values():
            if chart.spec.dataset not in broken:  # its dataset's own problems are reported already
                problems += check_chart(chart, project.datasets)
        if problems:
            raise ContentError(problems)
        return project

    def check_page(self, display: str, markdown: str, line_offset: int = 0) -> list[Problem]:
        """Problems with a page's `::: chart` lines. `line_offset` counts front-matter lines removed before."""
        embeds, malformed = find_embeds(markdown)
        problems = [Problem(display, f"malformed chart line '{text}'", line + line_offset, None, "",
                            "write it alone on its line as `::: chart <chart-id>`, `::: table <dataset-id>` or `::: sources`") for line, text in malformed]
        for embed in embeds:
            if embed.kind == "chart" and embed.chart_id not in self.charts:
                problems.append(Problem(display, f"chart '{embed.chart_id}' not found in charts/", embed.line + line_offset, None, "",
                                        did_you_mean(embed.chart_id, self.charts)))
            elif embed.kind == "table" and embed.chart_id not in self.datasets:
                problems.append(Problem(display, f"dataset '{embed.chart_id}' not found in data/", embed.line + line_offset, None, "",
                                        did_you_mean(embed.chart_id, self.datasets)))
        return problems


def _yaml_files(root: Path, folder: str, problems: list[Problem]) -> list[Path]:
    """The `.yml` files of a project folder; a file whose name is no valid id, or that leads outside the project, is refused."""
    directory = root / folder
    if not directory.is_dir():
        return []
    found = []
    for path in sorted(directory.iterdir()):
        if path.suffix == ".yaml":
            problems.append(Problem(display_path(path, root), "files here end in .yml", hint=f"rename it {path.stem}.yml"))
            continue
        if path.suffix != ".yml" or not path.is_file():
            continue
        if not _ID.match(path.stem):
            problems.append(Problem(display_path(path, root), f"'{path.stem}' is not a valid id",
                                    hint="file names use lower-case letters, digits and underscores, like kfor_troops.yml"))
            continue
        if not path.resolve().is_relative_to(root):
            problems.append(Problem(display_path(path, root), "this file links to a place outside the project",
                                    hint="copy the file into the project instead of linking to it"))
            continue
        found.append(path)
    return found
