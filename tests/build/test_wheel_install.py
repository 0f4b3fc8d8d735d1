"""`pip install site-builder` is the whole install: the wheel, installed into a fresh virtual environment with
no node_modules anywhere, starts a site (`site-builder init`), checks it, builds it strict, and the built site
draws its chart in Chromium with the plotly.js bundle the wheel carries.

The wheel is built from a copy of the repository's files (so the checkout is left as it was) that borrows the
repository's node_modules for the build step only (setup.py); the environment and the site are made in another
folder, whose parents have no node_modules. Dependencies come from the registry, pinned by constraints.txt,
through pip's own cache: about a minute on this machine. One worker runs the module (xdist_group).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import zipfile
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from site_builder.build import vendored
from tests.conftest import ROOT

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("wheel")]

BUNDLE = re.compile(r"/assets/site-builder/(plotly-[a-z]+)\.([0-9a-f]{8})\.js$")


def run(args, cwd: Path, env: dict, timeout: int = 300) -> subprocess.CompletedProcess:
    result = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert result.returncode == 0, f"{' '.join(map(str, args))} failed:\n{result.stdout}\n{result.stderr}"
    return result


def no_node_modules_above(path: Path) -> None:
    for folder in (path, *path.parents):
        assert not (folder / "node_modules").exists(), f"{folder / 'node_modules'} exists: the test proves nothing"


def source_copy(folder: Path) -> Path:
    """The files git knows (committed or not, minus ignored ones), as an sdist would hold them and more."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.split(b"\0")
    for name in filter(None, (n.decode() for n in listed)):
        if (ROOT / name).is_file() and not (ROOT / name).is_symlink():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, folder / name)
    return folder


