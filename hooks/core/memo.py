"""The in-memory caches that outlive one build: each declared here by name, bounded, and
switched off together by one setting.

Why: every build starts from a fresh build object (core/state.py), so nothing of one
`mkdocs serve` rebuild leaks into the next, with one exception: the results a module
declares as a cache with `declare`. A declared cache is keyed by everything that
computes its value (the text parsed, the file's bytes, the digest of the inputs), so
reusing an entry gives what computing it again would give; it holds at most `bound`
entries (the oldest go first), so a long serve session cannot grow it without limit; and
`extra: calcinosis: cache: false` in mkdocs.yml (or CALCINOSIS_CACHE=0) turns every cache
off at once, these and the files under `.cache/` (core/cachefiles.py). A test fails on any
module-level container in hooks/ that is not a declared cache or a constant.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")

_ENV = "CALCINOSIS_CACHE"


class Memo(Generic[K, V]):
    """A named, bounded mapping whose lookups miss while caches are switched off. `bound` is
    the most entries it holds (the oldest go first). With `weigh`, the sum of its entries'
    weights (their size) stays under `max_weight` too: an entry that would pass it is not
    kept. (Dropping the oldest instead would keep nothing useful when a build asks for more
    than fits, in the same order every time: each page would push out the one the next
    build asks for first.)"""

    def __init__(self, name: str, bound: int, weigh: Callable[[V], int] | None = None,
                 max_weight: int = 0, last_build_only: bool = False) -> None:
        self.name = name
        self.bound = bound
        self.weigh, self.max_weight, self.weight = weigh, max_weight, 0
        self._entries: OrderedDict[K, V] = OrderedDict()
        # Keys used since the last build ended (`end_build`), when only they are kept.
        self._used: set[K] | None = set() if last_build_only else None

    def get(self, key: K) -> V | None:
        if not _switch.on:
            return None
        value = self._entries.get(key)
        if value is not None:
            self._entries.move_to_end(key)
            if self._used is not None:
                self._used.add(key)
        return value

    def put(self, key: K, value: V) -> V:
        if _switch.on:
            if self._used is not None:
                self._used.add(key)
            if key in self._entries:
                self._drop(key)
            weight = self.weigh(value) if self.weigh is not None else 0
            if self.weigh is not None and self.weight + weight > self.max_weight:
                return value
            self._entries[key] = value
            self.weight += weight
            while len(self._entries) > self.bound:
                self._drop(next(iter(self._entries)))
        return value

    def get_or_make(self, key: K, make: Callable[..., V], *args: Any) -> V:
        """The entry of `key`; when there is none, what `make(*args)` gives, kept under `key`."""
        found = self.get(key)
        return found if found is not None else self.put(key, make(*args))

    def _drop(self, key: K) -> None:
        value = self._entries.pop(key)
        if self.weigh is not None:
            self.weight -= self.weigh(value)

    def keep_only(self, keys: set[K]) -> None:
        """Drop every entry whose key is not in `keys` (what the last build did not use)."""
        for key in [k for k in self._entries if k not in keys]:
            self._drop(key)

    def end_build(self) -> None:
        """With `last_build_only`: keep only what was used since the last build ended."""
        if self._used is not None:
            self.keep_only(self._used)
            self._used = set()

    def keys(self) -> Iterator[K]:
        return iter(list(self._entries))

    def clear(self) -> None:
        self._entries.clear()
        self.weight = 0
        if self._used is not None:
            self._used.clear()

    def __len__(self) -> int:
        return len(self._entries)


class _Switch:
    on = os.environ.get(_ENV, "").strip() != "0"


_switch = _Switch()
CACHES: dict[str, Memo] = {}  # every declared cache, by name (filled at import, never per build)


def declare(name: str, bound: int, weigh: Callable[[Any], int] | None = None, max_weight: int = 0,
            last_build_only: bool = False) -> Memo:
    """A module's cache, declared when the module is imported. MkDocs imports a hook file
    anew for each mkdocs.yml that names it (each test site has its own), and the new
    module's cache then takes the name: it starts empty. With `last_build_only`, what a
    build did not use is dropped when it ends (`end_build`): a page's results under its
    earlier texts go as soon as a rebuild has the new one."""
    memo: Memo = Memo(name, bound, weigh, max_weight, last_build_only)
    CACHES[name] = memo
    return memo


def end_build() -> None:
    """A build has ended: each `last_build_only` cache keeps only what that build used."""
    for memo in CACHES.values():
        memo.end_build()


def files_state(paths: Iterable[str], skip: str | None = None) -> list[str]:
    """Every file under `paths` (files or folders; folders named `skip` left out) by path, size,
    modification and change times and inode: part of the key of a cache whose value reads
    them. The change time and the inode catch an edit that keeps the size and sets the
    modification time back (`cp -p`, `touch -r`, an unpacked archive)."""
    state = []
    for path in paths:
        walked = [(os.path.dirname(path), [], [os.path.basename(path)])] if os.path.isfile(path) else os.walk(path)
        for base, dirs, names in walked:
            dirs[:] = sorted(d for d in dirs if d != skip)
            for name in sorted(names):
                full = os.path.join(base, name)
                try:
                    stat = os.stat(full)
                except OSError:
                    continue
                state.append(f"{full}\0{stat.st_size}\0{stat.st_mtime_ns}\0{stat.st_ctime_ns}\0{stat.st_ino}")
    return state


def digest(parts: Iterable[Any]) -> str:
    """The key of a cache entry made of `parts` (strings as they are, anything else as JSON), in
    which no two different lists of parts can meet: each part is tagged with its kind and length."""
    hashed = hashlib.sha256()
    for part in parts:
        kind, text = ("s", part) if isinstance(part, str) else ("j", json.dumps(part, sort_keys=True))
        data = text.encode("utf-8", "surrogatepass")
        hashed.update(f"{kind}{len(data)}:".encode() + data)
    return hashed.hexdigest()


def enabled() -> bool:
    """Whether caches are used: false when the build's settings or CALCINOSIS_CACHE=0 say so."""
    return _switch.on


def switch(on: bool) -> None:
    """Set by the build's settings at its start (core/state.py); off also empties them all."""
    _switch.on = on and os.environ.get(_ENV, "").strip() != "0"
    if not _switch.on:
        for memo in CACHES.values():
            memo.clear()
