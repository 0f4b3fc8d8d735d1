"""The files of one state, named by their path in the project: listed, identified, read, and put on
disk only where a loader needs a path.

Files are told apart by git's blob id (the SHA-1 of "blob", the size, a NUL byte and the bytes): for a commit
it is in git's tree already, for the working tree it is computed from the bytes. Two states of a
500-dataset project then compare without writing a file, and only the few a change touches are
written into the temporary folder where the loaders read them (writing a thousand small files
cost seconds on a busy disk: bench/README.md, "diff").
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path, PurePosixPath

from site_builder.review.git import git

_ID = re.compile(r"[a-z][a-z0-9_]*\Z")  # as formats/contents.py: a dataset or chart file's stem
_FILE_MODES = {"100644", "100755"}  # a link (120000) or a submodule (160000) is no project file


def blob_id(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


class Files:
    """What a review needs of a state's files. Paths are POSIX, relative to the project folder."""

    root: Path

    def listed(self, folder: str) -> list[str]:
        raise NotImplementedError

    def identity(self, name: str) -> str:
        raise NotImplementedError

    def read(self, name: str) -> bytes:
        raise NotImplementedError

    def path(self, name: str) -> Path:
        raise NotImplementedError

    def read_all(self, names: list[str]) -> None:
        """Read these files ahead, at once where that is cheaper (a commit's: one git process)."""

    def ids(self, folder: str) -> dict[str, str]:
        """The `<id>.yml` files directly in `folder`: id -> name, as formats/contents.py finds them."""
        found, folder = {}, PurePosixPath(folder).as_posix()  # "./data/" is "data"
        for name in self.listed(folder):
            head, _, file = name.rpartition("/")
            stem, dot, suffix = file.rpartition(".")
            if head == folder and dot and suffix == "yml" and _ID.match(stem):
                found[stem] = name
        return found

    def pages(self, folder: str) -> list[str]:
        return sorted(name for name in self.listed(folder) if name.endswith(".md"))


class WorkingFiles(Files):
    def __init__(self, root: Path):
        self.root = Path(root)
        self._bytes: dict[str, bytes] = {}
        self._ids: dict[str, str] = {}

    def listed(self, folder: str) -> list[str]:
        base = self.root / folder
        found = []
        for directory, subfolders, files in os.walk(base):
            subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
            for file in sorted(files):
                path = Path(directory) / file
                if path.is_file() and not path.is_symlink():  # a link could lead outside the project
                    found.append(path.relative_to(self.root).as_posix())
        return found

    def identity(self, name: str) -> str:
        if name not in self._ids:
            self._ids[name] = blob_id(self.read(name))
        return self._ids[name]

    def read(self, name: str) -> bytes:
        if name not in self._bytes:
            self._bytes[name] = (self.root / name).read_bytes()
        return self._bytes[name]

    def path(self, name: str) -> Path:
        return self.root / name


class CommitFiles(Files):
    def __init__(self, top: Path, prefix: str, commit: str, into: Path, folders: list[str]):
        self.top, self.prefix, self.commit, self.root = top, prefix, commit, Path(into)
        self._bytes: dict[str, bytes] = {}
        self._ids: dict[str, str] = {}
        if folders:
            tree = f"{commit}:{prefix}" if prefix else commit
            listing = git(top, "ls-tree", "-r", "-z", tree, "--", *folders, binary=True)
            for entry in listing.split(b"\0"):
                if not entry:
                    continue
                info, _, name = entry.partition(b"\t")
                mode, kind, blob = info.decode().split(" ")
                if kind == "blob" and mode in _FILE_MODES:
                    self._ids[name.decode("utf-8", "surrogateescape")] = blob

    def listed(self, folder: str) -> list[str]:
        folder = PurePosixPath(folder).as_posix() + "/"
        return sorted(name for name in self._ids if name.startswith(folder))

    def identity(self, name: str) -> str:
        return self._ids[name]

    def read(self, name: str) -> bytes:
        if name not in self._bytes:
            self.read_all([name])
        return self._bytes[name]

    def read_all(self, names: list[str]) -> None:
        wanted = [name for name in names if name not in self._bytes]
        if not wanted:
            return
        out = git(
            self.top, "cat-file", "--batch", binary=True, input="".join(f"{self._ids[n]}\n" for n in wanted).encode()
        )
        at = 0
        for name in wanted:
            end = out.index(b"\n", at)
            size = int(out[at:end].split(b" ")[2])
            self._bytes[name] = out[end + 1 : end + 1 + size]
            at = end + 1 + size + 1  # the data, then a newline

    def path(self, name: str) -> Path:
        path = self.root / name
        if not path.is_file():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(self.read(name))
        return path