def build_wheel(source: Path, out: Path) -> Path:
    """The wheel pip builds of `source`; setuptools (verbose, so that its warnings show) warns of nothing deprecated."""
    result = run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "-w", str(out), str(source)], source, os.environ
    )
    warned = [line for line in (result.stdout + result.stderr).splitlines() if "Deprecat" in line]
    assert not warned, warned
    [built] = out.glob("site_builder-*.whl")
    return built


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built by pip from a copy of the repository that borrows its node_modules."""
    source = source_copy(tmp_path_factory.mktemp("wheel-source"))
    (source / "node_modules").symlink_to((ROOT / "node_modules").resolve(), target_is_directory=True)
    return build_wheel(source, tmp_path_factory.mktemp("wheel-out"))


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> tuple[Path, dict]:
    """A fresh virtual environment with the wheel and its pinned dependencies; the environment to run it in."""
    home = tmp_path_factory.mktemp("newsroom")
    no_node_modules_above(home)
    venv = home / "venv"
    # No pip of its own (ensurepip is slow): this pip installs into it (`pip --python`).
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], home, os.environ)
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    env["PATH"] = f"{venv / 'bin'}{os.pathsep}/usr/bin{os.pathsep}/bin"
    env.pop("SITE_URL", None)
    run(
        [sys.executable, "-m", "pip", "--python", venv / "bin/python", "install", "--quiet"]
        + ["-c", ROOT / "constraints.txt", wheel],
        home,
        env,
        timeout=600,
    )
    return venv, env


def test_the_wheel_carries_exactly_the_front_end_files_and_their_licences(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    frontend = {n.removeprefix("site_builder/frontend/") for n in names if n.startswith("site_builder/frontend/")}
    assert frontend == set(vendored.FILES)
    assert {f"{package}/LICENSE" for package in vendored.LOCK_PACKAGES} <= frontend
    with zipfile.ZipFile(wheel) as archive:
        for name in vendored.FILES:
            assert archive.read(f"site_builder/frontend/{name}") == (ROOT / "node_modules" / name).read_bytes(), name
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    assert "License-Expression: MIT" in metadata
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    assert "site_builder/editors/starter/dot.gitignore" in names


def test_without_node_modules_the_build_step_runs_npm_ci_from_the_lock_file(tmp_path):
    """What a build from the sdist does (it has no node_modules): Node and npm needed, and the registry."""
    source = source_copy(tmp_path / "source")
    built = build_wheel(source, tmp_path / "out")
    assert (source / "node_modules/.package-lock.json").is_file()  # npm ci ran there
    with zipfile.ZipFile(built) as archive:
        for name in vendored.FILES:
            assert archive.read(f"site_builder/frontend/{name}") == (ROOT / "node_modules" / name).read_bytes(), name


def test_init_check_and_a_strict_build_need_nothing_but_the_wheel(installed, tmp_path):
    venv, env = installed
    started = run([venv / "bin/site-builder", "init", "mysite"], tmp_path, env)
    assert "next: cd mysite" in started.stdout and "next: mkdocs build" in started.stdout
    site_folder = tmp_path / "mysite"
    no_node_modules_above(site_folder)
    checked = run([venv / "bin/site-builder", "check"], site_folder, env)
    assert checked.stdout.startswith("ok: 1 dataset, 1 chart, 1 page in content/")

    # The package the build imports is the installed one, reading its own copy of the files.
    where = run(
        [venv / "bin/python", "-c", "from site_builder.build import vendored; print(vendored.PACKAGED)"],
        site_folder,
        env,
    )
    packaged = Path(where.stdout.strip())
    assert packaged.is_relative_to(venv) and not vendored.missing_files(packaged)

    # As written: no SITE_URL (nor CI, where a build without one may be refused), and no address invented.
    plain_env = {k: v for k, v in env.items() if k != "CI"} | {"SOURCE_DATE_EPOCH": "1764288000"}
    run([venv / "bin/mkdocs", "build", "--strict"], site_folder, plain_env)
    theirs = ("assets/javascripts/", "assets/stylesheets/")  # mkdocs-material's own code names 127.0.0.1
    site = site_folder / "site"
    written = [p for p in site.rglob("*") if p.is_file() and not p.relative_to(site).as_posix().startswith(theirs)]
    assert (site_folder / "site/index.html").is_file() and (site_folder / "site/charts").is_dir()
    assert not [p for p in written if b"127.0.0.1" in p.read_bytes()]

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site_folder / "site")))
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    build_env = {**env, "SITE_URL": f"{origin}/", "SOURCE_DATE_EPOCH": "1764288000", "NO_MKDOCS_2_WARNING": "1"}
    run([venv / "bin/mkdocs", "build", "--strict"], site_folder, build_env)
    assert not list(site_folder.rglob("node_modules"))

    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        requests = _read_in_chromium(venv, f"{origin}/", env)
    finally:
        server.shutdown()
        server.server_close()
    assert all(url.startswith(origin) for url in requests), [u for u in requests if not u.startswith(origin)]
    bundles = [m for url in requests if (m := BUNDLE.search(url))]
    assert [m.group(1) for m in bundles] == ["plotly-basic"]
    wheel_copy = (packaged / "plotly.js-basic-dist-min/plotly-basic.min.js").read_bytes()
    assert bundles[0].group(2) == hashlib.sha256(wheel_copy).hexdigest()[:8]  # the wheel's bundle, drawn with


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


# Run by the new environment's own Python (Playwright is one of site-builder's dependencies), in a process of its
# own: a worker that ran browser tests before has a Playwright running already, and one process has one.
READER = """
import json, sys
from playwright.sync_api import sync_playwright
from site_builder.build import images

url, requests, errors = sys.argv[1], [], []
with sync_playwright() as playwright:
    browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=list(images.CHROMIUM_ARGS))
    page = browser.new_page()
    page.on("request", lambda request: requests.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    figure = page.locator("figure.sb-chart")
    posters = figure.locator("img")
    poster = posters.count() > 0 and posters.first.evaluate("img => img.complete && img.naturalWidth > 0")
    figure.first.scroll_into_view_if_needed()
    page.mouse.move(0, 0)  # then onto the chart: a reader reaching for it (tests/browser/conftest.py: reach)
    figure.first.locator(".sb-chart__plot").hover()
    page.locator("figure.sb-chart.sb-chart--drawn .main-svg").first.wait_for(timeout=60_000)
    result = {"figures": figure.count(), "poster": poster, "requests": requests, "errors": errors}
    browser.close()
print(json.dumps(result))
"""


def _read_in_chromium(venv: Path, url: str, env: dict) -> list[str]:
    """Open the site's home page; see its chart's poster (drawn at build time), reach for the chart and wait until
    plotly.js has drawn it; every URL the page requested.
    """
    result = run([venv / "bin/python", "-c", READER, url], venv, env, timeout=180)
    seen = json.loads(result.stdout)
    assert seen["figures"] == 1 and seen["poster"], seen
    assert not seen["errors"], seen["errors"]
    return seen["requests"]
