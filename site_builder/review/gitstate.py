"""The two states a review compares, each a project folder on disk: a commit's files, or the working tree.

A commit's files are read from git's objects (`review/files.py`): never a checkout, so the user's
worktree, index and branch stay exactly as they are, and a review can run while they edit. Only
the folders a build reads are listed (the config's docs, data and charts folders).

On a shallow clone (CI checks out one commit by default) the base may be missing: a named remote
branch is fetched at depth 1, and a merge base is looked for deeper in history a few times; when
that is not enough, the error says exactly what to fetch.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from site_builder.formats.site_config import CONFIG_NAMES, SiteConfig
from site_builder.review.files import CommitFiles, Files, WorkingFiles
from site_builder.review.git import GitProblem, git

MAIN_BRANCHES = ("origin/HEAD", "origin/main", "main", "origin/master", "master")
DEEPEN = (50, 500)  # commits fetched, then more, while looking for a merge base in a shallow clone


@dataclass(frozen=True)
class State:
    """One side of a review: where its project folder is, and how a reviewer names it."""

    label: str  # "main (3f2a1bc)", "the working tree"
    root: Path  # where its files are (for a commit, a temporary folder they are written into when needed)
    config: SiteConfig
    commit: str | None  # None: the working tree
    files: Files

    @property
    def short(self) -> str:
        """How file locations of this side are prefixed: nothing for the working tree, `<ref>:` for a commit."""
        return "" if self.commit is None else self.label.split(" (")[0] + ":"


def _commit(repo: Path, ref: str) -> str | None:
    try:
        return git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}") or None
    except GitProblem:
        return None


def _is_shallow(repo: Path) -> bool:
    try:
        return git(repo, "rev-parse", "--is-shallow-repository") == "true"
    except GitProblem:
        return False


def _remote_branch(repo: Path, ref: str) -> tuple[str, str] | None:
    """(remote, branch) when `ref` is written `<remote>/<branch>` and the remote exists."""
    remote, _, branch = ref.partition("/")
    try:
        remotes = git(repo, "remote").split()
    except GitProblem:
        return None
    return (remote, branch) if branch and remote in remotes else None


def repository(root: Path) -> tuple[Path, str]:
    """The repository's top folder and the project's place in it (`sub/dir/`, or '')."""
    try:
        top = Path(git(root, "rev-parse", "--show-toplevel"))
    except GitProblem:
        raise GitProblem(
            f"{root} is not in a git repository",
            "a review compares two commits (or a commit and your files): run it in the project's repository",
        ) from None
    return top, git(root, "rev-parse", "--show-prefix")


def resolve(root: Path, ref: str, fetch: bool = True) -> str:
    """The commit `ref` names; a missing `<remote>/<branch>` is fetched first (at depth 1) when allowed."""
    commit = _commit(root, ref)
    if commit:
        return commit
    named = _remote_branch(root, ref)
    if named and fetch:
        remote, branch = named
        try:
            git(root, "fetch", "--no-tags", "--depth=1", remote, f"+{branch}:refs/remotes/{remote}/{branch}")
        except GitProblem as error:
            raise GitProblem(error.message, f"check that the branch {branch} exists on {remote}") from None
        commit = _commit(root, ref)
        if commit:
            return commit
    branch = named[1] if named else ref
    raise GitProblem(
        f"'{ref}' is not a commit in this repository" + (" (a shallow clone)" if _is_shallow(root) else ""),
        f"fetch it: git fetch --no-tags --depth=1 origin {branch}"
        + (f", then name it origin/{branch}" if not named else "")
        + "; or name a commit that is here (git log --oneline)",
    )


def main_branch(root: Path) -> str:
    """The branch pull requests go to: the remote's default, else main or master."""
    for ref in MAIN_BRANCHES:
        if _commit(root, ref):
            if ref == "origin/HEAD":
                try:
                    return git(root, "rev-parse", "--abbrev-ref", "origin/HEAD")
                except GitProblem:
                    continue
            return ref
    raise GitProblem(
        "no main branch found (looked for origin/main, main, origin/master, master)",
        "name the base to compare with: site-builder diff <branch or commit>",
    )


def merge_base(root: Path, branch: str, head: str = "HEAD", fetch: bool = True) -> str:
    """Where `head` left `branch`; in a shallow clone, history is fetched deeper until it is found."""
    for depth in (0, *(DEEPEN if fetch and _is_shallow(root) else ())):
        if depth:
            try:
                git(root, "fetch", "--no-tags", f"--deepen={depth}", "origin")
            except GitProblem:
                break
        try:
            return git(root, "merge-base", head, branch)
        except GitProblem:
            continue
    shallow = _is_shallow(root)
    raise GitProblem(
        f"no common commit of {head} and {branch}" + (" in this shallow clone" if shallow else ""),
        (
            "fetch the whole history: git fetch --no-tags --unshallow origin (in GitHub Actions: "
            "actions/checkout with fetch-depth: 0); or compare with the branch itself: "
            f"site-builder diff {branch}"
            if shallow
            else f"compare with a commit of your choice: site-builder diff <commit> (e.g. {branch})"
        ),
    )


def working_tree(root: Path) -> State:
    return State("the working tree", root, SiteConfig.load(root), None, WorkingFiles(root))


def at_commit(root: Path, commit: str, label: str, into: Path) -> State:
    """The project as `commit` has it; files are put into `into` (an empty folder) only as loaders need them."""
    top, prefix = repository(root)
    listed = git(top, "ls-tree", "--name-only", f"{commit}:{prefix}" if prefix else commit)
    names = set(listed.splitlines()) if listed else set()
    for name in CONFIG_NAMES:
        if name in names:
            (into / name).write_bytes(git(top, "show", f"{commit}:{prefix}{name}", binary=True))
            break
    config = SiteConfig.load(into)
    folders = sorted({config.docs_dir, config.data_dir, config.charts_dir} & names)
    return State(label, into, config, commit, CommitFiles(top, prefix, commit, into, folders))


def temporary_folder() -> tempfile.TemporaryDirectory:
    return tempfile.TemporaryDirectory(prefix="site-builder-diff-")
