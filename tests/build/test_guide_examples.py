"""Every example in the editors' guide runs, and prints what the guide says it prints.

The convention, for every page in content/editors/ (it is also in a comment at the top of
content/editors/index.md):

- A ```console block is an example, run in a temporary copy of the Kosovo project (the repository's
  content/, data/, charts/, schemas/, .vscode/, mkdocs.yml and Makefile; its node_modules and
  virtual environment linked, not copied). Nothing reaches the network: proxies point nowhere.
- In it, a line starting with `$ ` is a command, run by bash in the project's folder with the virtual
  environment's bin/ first on PATH (`site-builder`, `mkdocs`, `python`). `make TARGET` runs the
  project's own Makefile, with the installing steps taken as done, so it prints what make prints
  (the command line it runs, then the command's output).
- The lines after a command, up to the next command or the end of the block, are what it prints,
  standard output and standard error together as a terminal shows them: exactly, except that a line
  ending in `...` matches any line that starts with the text before the `...`
  (`ok: 6 datasets, 6 charts, 10 pages in content/ and the navigation checked in ...`). Trailing
  spaces and blank lines at the end do not count. A command followed by no lines must print nothing.
- The blocks of one page run in order in the same copy, so that the page's story builds up: a
  dataset made in one block is there in the next. `<!-- example: fresh -->` on the line before a
  block starts it in a new copy.
- A block of any language (```yaml, ```markdown) with `<!-- file: data/kfor_costs.yml -->` on the
  line before it is written to that file of the copy before the next console block runs (replacing
  it); `<!-- append: data/kfor_costs.yml -->` adds it to the end of the file instead. Such a block
  must be followed by a console block on the page (say `$ site-builder check`), or it would be
  checked by nothing: the test says so.
- Output that is not a runnable example (a terminal session of `make serve`) goes in a ```text block.

Keep examples fast: `site-builder check` is quick, a whole build is not (the images are drawn in
Chromium): build with `images: false` if an example must build.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import ROOT

GUIDE = ROOT / "content" / "editors"
COPIED = (
    *("content", "data", "charts", "schemas", ".vscode", "mkdocs.yml", "Makefile", "glossary.yml"),
    *(path.name for path in sorted(ROOT.glob("mkdocs.*.yml"))),  # each edition's settings (languages/editions.py)
)
FENCE = re.compile(r"^(?P<indent> *)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^`\s]*)[^`]*$")
DIRECTIVE = re.compile(r"^\s*<!--\s*(?P<what>file|append|example):\s*(?P<value>.+?)\s*-->\s*$")
TIMEOUT = 180  # seconds a command may take: a check takes about one


@dataclass
class Block:
    path: Path
    line: int  # of the opening fence, 1-based
    language: str
    text: str
    directive: tuple[str, str] | None  # ("file", "data/x.yml"), ("append", ...), ("example", "fresh")

    @property
    def where(self) -> str:
        shown = self.path.relative_to(ROOT) if self.path.is_relative_to(ROOT) else self.path.name
        return f"{shown}:{self.line}"


@dataclass
class Command:
    line: str  # without the `$ `
    expected: list[str] = field(default_factory=list)


def blocks(path: Path) -> list[Block]:
    """The fenced blocks of a Markdown file, each with the directive on the line before it."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found, index = [], 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        indent, fence = len(opening["indent"]), opening["fence"]
        body, end = [], index + 1
        while end < len(lines) and not re.match(rf"^ *{re.escape(fence[0])}{{{len(fence)},}}\s*$", lines[end]):
            body.append(lines[end][indent:] if lines[end][:indent].strip() == "" else lines[end])
            end += 1
        before = next((lines[i] for i in range(index - 1, -1, -1) if lines[i].strip()), "")
        directive = DIRECTIVE.match(before)
        found.append(
            Block(
                path,
                index + 1,
                opening["info"].lower(),
                "\n".join(body) + "\n",
                (directive["what"], directive["value"]) if directive else None,
            )
        )
        index = end + 1
    return found


