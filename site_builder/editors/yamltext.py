"""Values written into YAML files for editors (starting files, a line of mkdocs.yml's `nav:`), so that
no YAML reader misreads them: plain where that is safe, JSON (a subset of YAML) otherwise.
"""

from __future__ import annotations

import json
import re
from typing import Any

_PLAIN = re.compile(r"^[A-Za-z][A-Za-z0-9_ ,.()'/-]*$")
_RESERVED = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"}


def yaml_value(value: Any) -> str:
    """A value as YAML: plain text where YAML cannot misread it, JSON (a subset of YAML) otherwise."""
    if isinstance(value, str):
        if _PLAIN.match(value) and value.lower() not in _RESERVED and not value.endswith(" ") and ": " not in value:
            return value
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {yaml_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(yaml_value(v) for v in value) + "]"
    return json.dumps(value)
