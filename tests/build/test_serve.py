"""`mkdocs serve` survives broken edits: it prints the problem, keeps serving the last good charts,
and catches up when the file is fixed, without a restart.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests.conftest import copy_project

pytestmark = pytest.mark.xdist_group("serve")

MKDOCS = [sys.executable, "-m", "mkdocs"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def wait_for(condition, timeout: float = 15, what: str = "") -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:  # not listening yet
            pass
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def served(tmp_path):
    """The mini project served by `mkdocs serve --strict` (the strictest case) on a free port;
    yields (project, url, log).
    """
    project = copy_project("mini", tmp_path / "mini")
    port = free_port()
    log = tmp_path / "serve.log"
    env = {**os.environ, "SITE_URL": f"http://127.0.0.1:{port}/", "NO_MKDOCS_2_WARNING": "1"}
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [*MKDOCS, "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=project,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
    try:
        url = f"http://127.0.0.1:{port}/troops/"
        wait_for(lambda: "Troops over time" in fetch(url), 30, "the first build")
        yield project, url, log
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)  # its own session: the server and nothing else
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)


def test_a_broken_edit_keeps_the_last_good_page_and_a_fix_recovers(served):
    project, url, log = served
    dataset, spec = project / "data" / "troops.yml", project / "charts" / "troops_line.yml"

    # An unknown value type in a dataset: reported, and the page still serves the last good chart.
    dataset.write_text(dataset.read_text().replace("troops: 15000", "troops: '15,000'"))
    wait_for(lambda: "records[1].troops: expected an integer, got '15,000'" in log.read_text(), what="the error")
    assert "data/troops.yml:28:28: records[1].troops" in log.read_text()
    page = fetch(url)
    assert "Troops over time" in page and 'id="chart-troops_line"' in page
    assert "1 problem in the content" in page  # the banner tells the editor the preview is behind

    # Half-typed YAML in a chart spec, on top: still serving.
    spec.write_text(spec.read_text().replace("title: Troops over time", "title: [Troops"))
    wait_for(
        lambda: "charts/troops_line.yml:" in log.read_text() and "2 problems in the content" in fetch(url),
        what="the second error",
    )
    assert "Troops over time" in fetch(url)

    # Fixed, with a new title: the page catches up, the banner goes.
    dataset.write_text(dataset.read_text().replace("troops: '15,000'", "troops: 15000"))
    spec.write_text(spec.read_text().replace("title: [Troops", "title: Troops, fixed"))
    wait_for(lambda: "Troops, fixed" in fetch(url), what="the fixed page")
    page = fetch(url)
    assert "problem in the content" not in page and "problems in the content" not in page
    assert "the problems are fixed" in log.read_text()
    assert "An error happened during the rebuild" not in log.read_text()  # MkDocs never stalled
