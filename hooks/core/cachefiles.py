"""The one rule of the build's cache files under `.cache/`: keyed by their inputs and the
code that computes them, written whole or not at all, checked when read.

Why: several hooks keep results for the next build (formatted references, the checked
bibliography, reading grades, the repaired citation style, compiled templates). A build
that is stopped half-way, or two builds at once, must never leave a half-written file
that a later build would read; a read-only checkout must still build, only slower; and a
change to the code that made a result must make it stale without anyone remembering to
say so (`code_version`: no hand-kept list of files or version number).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import tempfile
from typing import Any

from core import memo

_CORE = os.path.dirname(os.path.realpath(__file__))  # a linked hooks/ (make bench's copies) still finds the pins
_REQUIREMENTS = os.path.join(os.path.dirname(os.path.dirname(_CORE)), "requirements.txt")
_IMPORTS = re.compile(r"^[ \t]*(?:from[ \t]+core\.(\w+)[ \t]+import|from[ \t]+core[ \t]+import[ \t]+\(?([\w, \t\n]+)\)?"
                      r"|import[ \t]+core\.(\w+))", re.M)


def _core_imports(name: str) -> set[str]:
    """The core modules `core/<name>.py` imports, directly."""
    with open(os.path.join(_CORE, f"{name}.py"), encoding="utf-8") as fh:
        source = fh.read()
    found: set[str] = set()
    for direct, listed, plain in _IMPORTS.findall(source):
        found.update([direct or plain] if direct or plain else [n.strip() for n in listed.replace("\n", ",").split(",")])
    return {n for n in found if n and os.path.isfile(os.path.join(_CORE, f"{n}.py"))}


@functools.cache
def code_version(module: str, *extra: str) -> str:
    """The version of the code behind a cache: the source of `core.<module>` and of every
    core module it imports, directly or not, the pins of requirements.txt (the packages it
    calls), and `extra` (a program's version, say). Any change to them makes the cache stale."""
    seen: set[str] = set()
    todo = [module.rsplit(".", 1)[-1]]
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo.extend(_core_imports(name) - seen)
    digest = hashlib.sha256()
    for name in sorted(seen):
        with open(os.path.join(_CORE, f"{name}.py"), "rb") as fh:
            digest.update(name.encode() + b"\0" + fh.read() + b"\0")
    if os.path.isfile(_REQUIREMENTS):
        with open(_REQUIREMENTS, "rb") as fh:
            digest.update(fh.read())
    for part in extra:
        digest.update(b"\0" + part.encode())
    return digest.hexdigest()


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
    value's shape and meaning. Nothing is read while caches are off (core/memo.py)."""
    if not memo.enabled():
        return None
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
    version at a time). Nothing is written while caches are off (core/memo.py)."""
    if not memo.enabled():
        return False
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
