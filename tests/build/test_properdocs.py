"""ProperDocs (the maintained fork of MkDocs 1.x) builds the Kosovo site as it is, and the site it
makes is MkDocs' site: the same files, every chart file byte for byte, and in the pages only the
generator tag that names the engine.

ProperDocs reads `mkdocs.yml` only when it is named (`-f`): without it, it asks for the file to be
renamed `properdocs.yml`.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

BIN = Path(os.environ.get("VIRTUAL_ENV", ROOT / ".venv")) / "bin"
GENERATOR = re.compile(r'^\s*<meta name="generator" content="[^"]*">\n', re.M)


def _build(engine: str, site: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env.update(SITE_URL="https://newsroom.test/kosovo/", SOURCE_DATE_EPOCH="1764288000", NO_MKDOCS_2_WARNING="1")
    executable = shutil.which(engine, path=str(BIN)) or shutil.which(engine)
    assert executable, f"{engine} is not installed: pip install -c constraints.txt -e '.[test]'"
    return subprocess.run(
        [executable, "build", "-f", "mkdocs.yml", "--strict", "-q", "--site-dir", str(site)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.xdist_group("real-site")
def test_properdocs_builds_the_site_as_mkdocs_does(tmp_path):
    built = {}
    for engine in ("mkdocs", "properdocs"):
        result = _build(engine, tmp_path / engine)
        assert result.returncode == 0, f"{engine}: {result.stderr}"
        assert "WARNING" not in result.stderr, result.stderr
        built[engine] = _files(tmp_path / engine)
    mkdocs, properdocs = built["mkdocs"], built["properdocs"]
    assert sorted(properdocs) == sorted(mkdocs)
    differ = sorted(name for name in mkdocs if mkdocs[name] != properdocs[name])
    charts = [name for name in mkdocs if name.startswith("charts/")]
    assert len(charts) > 50 and not set(charts) & set(differ), "every chart file byte for byte"
    # The differences, each explained: the engine's name in each page Material renders, and in the
    # manifest those pages' digests and the engine's version.
    pages = [name for name in differ if name.endswith(".html")]
    assert differ == sorted([*pages, "build-manifest.json"])
    for name in pages:
        ours, theirs = mkdocs[name].decode(), properdocs[name].decode()
        assert 'content="mkdocs-1.' in ours and 'content="mkdocs-ProperDocs 1.' in theirs, name
        assert GENERATOR.sub("", ours) == GENERATOR.sub("", theirs), name
    ours, theirs = (json.loads(site["build-manifest.json"]) for site in (mkdocs, properdocs))
    changed = {key for key in ours if ours[key] != theirs[key]}
    assert changed == {"files", "tools"}, changed
    assert theirs["tools"] == {**ours["tools"], "properdocs": "1.6.7"}, "the manifest names the engine that ran"
    assert {name for name in ours["files"] if ours["files"][name] != theirs["files"][name]} == set(pages)
