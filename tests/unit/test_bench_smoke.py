"""bench/run.py on a tiny site, so the benchmark script does not rot (it is no test of speed)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_benchmark_runs_on_three_pages(tmp_path):
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--sizes", "3", "--repeat", "1", "--workdir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    header, rule, row = result.stdout.splitlines()[:3]
    assert header.startswith("| N | prune |") and rule.startswith("|---:")
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert cells[:3] == ["3", "off", "1"]
    assert all(float(cell) > 0 for cell in cells[3:11])
    assert (tmp_path / "ours-3" / "site" / "charts" / "c00002" / "figure.json").is_file()
