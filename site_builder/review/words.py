"""How a review writes values, keys and counts, the same in all three reports."""

from __future__ import annotations

from typing import Any

from site_builder.review.model import MISSING, Key

NOT_THERE = "(none)"
EMPTY = "(empty)"


def shown(value: Any, limit: int | None = None) -> str:
    """A value as the file has it: numbers as written, text unquoted, lists joined."""
    if value is MISSING:
        return NOT_THERE
    if value is None:
        return EMPTY
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        text = ", ".join(shown(v) for v in value)
    elif isinstance(value, dict):
        text = ", ".join(f"{k}: {shown(v)}" for k, v in value.items())
    else:
        text = " ".join(str(value).split())  # a folded description on one line
    if limit and len(text) > limit:
        return text[: limit - 1] + "…"
    return text


def key_text(key: Key) -> str:
    """`date 2023-01-01, source welt_2023`: a record as a reviewer finds it in the file."""
    return ", ".join(f"{name} {shown(value)}" for name, value in key if value is not None) or "(no key values)"
