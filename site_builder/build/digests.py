"""SHA-256 of a file, the one way the build hashes files: cache keys, page keys, the manifest.

`hashlib.file_digest` reads the file in blocks without holding the GIL, so threads can hash side
by side (manifest.py does). Bytes already in memory are hashed with `hashlib.sha256(data)`.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def file_sha256(path: Path | str) -> str:
    """The SHA-256 of a file's bytes, in hex."""
    with open(path, "rb") as stream:
        return hashlib.file_digest(stream, "sha256").hexdigest()
