"""Atomic site folders: a build writes into a fresh folder beside the site and replaces it only
when everything succeeded.

MkDocs cleans `site/` first and then writes into it as it goes (static files before any page
is rendered), so a build that fails half-way leaves half a site. Here a build writes into
`.site.tmp-<pid>-<random>` in the same parent folder (one filesystem, so the final renames are
atomic); a failed or interrupted build removes that folder and the previous `site/` is left
byte for byte as it was.

The swap is two renames (`site` -> `.site.old-<pid>`, the new folder -> `site`) and then the old
one is removed. A build killed between the two renames leaves the old site under its `.old`
name: the next build puts it back before it starts. Entries whose names start with a dot in the
old site (`.git` of a deploy checkout, `.nojekyll`) are moved into the new one, as MkDocs' own
clean keeps them, and so are the folders of the site's other editions (`keep`: `sq/`, `sr/` when
`mkdocs build` makes the English edition at the root), which another build writes. Two builds
into the same folder at the same time are not supported (nor are they by MkDocs).

No MkDocs import: `output.SiteOutput` calls `AtomicSite.begin`, `commit` and `abort`.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

__all__ = ["AtomicSite"]


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # alive, someone else's
        return True
    return True


@dataclass
class AtomicSite:
    final: Path  # where the site belongs (symbolic links resolved: a linked site folder stays linked)
    temp: Path  # where this build writes
    keep: tuple[str, ...] = ()  # folders of the old site another build writes (other editions): moved into the new

    @classmethod
    def begin(cls, site_dir: str | Path, seed: bool = False, keep: tuple[str, ...] = ()) -> AtomicSite:
        """Create the folder a build writes into. `seed` copies the current site into it first
        (`--dirty` builds re-render only changed pages; modification times are kept); `keep` names
        the old site's folders that the new one takes over as they are (other editions' sites).
        """
        final = Path(os.path.realpath(site_dir))
        final.parent.mkdir(parents=True, exist_ok=True)
        _recover(final)
        temp = Path(tempfile.mkdtemp(prefix=f".{final.name}.tmp-{os.getpid()}-", dir=final.parent))
        if seed and final.is_dir():
            skip = set(keep)  # the other editions stay where they are until the swap

            def others(folder: str, names: list[str]) -> list[str]:
                return [name for name in names if name in skip and Path(folder) == final]

            shutil.copytree(final, temp, symlinks=True, dirs_exist_ok=True, ignore=others)
        os.chmod(
            temp, _folder_mode()
        )  # mkdtemp makes it private (0700): a web server running as another user could not read the site
        return cls(final, temp, tuple(keep))

    def commit(self) -> None:
        """Put the new site in place of the old one."""
        old = None
        if os.path.lexists(self.final):
            old = Path(tempfile.mkdtemp(prefix=f".{self.final.name}.old-{os.getpid()}-", dir=self.final.parent))
            os.rename(self.final, old / "site")  # inside a fresh folder: the name is ours alone
        os.rename(self.temp, self.final)
        if old is not None:
            previous = old / "site"
            if previous.is_dir():
                for entry in sorted(os.listdir(previous)):
                    ours = entry.startswith(".") or entry in self.keep
                    if ours and not os.path.lexists(self.final / entry):
                        os.rename(previous / entry, self.final / entry)
            shutil.rmtree(old, ignore_errors=True)

    def abort(self) -> None:
        """Forget this build: remove the folder it wrote into."""
        shutil.rmtree(self.temp, ignore_errors=True)


def _folder_mode() -> int:
    """The mode a new folder gets from the user's umask, as MkDocs' own `site/` would."""
    umask = os.umask(0o022)
    os.umask(umask)
    return 0o777 & ~umask


def _recover(final: Path) -> None:
    """Undo what killed builds left beside `final`: an old site moved away but never replaced is
    put back; temporary and old folders of processes that are gone are removed.
    """
    parent = final.parent
    for prefix in (f".{final.name}.old-", f".{final.name}.tmp-"):
        for entry in sorted(parent.glob(prefix + "*")):
            pid = entry.name[len(prefix) :].split("-", 1)[0]
            if not pid.isdigit() or (int(pid) != os.getpid() and _pid_alive(int(pid))):
                continue  # not ours, or another build's that is still running
            previous = entry / "site"
            if prefix.endswith(".old-") and previous.is_dir() and not os.path.lexists(final):
                os.rename(previous, final)
            shutil.rmtree(entry, ignore_errors=True)