def commands(block: Block) -> list[Command]:
    found: list[Command] = []
    for line in block.text.splitlines():
        if line.startswith("$ "):
            found.append(Command(line[2:]))
        elif found:
            found[-1].expected.append(line)
        elif line.strip():
            pytest.fail(f"{block.where}: a console block starts with a command (`$ ...`), not {line!r}")
    return found


def matches(expected: list[str], printed: list[str]) -> bool:
    expected, printed = _trimmed(expected), _trimmed(printed)
    if len(expected) != len(printed):
        return False
    return all(
        got.startswith(want[:-3]) if want.endswith("...") else got == want for want, got in zip(expected, printed)
    )


def _trimmed(lines: list[str]) -> list[str]:
    lines = [line.rstrip() for line in lines]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def kosovo_copy(destination: Path) -> Path:
    destination.mkdir(parents=True)
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, destination / name)
        elif source.is_file():
            shutil.copy2(source, destination / name)
    (destination / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    (destination / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    return destination


def environment(tools: Path) -> dict[str, str]:
    """What a command sees: the virtual environment first, a terminal's ordering of output, no network."""
    env = {key: value for key, value in os.environ.items() if not key.lower().endswith("_proxy")}
    nowhere = "http://127.0.0.1:9"  # the discard port: any request fails at once
    env.update(
        PATH=f"{tools}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '/usr/bin:/bin')}",
        PYTHONUNBUFFERED="1",  # stdout and stderr in the order they were written, as on a terminal
        COLUMNS="100",  # argparse's help wraps to the terminal's width
        NO_COLOR="1",
        SITE_URL="http://127.0.0.1:8000/",
        SOURCE_DATE_EPOCH="1764288000",
        NO_MKDOCS_2_WARNING="1",
        http_proxy=nowhere,
        https_proxy=nowhere,
        HTTP_PROXY=nowhere,
        HTTPS_PROXY=nowhere,
        no_proxy="",
    )
    env.pop("MAKEFLAGS", None)
    env.pop("MAKELEVEL", None)
    return env


def make_tool(folder: Path) -> Path:
    """`make` that takes the Makefile's installing steps as done: the copy shares the installed tools."""
    folder.mkdir(parents=True, exist_ok=True)
    make = folder / "make"
    real = shutil.which("make") or "/usr/bin/make"
    make.write_text(f'#!/bin/sh\nexec {real} --no-print-directory -o setup -o setup-test "$@"\n')
    make.chmod(0o755)
    return folder


def run(command: str, project: Path, env: dict[str, str]) -> list[str]:
    """What a command prints; one still running after TIMEOUT is ended with everything it started."""
    with subprocess.Popen(
        ["bash", "-c", command],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, so that a preview it started ends with it
    ) as process:
        try:
            printed, _ = process.communicate(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise
    return printed.splitlines()


def run_page(page: Path, workspace: Path) -> int:
    """Every example of one guide page, in order; returns how many commands ran."""
    env = environment(make_tool(workspace / "tools"))
    copies = 0
    project = kosovo_copy(workspace / f"project-{copies}")
    pending: list[Block] = []
    ran = 0
    for block in blocks(page):
        if block.directive and block.directive[0] in ("file", "append"):
            pending.append(block)
            continue
        if block.language != "console":
            continue
        if block.directive == ("example", "fresh"):
            copies += 1
            project = kosovo_copy(workspace / f"project-{copies}")
        elif block.directive:
            pytest.fail(f"{block.where}: unknown directive {block.directive}: expected file, append or example: fresh")
        for written in pending:
            _write(written, project)
        pending = []
        for command in commands(block):
            try:
                printed = run(command.line, project, env)
            except subprocess.TimeoutExpired:
                pytest.fail(
                    f"{block.where}: `$ {command.line}` was still running after {TIMEOUT} s: an example must end "
                    "(show a session of `make serve` in a ```text block)",
                    pytrace=False,
                )
            if not matches(command.expected, printed):
                pytest.fail(
                    f"{block.where}: `$ {command.line}` printed\n"
                    + "\n".join(f"    {line}" for line in printed)
                    + "\n  where the guide says\n"
                    + "\n".join(f"    {line}" for line in command.expected),
                    pytrace=False,
                )
            ran += 1
    if pending:
        pytest.fail(
            f"{pending[0].where}: a {pending[0].directive[0]} block with no console block after it is never checked: "
            "add one (`$ site-builder check`)"
        )
    return ran


def _write(block: Block, project: Path) -> None:
    how, name = block.directive
    target = (project / name).resolve()
    if project.resolve() not in target.parents:
        pytest.fail(f"{block.where}: {name} is outside the project")
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target, "a" if how == "append" else "w", encoding="utf-8") as out:
        out.write(block.text)


PAGES = sorted(GUIDE.glob("*.md"))


@pytest.mark.parametrize("page", PAGES, ids=[page.name for page in PAGES])
def test_the_guides_examples_print_what_it_says(page, tmp_path):
    run_page(page, tmp_path)


def test_the_guide_has_examples_and_says_how_they_are_run():
    """The start page shows commands with their output, and tells the next writer the convention."""
    text = (GUIDE / "index.md").read_text(encoding="utf-8")
    assert re.search(r"<!--((?!-->).)*tests/build/test_guide_examples\.py", text, re.DOTALL)
    assert sum(len(commands(b)) for b in blocks(GUIDE / "index.md") if b.language == "console") >= 5


# -- the harness itself: a test that cannot fail checks nothing ---------------------------------------


def test_matching_is_exact_but_for_a_trailing_ellipsis():
    assert matches(["ok: 6 datasets in ..."], ["ok: 6 datasets in 0.31 s"])
    assert matches(["a", "b  ", ""], ["a", "b", "", ""])
    assert not matches(["ok: 6 datasets in ..."], ["ok: 7 datasets in 0.31 s"])
    assert not matches(["a"], ["a", "b"])
    assert not matches([], ["anything"])
    assert not matches(["wrote data/x.yml"], ["wrote data/y.yml"])


def test_a_wrong_example_fails_naming_its_line(tmp_path):
    page = tmp_path / "guide.md"
    page.write_text(
        "Intro.\n\n<!-- file: data/notes.txt -->\n```text\nhello\n```\n\n"
        "```console\n$ cat data/notes.txt\nhello\n$ echo two\ntwo\n```\n\n"
        "<!-- append: data/notes.txt -->\n```text\nagain\n```\n\n"
        "```console\n$ cat data/notes.txt\nhello\nagain\n$ ls charts | wc -l\n...\n```\n\n"
        "<!-- example: fresh -->\n```console\n$ test -e data/notes.txt || echo gone\ngone\n```\n"
    )
    assert run_page(page, tmp_path / "good") == 5
    page.write_text("```console\n$ echo one\ntwo\n```\n")
    with pytest.raises(pytest.fail.Exception) as caught:
        run_page(page, tmp_path / "bad")
    assert "guide.md:1: `$ echo one` printed\n    one\n  where the guide says\n    two" in str(caught.value)
    page.write_text("<!-- file: data/x.yml -->\n```yaml\na: 1\n```\n")
    with pytest.raises(pytest.fail.Exception, match="never checked"):
        run_page(page, tmp_path / "unchecked")


def test_an_example_that_never_ends_is_stopped_and_named(tmp_path, monkeypatch):
    monkeypatch.setattr(sys.modules[__name__], "TIMEOUT", 1)
    page = tmp_path / "guide.md"
    page.write_text("```console\n$ sleep 30 & sleep 30\n```\n")  # a child that would hold the output open
    with pytest.raises(pytest.fail.Exception, match="guide.md:1: `\\$ sleep 30 & sleep 30` was still running"):
        run_page(page, tmp_path / "run")


def test_make_runs_the_projects_makefile_without_installing(tmp_path):
    page = tmp_path / "guide.md"
    page.write_text("```console\n$ make check\n.venv/bin/site-builder check\nok: ...\n```\n")
    assert run_page(page, tmp_path / "run") == 1
