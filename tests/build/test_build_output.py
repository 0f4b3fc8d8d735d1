"""What a build prints: in CI, only MkDocs' own lines and one summary line of ours."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import copy_project


def test_a_ci_build_logs_one_summary_line_and_no_progress(tmp_path):
    project = copy_project("mini", tmp_path / "mini")
    env = {**os.environ, "CI": "true", "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    output = result.stdout + result.stderr
    ours = [line for line in output.splitlines() if "site_builder" in line or "site-builder" in line]
    assert ours == ["INFO    -  site_builder: 3 charts from 2 datasets"]
    assert "\r" not in output and "WARNING" not in output
