"""Issue 12 in a real build of the `mini` project: a map that claims the UN's 193 members must
classify every one (or the build stops at the spec's `covers:` line), and a built map and running
count show every record.
"""

from __future__ import annotations

import json

import pytest
import yaml
from mkdocs.exceptions import Abort

from site_builder.formats.sets import UN_MEMBERS
from tests.conftest import build


def _failed(project, out, caplog) -> str:
    with pytest.raises(Abort):
        build(project, out)
    return "\n".join(r.getMessage() for r in caplog.records if r.levelname == "ERROR")


def test_a_map_covering_states_it_has_no_record_of_fails_at_its_covers_line(mini, tmp_path, caplog):
    path = mini / "charts" / "states_map.yml"
    path.write_text(path.read_text() + "covers: un_members\n")
    error = _failed(mini, tmp_path / "out", caplog)
    assert "charts/states_map.yml:6:1: covers: covers: un_members, but 189 states of the set have no record" in error
    assert "Afghanistan" in error and "Zimbabwe" in error and "Spain" not in error
    assert not (tmp_path / "out").exists()


def test_a_whole_set_builds_with_dots_a_subject_and_contested_marks(mini, tmp_path):
    data = yaml.safe_load((mini / "data" / "states.yml").read_text())
    data["fields"]["status"]["categories"][1]["contested"] = True
    known = {r["country"] for r in data["records"]} | {"DEU"}
    for code in sorted(UN_MEMBERS - known):
        data["records"].append({"country": code, "name": code, "status": "does_not_recognise", "source": "mfa"})
    (mini / "data" / "states.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    path = mini / "charts" / "states_map.yml"
    path.write_text(path.read_text() + "covers: un_members\nsubject: XKX\n")
    site = build(mini, tmp_path / "site")
    figure = json.loads((site / "charts" / "states_map" / "figure.json").read_text())
    names = [t["name"] for t in figure["data"]]
    assert "Kosovo (outlined)" in names and "Not a UN member state" in names
    assert "Contested: Withdrawal claimed by<br>Serbia" in names  # wrapped to fit a phone
    dots = [t for t in figure["data"] if t["type"] == "scattergeo" and t.get("legendgroup")]
    assert sum(len(t["lon"]) for t in dots) >= 27  # the island and micro-states the 1:110m map has no shape for
    step = json.loads((site / "charts" / "states_step" / "figure.json").read_text())
    counted = [t["y"][-1] for t in step["data"] if t.get("meta", {}).get("derived") == "running_count"]
    assert sum(counted) == len(data["records"])  # every record, the undated ones too
