"""hooks/EVENTS.md is the order MkDocs runs the events in: a wrong priority fails here,
instead of silently breaking search, the reference list or the allowlist."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from mkdocs.config import load_config

from sitebuild import ROOT

TABLE = ROOT / "hooks" / "EVENTS.md"
PLUGINS = {"material.plugins.search.plugin": "search (Material)", "mkdocs_bibtex.plugin": "bibtex (mkdocs-bibtex)"}
_ROW = re.compile(r"^\| (\w+) \| (-?\d+) \| ([^|]+?) \|")


def written(path: Path = TABLE) -> list[tuple[str, int, str]]:
    """(event, priority, hook or plugin) of every row of the table, in its order."""
    rows = [_ROW.match(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return [(m.group(1), int(m.group(2)), m.group(3)) for m in rows if m and m.group(1) != "Event"]


def actual() -> list[tuple[str, int, str]]:
    """(event, priority, hook or plugin) of every handler MkDocs would call, in its order."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    found = []
    for event, handlers in config.plugins.events.items():
        for handler in handlers:
            module = inspect.getmodule(handler)
            name = module.__name__ if module else "?"
            name = PLUGINS.get(name, name.removeprefix("hooks/"))
            found.append((event, getattr(handler, "mkdocs_priority", 0), name))
    return found


def test_the_table_is_the_order_mkdocs_runs_the_events_in() -> None:
    table, run = written(), actual()
    events = list(dict.fromkeys(event for event, _, _ in run))
    ordered = sorted(table, key=lambda row: events.index(row[0]) if row[0] in events else len(events))
    assert ordered == run, "\n".join(
        ["hooks/EVENTS.md and MkDocs disagree (event, priority, hook); as MkDocs runs them:"]
        + [f"  {e} {p} {h}" + ("" if (e, p, h) in table else "   <- not in the table as written") for e, p, h in run]
        + [f"  in the table only: {row}" for row in table if row not in run])


def test_every_hook_has_rows_that_say_why() -> None:
    config = load_config(str(ROOT / "mkdocs.yml"))
    hooks = {Path(h).name for h in config.hooks}
    listed = {hook for _, _, hook in written()}
    assert hooks <= listed, f"hooks with no row in hooks/EVENTS.md: {sorted(hooks - listed)}"
    why = [line for line in TABLE.read_text(encoding="utf-8").splitlines()
           if _ROW.match(line) and ".py |" in line and line.rstrip().endswith("| |")]
    assert not why, f"rows of hooks/EVENTS.md that do not say why the hook is there: {why}"


# What must run before what, whatever the priorities become (event, earlier, later).
BEFORE = [
    ("files", "published_files.py", "source_files.py"),  # no file is read before it is allowed
    ("files", "source_files.py", "page_metadata.py"),  # every check reads the pages source_files read
    ("files", "cross_references.py", "mkdocs_messages.py"),  # MkDocs' duplicates of ours are dropped
    ("page_markdown", "snippets_check.py", "related_pages.py"),  # snippet lines are the page's own
    ("page_markdown", "overview_tables.py", "citations.py"),  # generated tables cite, too
    ("page_markdown", "figures.py", "citations.py"),  # and so do the figures
    ("page_markdown", "citations.py", "bibtex (mkdocs-bibtex)"),  # the plugin finds no citation left
    ("page_markdown", "citations.py", "render_cache.py"),  # the cache key is the final Markdown
    ("page_content", "render_cache.py", "overview_tables.py"),  # the kept HTML is the conversion's own
    ("page_content", "citations.py", "content_policy.py"),
    ("page_content", "overview_tables.py", "content_policy.py"),
    ("page_content", "overview_tables.py", "table_layout.py"),  # generated tables are framed too
    ("page_content", "table_layout.py", "content_policy.py"),  # the allowlist sees the frames
    ("page_context", "search (Material)", "places.py"),  # navigation blocks and figures are not searched
    ("page_context", "search (Material)", "citations.py"),  # nor each page's reference list
    ("page_context", "places.py", "citations.py"),  # the figures' citations are numbered with the page's
    ("page_context", "places.py", "content_policy.py"),  # the allowlist sees every block
    ("page_context", "citations.py", "content_policy.py"),
    ("page_context", "reference_list.py", "content_policy.py"),
    ("page_context", "reference_list.py", "page_reuse.py"),  # the key holds the searched list
    ("page_context", "page_reuse.py", "search (Material)"),  # a reused page is hidden before search reads it
    ("post_build", "search (Material)", "search_index.py"),  # the index exists before it is rewritten
    ("post_build", "search_index.py", "page_reuse.py"),  # reused entries are put back before the rest is forgotten
]


def test_what_must_run_first_does() -> None:
    run = actual()
    wrong = []
    for event, earlier, later in BEFORE:
        order = [hook for e, _, hook in run if e == event]
        if earlier not in order or later not in order or order.index(earlier) > order.index(later):
            wrong.append(f"{event}: {earlier} must run before {later} (MkDocs runs {', '.join(order)})")
    assert not wrong, "\n".join(wrong)


def test_nothing_runs_where_a_reused_page_would_miss_it() -> None:
    """hooks/page_reuse.py keys a page's search entries at page_context 5 (anything changing the
    page between there and search at 0 would not be in the key), its rendering at -1000 (anything
    after would not be in the key) and keeps the rendering at post_page 1000 (anything before
    would change a reused page twice)."""
    run = actual()
    misplaced = [(e, p, h) for e, p, h in run if h != "page_reuse.py" and (
        (e == "page_context" and (0 < p <= 5 or p <= -1000)) or (e == "post_page" and p >= 1000))]
    assert misplaced == []
    assert ("page_context", 5, "page_reuse.py") in run and ("page_context", -1000, "page_reuse.py") in run
    assert ("post_page", 1000, "page_reuse.py") in run
