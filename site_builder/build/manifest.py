"""Reproducible output: the build manifest, gzip files without a timestamp, and the build date.

Two builds of the same commit, on different days and in different folders, give byte-identical
sites. What the site says about time comes from `SOURCE_DATE_EPOCH` (the Makefile exports the
last commit's time; MkDocs dates `sitemap.xml` with it); when it is not set, the plugin sets it
from git (`source_date_epoch`). gzip files carry a modification time in their header: MkDocs
writes `sitemap.xml.gz` with the build date in it, `normalise_gzip` rewrites such files with 0.

`site/build-manifest.json` lists every file of the site with its SHA-256, the versions of the
generator, of plotly.js and of MkDocs and its theme, and the SHA-256 of every input (datasets,
chart specs, pages, `mkdocs.yml`): what a reader got, and what it was made from. Keys are
sorted and paths are relative and in `/` form, so the manifest itself is reproducible. It does
not list itself.

No MkDocs import.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from importlib import metadata
from pathlib import Path

from site_builder import __version__
from site_builder.build.digests import file_sha256

MANIFEST = "build-manifest.json"
FORMAT = 1


Stamp = tuple[int, int, str]  # a file's size, modification time (ns) and SHA-256, as it was hashed


def stamp(path: Path) -> Stamp:
    status = os.stat(path)
    return status.st_size, status.st_mtime_ns, file_sha256(path)


class Hashing:
    """Files hashed on a thread while the build goes on (file reads and hashlib release the GIL),
    for `tree(known=...)`.
    """

    def __init__(self):
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="site-builder-hashing")
        self._stamps: dict = {}
        self._next: tuple[str, Path] | None = None  # see `add_when_written`

    def add(self, relative: str, path: Path) -> None:
        self._stamps[relative] = self._pool.submit(stamp, path)

    def add_when_written(self, relative: str | None = None, path: Path | None = None) -> None:
        """Hash the file named in the call before, and keep this one for the next call: MkDocs
        writes each page right after `on_post_page`, so the page before is on disk by the next.
        Without a file: the last one (every page is written).
        """
        if self._next is not None:
            self.add(*self._next)
        self._next = (relative, path) if relative is not None else None

    def stamps(self) -> dict[str, Stamp]:
        """Every file hashed (those that could not be read are left out); ends the thread."""
        self._pool.shutdown(wait=True)
        return {relative: future.result() for relative, future in self._stamps.items() if future.exception() is None}


def tree(folder: Path, skip_hidden: bool = False, known: dict[str, Stamp] | None = None) -> dict[str, str]:
    """SHA-256 of every regular file under `folder`, by `/`-separated relative path (links are not
    followed). `known`: files hashed already, as they were written (`stamp`); one whose size or
    modification time has changed since is hashed again.

    (File times tick in milliseconds: a file rewritten to the same size within one tick of being
    hashed would keep its old digest. Nothing rewrites a page or chart file after MkDocs or the
    chart process wrote it.)
    """
    known = known or {}
    found: dict[str, str] = {}
    todo: list[tuple[str, str]] = []
    for relative, entry in _files(str(folder), skip_hidden):
        if relative in known:
            status = entry.stat(follow_symlinks=False)
            if known[relative][:2] == (status.st_size, status.st_mtime_ns):
                found[relative] = known[relative][2]
                continue
        todo.append((relative, entry.path))
    # hashlib and file reads release the GIL: hash side by side
    with ThreadPoolExecutor(min(4, os.cpu_count() or 1)) as pool:
        found.update(zip([relative for relative, _ in todo], pool.map(file_sha256, [path for _, path in todo])))
    return dict(sorted(found.items()))


def _files(folder: str, skip_hidden: bool = False) -> Iterator[tuple[str, os.DirEntry]]:
    """(`/`-separated relative path, entry) of every regular file under `folder`; links are not
    followed. With os.scandir and strings: a site has thousands of files.
    """
    stack = [("", folder)]
    while stack:
        prefix, directory = stack.pop()
        with os.scandir(directory) as entries:
            for entry in entries:
                if skip_hidden and entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    stack.append((f"{prefix}{entry.name}/", entry.path))
                elif entry.is_file(follow_symlinks=False):
                    yield prefix + entry.name, entry


def inputs(root: Path, folders: Iterable[str], files: Iterable[str]) -> dict[str, str]:
    """SHA-256 of the project's inputs, by path relative to `root`. Hidden files (editors' swap
    files, `.DS_Store`) are left out: MkDocs leaves them out of the site too.
    """
    root = Path(root)
    found: dict[str, str] = {}
    for folder in folders:
        base = (root / folder).resolve()
        if base.is_dir():
            prefix = Path(os.path.relpath(base, root.resolve())).as_posix()
            found.update({f"{prefix}/{path}": digest for path, digest in tree(base, skip_hidden=True).items()})
    for name in files:
        path = root / name
        if path.is_file():
            found[Path(os.path.relpath(path.resolve(), root.resolve())).as_posix()] = file_sha256(path)
    return dict(sorted(found.items()))


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def _tools() -> dict[str, str | None]:
    """The engine and theme versions. ProperDocs runs our plugin beside an installed MkDocs (the
    theme needs it): a site it built names it too, or the manifest would say MkDocs made it.
    """
    tools = {"mkdocs": _version("mkdocs"), "mkdocs-material": _version("mkdocs-material")}
    if "properdocs" in sys.modules:
        tools["properdocs"] = _version("properdocs")
    return tools


def build_manifest(
    site: Path, input_hashes: dict[str, str], plotly_version: str, known: dict[str, Stamp] | None = None
) -> dict:
    files = tree(site, known=known)
    files.pop(MANIFEST, None)
    return {
        "format": FORMAT,
        "generator": {"name": "site-builder", "version": __version__},
        "plotly.js": plotly_version,
        "tools": _tools(),
        "source_date_epoch": os.environ.get("SOURCE_DATE_EPOCH"),
        "inputs": input_hashes,
        "files": files,
    }


def write_manifest(
    site: Path, input_hashes: dict[str, str], plotly_version: str, known: dict[str, Stamp] | None = None
) -> Path:
    """Write `build-manifest.json` at the root of `site` (call it last: it hashes what is there;
    `known`: see `tree`).
    """
    manifest = build_manifest(site, input_hashes, plotly_version, known)
    path = Path(site) / MANIFEST
    path.write_text(json.dumps(manifest, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def normalise_gzip(site: Path) -> list[Path]:
    """Rewrite every `.gz` file under `site` whose header carries a modification time with 0
    (and the name of the file inside without folders). Returns the files rewritten.
    """
    rewritten = []
    for path in sorted(Path(entry.path) for name, entry in _files(str(site)) if name.endswith(".gz")):
        data = path.read_bytes()
        if len(data) < 10 or data[:2] != b"\x1f\x8b" or data[4:8] == b"\0\0\0\0":
            continue
        content = gzip.decompress(data)
        with (
            open(path, "wb") as stream,
            gzip.GzipFile(filename=path.name[:-3], mode="wb", fileobj=stream, mtime=0) as packed,
        ):
            packed.write(content)
        rewritten.append(path)
    return rewritten


def source_date_epoch(root: Path) -> str | None:
    """The time of the last commit of the git repository holding `root`, as SOURCE_DATE_EPOCH
    wants it (seconds since 1970, as text), or None outside a repository or without git.
    """
    try:
        done = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return None
    value = done.stdout.strip()
    return value if done.returncode == 0 and value.isdigit() else None
