"""Progress of a long build: a counter on a terminal, nothing in CI logs.

A build run by hand in a terminal shows "site-builder: preparing charts 120/500" on one line,
rewritten in place; in CI (`CI` set, as GitHub Actions and most services do), in a pipe or a
file, nothing is written, so logs keep only warnings and the summary line the plugin logs.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Mapping
from typing import TextIO

MIN_INTERVAL = 0.1  # seconds between redraws: a terminal is slow to write to


def interactive(stream: TextIO, environ: Mapping[str, str] = os.environ) -> bool:
    """Whether a progress line belongs on `stream`: a terminal, outside CI, not a dumb terminal."""
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty()) and not environ.get("CI") and environ.get("TERM") != "dumb"


class Progress:
    """`progress(done, total)` redraws the line (at most every MIN_INTERVAL s, and always at the end);
    `finish()` clears it.
    """

    def __init__(
        self, label: str, stream: TextIO | None = None, environ: Mapping[str, str] = os.environ, clock=time.monotonic
    ):
        self.label = label
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = interactive(self.stream, environ)
        self.clock = clock
        self.last = float("-inf")
        self.width = 0

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        now = self.clock()
        if done < total and now - self.last < MIN_INTERVAL:
            return
        self.last = now
        text = f"{self.label} {done}/{total}"
        self.stream.write("\r" + text.ljust(self.width))
        self.stream.flush()
        self.width = len(text)

    def finish(self) -> None:
        if self.enabled and self.width:
            self.stream.write("\r" + " " * self.width + "\r")
            self.stream.flush()
            self.width = 0
