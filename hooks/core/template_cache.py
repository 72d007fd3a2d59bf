"""The theme's compiled templates, kept from one build to the next (hooks/template_cache.py).

Why: MkDocs makes a new Jinja environment for every build, every `mkdocs serve` rebuild
included, and compiles Material's templates into Python each time: about 0.3 s on a
2-core machine, a fifth of rebuilding this site after an edit, and half of building a
small test site. Jinja's bytecode cache keeps the compiled code, checked against each
template's source (an edited template is compiled afresh): in memory for every later build
of the process (`mkdocs serve`'s rebuilds, and the test sites of a test run, which share
Material's templates), and in `.cache/jinja/` for the next build. A checkout where
`.cache/` cannot be written still builds.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets

import jinja2
from jinja2.bccache import Bucket

from core import memo
from core.cachefiles import write_atomically

# Bytecode by Jinja's key of a template (its name and file path) and the environment's
# settings (compiled_key). Jinja loads an entry only
# when it was compiled from the very source it reads now, by this Jinja: a template edited
# during `mkdocs serve` is compiled again and replaces its entry.
_compiled: memo.Memo[str, bytes] = memo.declare("template_cache: compiled templates", bound=512)


class TemplateCache(jinja2.BytecodeCache):
    """Jinja's compiled templates in the process's memory and in one folder (best effort on disk)."""

    def __init__(self, folder: str) -> None:
        self.folder = folder
        self.key = machine_key()

    def _path(self, key: str) -> str:
        return os.path.join(self.folder, f"{key}.jinja")

    def load_bytecode(self, bucket: Bucket) -> None:
        key = compiled_key(bucket)
        data = _compiled.get(key)
        if data is None:
            data = unsealed(self._path(key), self.key)
            if data is None:
                return  # missing, damaged or changed: compiled afresh
        try:
            bucket.bytecode_from_string(data)  # ignored unless made by this Jinja from this very source
        except Exception:  # noqa: BLE001 - bytecode of another Python: compile the template afresh
            bucket.reset()

    def dump_bytecode(self, bucket: Bucket) -> None:
        data, key = bucket.bytecode_to_string(), compiled_key(bucket)
        _compiled.put(key, data)
        if self.key is not None:  # read-only checkout, or no key: compiled again next time
            write_atomically(self._path(key), hmac.new(self.key, data, hashlib.sha256).digest() + data)

    def clear(self) -> None:
        _compiled.clear()


def compiled_key(bucket: Bucket) -> str:
    """Jinja's key of the template (its name and file) and the settings of the environment
    that compile it: the same source compiles to other code under other delimiters,
    whitespace rules, extensions or `finalize` (Jinja's own key holds none of them)."""
    env = bucket.environment
    settings = (env.block_start_string, env.block_end_string, env.variable_start_string, env.variable_end_string,
                env.comment_start_string, env.comment_end_string, env.line_statement_prefix,
                env.line_comment_prefix, env.trim_blocks, env.lstrip_blocks, env.newline_sequence,
                env.keep_trailing_newline, env.optimized, env.is_async, env.finalize is not None,
                sorted(env.extensions), jinja2.__version__)
    return hashlib.sha256(f"{bucket.key}\0{settings!r}".encode()).hexdigest()


def machine_key() -> bytes | None:
    """A secret of this machine's user, kept outside the checkout (made on first use):
    compiled templates are sealed with it, so a file that a pull request puts into .cache/
    (even with a correct checksum) is never loaded. None: no disk cache, only memory."""
    folder = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "calcinosis-reference")
    path = os.path.join(folder, "template-cache.key")
    try:
        with open(path, "rb") as fh:
            key = fh.read()
        if len(key) == 32:
            return key
    except OSError:
        pass
    key = secrets.token_bytes(32)
    return key if write_atomically(path, key) else None


def unsealed(path: str, key: bytes | None) -> bytes | None:
    """The bytecode in `path` when its seal (an HMAC of it with this machine's key, the
    first 32 bytes) matches, else None. Jinja checks only that bytecode was made from the
    same template source, and reading it unpickles: a damaged file would fail when the page
    is rendered, and a crafted one could run code, so a cache file is never trusted."""
    if key is None:
        return None
    try:
        with open(path, "rb") as fh:
            sealed = fh.read()
    except OSError:
        return None
    seal, data = sealed[:32], sealed[32:]
    ok = len(sealed) > 32 and hmac.compare_digest(hmac.new(key, data, hashlib.sha256).digest(), seal)
    return data if ok else None


# By folder: one bytecode cache object a process (it keeps its key between builds).
_caches: memo.Memo[str, TemplateCache] = memo.declare("template_cache: bytecode caches", bound=4)


def for_folder(folder: str) -> TemplateCache:
    """The bytecode cache whose files are in `folder`."""
    return _caches.get(folder) or _caches.put(folder, TemplateCache(folder))
