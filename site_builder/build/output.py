"""Where a build writes the site: a fresh folder that replaces the site only when the build
succeeded (atomic.py), every file of it hashed, and the build manifest last (manifest.py).

Pages are hashed on a thread as MkDocs writes them, while the next ones render, and the chart
work hashes the files it writes itself; the manifest reads only what nobody hashed. `mkdocs
serve` has its own folder and no manifest, and uses none of this.
"""

from __future__ import annotations

import os
from pathlib import Path

from site_builder.build import manifest
from site_builder.build.atomic import AtomicSite
from site_builder.build.contract import Written


class SiteOutput:
    """One build's output, from `begin` to `commit` (or `abort`)."""

    def __init__(self, atomic: AtomicSite, edition=None):
        self.atomic = atomic
        self.hashing = manifest.Hashing()
        self.edition = edition

    @classmethod
    def begin(cls, root: Path, site_dir: str | Path, dirty: bool = False, edition=None) -> SiteOutput:
        """Start writing the site of the project at `root`: `folder` is where MkDocs writes it now.
        A `dirty` build starts from a copy of the site, as MkDocs' `--dirty` expects. `edition`
        (`editions.EditionSetup`): the other editions' folders in the old site stay (`keep`), and
        the edition's files are mended (`seal`) before the manifest.
        """
        if not os.environ.get("SOURCE_DATE_EPOCH") and (epoch := manifest.source_date_epoch(root)):
            os.environ["SOURCE_DATE_EPOCH"] = epoch  # dates in the site come from the last commit, not the clock
        keep = edition.keep if edition is not None else ()
        return cls(AtomicSite.begin(site_dir, seed=dirty, keep=keep), edition)

    @property
    def folder(self) -> Path:
        return self.atomic.temp

    @property
    def final(self) -> Path:
        return self.atomic.final

    def page_written(self, relative: str, path: str) -> None:
        """A page the engine writes next (see `manifest.Hashing.add_when_written`)."""
        self.hashing.add_when_written(relative, path)

    def commit(self, written: Written, plotly_version: str) -> Path:
        """Seal the site (gzip files without a date, then the manifest) and put it in place of the old one."""
        self.hashing.add_when_written()  # the last page
        if self.edition is not None:
            self.edition.seal(self.folder)
        manifest.normalise_gzip(self.folder)
        known = {**self.hashing.stamps(), **written.files}
        manifest.write_manifest(self.folder, written.inputs, plotly_version, known=known)
        self.atomic.commit()
        return self.final

    def abort(self) -> None:
        """The build failed: the previous site stays as it was."""
        self.atomic.abort()
        self.hashing.stamps()  # ends the hashing thread
