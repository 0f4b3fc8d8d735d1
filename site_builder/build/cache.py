"""A content-hash cache of prepared charts, kept on disk between builds.

A prepared chart (figure JSON, table, alt text, ...) depends only on the bytes of its spec file
and of its dataset's file, its id, the house theme and the generator's code. The cache key is
the SHA-256 of all of these, so an entry can never be stale: editing one dataset changes the keys
of the charts that plot it, and only those are prepared again. Entries live in
`.site-builder-cache/charts/` beside `mkdocs.yml` (git-ignored), one file per key.

The generator's code is keyed by `site_builder.__version__` *and* a hash of the package's
Python source, so that a change to a chart kind invalidates the cache even before the version is
bumped. A corrupt, truncated, foreign or unreadable entry is treated as a miss, and a cache
folder that cannot be written is silently skipped: the cache can make a build faster, never make
it fail, and never change what it writes (entries are checked against their key when read).

Entries are pickles of plain values (strings, tuples, dicts, the `Table` dataclass). The cache
lies inside the project, which anyone able to write to can already run code through
`mkdocs.yml`; it is never read from anywhere else.

No MkDocs import here.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import Any

from site_builder import __version__
from site_builder.languages import current

CACHE_DIR = ".site-builder-cache"
FORMAT = 1  # bump when the layout of entries changes
_PACKAGE = Path(__file__).resolve().parent.parent  # all of site_builder


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """SHA-256 of the package's version and Python source: what a prepared chart is made by."""
    digest = hashlib.sha256(f"site-builder {__version__} format {FORMAT}\n".encode())
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def theme_fingerprint(theme: Any) -> str:
    """The theme as text: a frozen dataclass of strings, numbers and dicts has a stable repr."""
    return hashlib.sha256(repr(theme).encode()).hexdigest()


def chart_key(chart_id: str, spec_digest: str, dataset_digest: str, theme_digest: str) -> str:
    """The key of a prepared chart: its id, the digests of its spec and dataset files' bytes
    (`digests.file_sha256`), of the theme (`theme_fingerprint`) and of the code, and the language
    it is made in (`current.language()`: one spec makes a chart per edition).
    """
    parts = ["chart", chart_id, spec_digest, dataset_digest, theme_digest, code_fingerprint(), current.language()]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


class ChartCache:
    """Prepared-chart payloads by key, in `folder` (None: a cache that remembers nothing).

    `get` returns the payload stored for a key, or None for a miss (absent, corrupt or foreign);
    `put` stores one, atomically; `forget_others` removes entries no chart of the latest build
    used, so the folder does not grow with every edit.

    Each edition's entries are in a folder of their own (the source language's in `folder`, the
    others' in `folder/<language>`), made while that language is `current`: a build of every
    edition prepares each chart once a language, and one edition's `forget_others` must not empty
    the cache of the next.
    """

    def __init__(self, folder: Path | None):
        language = current.language()
        if folder is not None and language != current.SOURCE:
            folder = Path(folder) / language
        self.folder = Path(folder) if folder is not None else None
        self.hits = 0
        self.misses = 0
        self.keys: dict[str, str] = {}  # chart id -> key, of the latest `prepare_charts`
        self._writable = self.folder is not None

    @classmethod
    def beside(cls, config_dir: Path) -> ChartCache:
        return cls(Path(config_dir) / CACHE_DIR / "charts")

    def _path(self, key: str) -> Path:
        return self.folder / f"{key}.pickle"

    def get(self, key: str) -> Any | None:
        if self.folder is None:
            return None
        try:
            with open(self._path(key), "rb") as handle:
                entry = pickle.load(handle)
            if isinstance(entry, tuple) and len(entry) == 3 and entry[0] == FORMAT and entry[1] == key:
                self.hits += 1
                return entry[2]
        except Exception:  # noqa: BLE001 - absent, truncated, corrupt or foreign: a miss, never a failure
            pass
        self.misses += 1
        return None

    def put(self, key: str, payload: Any) -> None:
        if not self._writable:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            data = pickle.dumps((FORMAT, key, payload), protocol=pickle.HIGHEST_PROTOCOL)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(data)
                os.replace(temporary, self._path(key))
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except Exception:  # noqa: BLE001 - a read-only or full disk: build without the cache
            self._writable = False

    def forget_others(self, keep: set[str]) -> None:
        """Remove entries (and stray temporary files) whose key is not in `keep`."""
        if self.folder is None or not self._writable:
            return
        try:
            for path in self.folder.iterdir():
                if path.suffix == ".pickle" and path.stem not in keep or path.name.startswith(".tmp-"):
                    path.unlink(missing_ok=True)
        except OSError:
            pass


def page_keys_path(root: Path, site_dir: Path) -> Path:
    """Where the page keys of the latest build into `site_dir` are kept, for the next dirty build
    (one file a site folder: `mkdocs serve` and `mkdocs build` write into different ones).
    """
    site = hashlib.sha256(str(site_dir).encode()).hexdigest()[:16]
    return Path(root) / CACHE_DIR / f"pages-{site}.json"


def read_page_keys(path: Path) -> dict[str, str]:
    """The {page: key} record written by `write_page_keys`; {} when absent or unreadable."""
    try:
        value = json.loads(Path(path).read_text("utf-8"))
        if isinstance(value, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
            return value
    except Exception:  # noqa: BLE001
        pass
    return {}


def write_page_keys(path: Path, keys: dict[str, str]) -> None:
    try:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        temporary = Path(path).with_name(Path(path).name + ".tmp")
        temporary.write_text(json.dumps(keys, sort_keys=True), "utf-8")
        os.replace(temporary, path)
    except OSError:
        pass


def mark_changed_pages(path: Path, keys: dict[str, str], pages: Iterable[tuple[str, str]]) -> None:
    """Make a dirty build re-render the pages (source path, output file) whose key changed since
    the build that wrote `path` (`write_page_keys`) although their Markdown did not, by dating
    their output before their source: MkDocs' test of a modified page.
    """
    previous = read_page_keys(path)
    for page, output in pages:
        if keys.get(page, "") != previous.get(page, "") and os.path.isfile(output):
            os.utime(output, (0, 0))


def page_key(embeds, chart_keys: dict[str, str], dataset_digest) -> str:
    """One digest of what a page shows of the project ('' when it embeds nothing): the keys of its
    charts, the file digests (`dataset_digest(id)`; `dataset_digest(None)` for all of them) of
    the datasets its `::: table` and `::: sources` lines show. A dirty build re-renders a page when
    this changes, although its Markdown did not.
    """
    parts = []
    for item in embeds:
        kind = getattr(item, "kind", "chart")
        if kind == "chart":
            parts.append(f"chart:{item.target}:{chart_keys.get(item.target, '')}")
        elif kind == "table":
            parts.append(f"table:{item.target}:{dataset_digest(item.target)}")
        else:
            parts.append(f"{kind}:{dataset_digest(None)}")
    return hashlib.sha256("\n".join(parts).encode()).hexdigest() if parts else ""
