"""bench/run.py on a tiny site, so the benchmark script does not rot (it is no test of speed)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_benchmark_runs_on_three_pages(tmp_path):
    """Three pages, one run: bare, no images, cold and warm with images, rebuild and dirty rebuild all build."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--sizes", "3", "--repeat", "1", "--workdir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert result.returncode == 0, result.stderr
    header, rule, row = result.stdout.splitlines()[:3]
    assert header.startswith("| N | prune |") and rule.startswith("|---:")
    names = [cell.strip() for cell in header.strip("|").split("|")]
    cells = dict(zip(names, (cell.strip() for cell in row.strip("|").split("|")), strict=True))
    assert [cells["N"], cells["prune"], cells["runs"]] == ["3", "off", "1"]
    for name in ("bare s", "no images s", "cold s", "cold/bare", "warm s", "warm/bare", "CPU cold/bare", "images/s"):
        assert float(cells[name]) > 0, name
    assert cells["images"] == "18"  # three charts, six images each
    assert (tmp_path / "ours-3" / "site" / "charts" / "c00002" / "figure.json").is_file()
    assert (tmp_path / "ours-3" / "site" / "charts" / "c00002" / "poster-light-wide.webp").is_file()
    assert not (tmp_path / "plain-3" / "site" / "charts" / "c00002" / "chart.png").exists()


def test_editions_benchmark_runs_on_the_editions_fixture():
    """bench/editions.py: every edition in one process against one process an edition, side by side."""
    project = ROOT / "tests" / "fixtures" / "editions"
    command = [sys.executable, str(ROOT / "bench" / "editions.py"), "--project", str(project), "--repeat", "1"]
    result = subprocess.run([*command, "--no-weight"], capture_output=True, text=True, timeout=400)
    assert result.returncode == 0, result.stderr
    rows = {line.split("|")[1].strip(): line for line in result.stdout.splitlines() if line.startswith("| ")}
    for name in ("every edition, one process", "en alone", "sq alone", "sr alone", "sr-Latn alone"):
        assert float(rows[name].split("|")[2]) > 0, name
    assert "together / sum:" in result.stdout
