"""`site-builder init DIR`: a new site that builds as written, from the starting files in `starter/`.

The files are kept as files (`site_builder/editors/starter/`), not strings in code, so that they read
as what they are and tests can build them. A leading `dot.` in a starter file's or folder's name
stands for the dot (`dot.gitignore` is `.gitignore`): package data with dotfiles is easy to lose on
the way into a wheel. `@VERSION@` in a file is this release's version (requirements.txt pins it).
The JSON Schemas the starting files point editors at are written beside them (`schema.py`).

A folder that holds anything is refused, whole, before a file is written: `init` never mixes its
files with someone's site. `--force` writes into it anyway but still never overwrites a file.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path

from site_builder import __version__
from site_builder.editors.schema import write_schemas
from site_builder.errors import ContentError, Problem

DOT = "dot."
COMMAND = "site-builder init"


@dataclass(frozen=True)
class Started:
    folder: Path
    written: list[str]  # relative paths, sorted
    next_steps: list[str]


def starter_files() -> dict[str, bytes]:
    """The starting files, by the path each is written to (relative, with `/`)."""
    out: dict[str, bytes] = {}

    def walk(node, prefix: str) -> None:
        for child in sorted(node.iterdir(), key=lambda c: c.name):
            if child.name == "__pycache__":
                continue
            name = prefix + (child.name[len(DOT) - 1 :] if child.name.startswith(DOT) else child.name)
            if child.is_dir():
                walk(child, name + "/")
            else:
                out[name] = child.read_bytes().replace(b"@VERSION@", __version__.encode())

    walk(files("site_builder.editors") / "starter", "")
    return out


def init(folder: Path, force: bool = False, shown: str | None = None) -> Started:
    """Write a new site into `folder` (created if absent); raise `ContentError` and write nothing when
    `folder` is not empty (unless `force`) or a file would be overwritten.
    """
    shown = shown or str(folder)
    starter = starter_files()
    if folder.exists() and not folder.is_dir():
        raise _refused(
            shown, "this is a file, not a folder; nothing was written", "name a new folder: site-builder init mysite"
        )
    if folder.is_dir() and any(folder.iterdir()) and not force:
        held = sorted(p.name for p in folder.iterdir())
        raise _refused(
            shown,
            f"the folder is not empty ({', '.join(held[:5])}{', ...' if len(held) > 5 else ''}); nothing was written",
            "name a new folder (site-builder init mysite), or add --force to write the starting files beside "
            "what is there (an existing file is never overwritten)",
        )
    clashes = [name for name in [*starter, "schemas/"] if (folder / name).exists()]
    if clashes:
        raise _refused(
            shown,
            f"these exist already: {', '.join(clashes)}; nothing was written",
            "init starts a new site: move them away, or name a new folder",
        )
    for name, data in starter.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    schemas = [p.relative_to(folder).as_posix() for p in write_schemas(folder / "schemas")]
    steps = [
        f"cd {shown}",
        "site-builder check",
        "mkdocs build        (or `mkdocs serve` to preview it at http://127.0.0.1:8000/)",
    ]
    return Started(folder, sorted([*starter, *schemas]), steps)


def _refused(shown: str, message: str, hint: str) -> ContentError:
    return ContentError([Problem(f"{COMMAND} {shown}", message, hint=hint)])
