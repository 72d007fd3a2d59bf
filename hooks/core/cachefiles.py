"""Write the build's cache files under `.cache/` whole or not at all.

Why: several hooks keep results for the next build (formatted references, the checked
bibliography, reading grades, the repaired citation style, compiled templates). A build
that is stopped half-way, or two builds at once, must never leave a half-written file
that a later build would read; and a read-only checkout must still build, only slower.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from typing import Any


def write_atomically(path: str, data: str | bytes) -> bool:
    """Replace `path` with `data` in one step; False (and nothing written) on an OS error."""
    folder = os.path.dirname(path) or "."
    try:
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        mode, encoding = ("wb", None) if isinstance(data, bytes) else ("w", "utf-8")
        with os.fdopen(fd, mode, encoding=encoding) as fh:
            fh.write(data)
        os.replace(tmp, path)
    except OSError:
        return False
    return True


def _checksum(payload: str) -> str:
    return hashlib.sha256(payload.encode()).hexdigest()


def read_json(path: str) -> Any | None:
    """The value `write_json` wrote to `path`, or None when the file is missing, does not
    parse, or is not whole and unchanged (its checksum does not match): a cache is never
    trusted, and a caller that gets None computes the value again. Callers still check the
    value's shape and meaning."""
    try:
        with open(path, encoding="utf-8") as fh:
            envelope = json.load(fh)
    except (OSError, ValueError):
        return None
    if not isinstance(envelope, dict) or set(envelope) != {"sha256", "value"}:
        return None
    value = envelope["value"]
    if envelope["sha256"] != _checksum(json.dumps(value, ensure_ascii=False, sort_keys=True)):
        return None
    return value


def write_json(path: str, value: Any, *, only_file: bool = False) -> bool:
    """Write `value` as JSON to `path`, with a checksum `read_json` verifies; with
    `only_file`, remove the folder's other JSON files first (a cache that holds one
    version at a time)."""
    if only_file:
        folder = os.path.dirname(path) or "."
        try:
            for name in os.listdir(folder):
                if name.endswith(".json") and os.path.join(folder, name) != path:
                    os.remove(os.path.join(folder, name))
        except OSError:
            pass  # no folder yet, or read-only: write_atomically says which
    payload = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return write_atomically(path, json.dumps({"sha256": _checksum(payload), "value": value}, ensure_ascii=False))
