"""git, run as a command: the one way a review asks the repository anything."""

from __future__ import annotations

import subprocess
from pathlib import Path

GIT_TIMEOUT = 120  # seconds: a fetch on a slow network


class GitProblem(Exception):
    """A state cannot be read (no git, a ref that is not there, a base out of a shallow clone's reach)."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message, self.hint = message, hint

    def format(self) -> str:
        return self.message + (f"\n  hint: {self.hint}" if self.hint else "")


def git(repo: Path, *args: str, binary: bool = False, input: bytes | None = None) -> str | bytes:
    """Run git in `repo`; `GitProblem` with git's own words when it fails."""
    try:
        done = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, timeout=GIT_TIMEOUT, input=input)
    except FileNotFoundError:
        raise GitProblem("git is not installed", "install git (Debian: `sudo apt-get install git`)") from None
    except subprocess.TimeoutExpired:
        raise GitProblem(f"`git {' '.join(args)}` took over {GIT_TIMEOUT} s", "check the network, then retry") from None
    if done.returncode != 0:
        words = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitProblem(f"`git {' '.join(args)}` failed: {words[-1] if words else 'no message'}")
    return done.stdout if binary else done.stdout.decode("utf-8", "replace").strip()
