"""The built site in a real browser (Debian's Chromium): accessible, private and working.

- Accessibility: axe-core (pinned in package.json) on every built page, in light and in
  dark mode: no serious or critical violation, except those listed with a reason in
  tests/a11y-exceptions.yml.
- Privacy: while every page loads (served on 127.0.0.1), no request goes to another host.
- Reading on every screen: at 1280 px and at 390 px (a phone), in both schemes, no content
  is wider than the window outside a scroll container, every table is in a named frame
  that takes the keyboard focus and scrolls to its last column, tapping a citation shows
  its reference without moving the page, and axe-core's `target-size` passes (24 x 24 px).
- Features: search finds a page by a word of its body; hovering a citation number shows
  the reference; hovering an abbreviation shows its meaning; "Download PDF" is a PDF.

One Chromium serves the whole session. One sweep loads every page once, two pages at a
time, as a reader whose system is set to light: at 1280 px it runs every axe-core rule and
the layout checks, switches to dark with the page's own toggle and runs again the rules
whose result depends on colour (the page is the same; only Material's colour variables
change) and the layout checks, then, back in light, narrows the window to 390 px, checks it
again and taps a citation. Tabs ask for reduced motion, so Material's transitions do not run
(the page they end on is the same), and the sweep answers the request for the search index
with an empty one of the same settings (building the index is a good part of each load; the
search tests use the real one). The sweep is shared by the accessibility, layout and privacy
tests; test_the_systems_colour_scheme_is_chosen_at_load loads pages in a dark system. When Chromium is missing these
tests fail with the fix (install it: `bash .ci/run` does); `BROWSER_TESTS=skip` skips them explicitly.
"""

from __future__ import annotations

import asyncio
import fnmatch
import json
import os
import sys
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from sitebuild import ROOT, BuildResult

sys.path.insert(0, str(ROOT / "tools"))
from localbrowser import SETTLED, chromium_missing, is_local, launch, serve, site_prefix  # noqa: E402

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
EXCEPTIONS = ROOT / "tests" / "a11y-exceptions.yml"
SCHEMES = ("light", "dark")
MATERIAL_SCHEME = {"light": "default", "dark": "slate"}
BLOCKING = ("serious", "critical")
CONCURRENT_PAGES = 2
TIMEOUT_MS = 30_000
# A word that occurs in the body of one page only (docs/about/disclaimer.md), not in a title.
SEARCH_WORD, SEARCH_PAGE = "weeping", "about/disclaimer/"
CITED_PAGE = "types/calciphylaxis/"
SEARCH_INDEX = "search/search_index.json"
DESKTOP, PHONE = (1280, 900), (390, 844)

# Without options: every rule axe-core runs by default, and `target-size` (WCAG 2.2 AA, off
# by default). In dark mode, the rules whose result depends on colours: the page is the same
# page, only its colours change (Material switches a set of CSS colour variables). On a
# phone, the colour rules (the theme shows other parts there: the header's title, the
# search button) and `target-size`, which a finger needs most.
_AXE_COLOUR_RULES = ["color-contrast", "link-in-text-block"]
_AXE_COLOUR = {"resultTypes": ["violations"], "runOnly": _AXE_COLOUR_RULES}
_AXE_PHONE = {"resultTypes": ["violations"], "runOnly": ["target-size", *_AXE_COLOUR_RULES]}
_AXE_RUN = """async (options) => {
  const result = await axe.run(document, options || {resultTypes: ["violations"], rules: {"target-size": {enabled: true}}});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary || ""})),
  }));
}"""


# What a reader at this width cannot read: each problem as one line. Content wider than the
# window must sit in a scroll container; every table in a frame (hooks/table_layout.py) that
# has a name, takes the focus and, scrolled to its end, shows the last column whole.
_LAYOUT = """() => {
  const problems = [], width = document.documentElement.clientWidth;
  const scrolls = el => ["auto", "scroll"].includes(getComputedStyle(el).overflowX);
  const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (el.classList.length ? "." + [...el.classList].join(".") : "");
  for (const el of document.querySelectorAll(".md-content *")) {
    const box = el.getBoundingClientRect();
    if (!box.width || (box.right <= width + 1 && box.left >= -1)) continue;
    let up = el.parentElement, held = false;
    for (; up && !up.classList.contains("md-content"); up = up.parentElement) {
      if (scrolls(up)) { held = true; break; }
    }
    if (!held) { problems.push(`${name(el)} reaches ${Math.round(box.left)}..${Math.round(box.right)} px`
                               + ` of a ${width} px window, outside any scroll container`); break; }
  }
  document.querySelectorAll("article table").forEach((table, n) => {
    const frame = table.closest(".table-frame"), what = `table ${n + 1}`;
    if (!frame) { problems.push(`${what} is not in a .table-frame`); return; }
    if (frame.tabIndex !== 0 || frame.getAttribute("role") !== "region" || !frame.getAttribute("aria-label"))
      problems.push(`${what}: its frame lacks tabindex=0, role=region or a name`);
    if (!scrolls(frame)) problems.push(`${what}: its frame does not scroll sideways`);
    frame.scrollLeft = frame.scrollWidth;
    const row = table.rows[0], last = row && row.cells[row.cells.length - 1];
    if (last) {
      const cell = last.getBoundingClientRect(), shown = frame.getBoundingClientRect();
      if (cell.right > Math.min(shown.right, width) + 1 || cell.left < shown.left - 1)
        problems.push(`${what}: scrolled to its end, its last column '${last.textContent.trim()}' shows`
                      + ` at ${Math.round(cell.left)}..${Math.round(cell.right)} px, outside its frame`
                      + ` (${Math.round(shown.left)}..${Math.round(shown.right)}) or the window`);
    }
    frame.scrollLeft = 0;
  });
  return problems;
}"""

# A click on the page's colour scheme toggle (Material shows the label of the other scheme).
_TOGGLE_SCHEME = "document.querySelector('[data-md-component=palette] label:not([hidden])').click()"

# A tap on the first citation number of the page, as a touch screen delivers it to the
# page (a click whose pointerType is "touch"), with the number in the middle of the window
# first: the reference must show in place, the page stay where it was, the address keep
# no #fn. The sweep's window has no touch screen, so that Material treats it as a desktop
# one at 1280 px; test_a_real_tap_on_a_phone_shows_the_reference taps with a touch screen.
_TAP_FIRST_CITATION = """() => {
  const ref = document.querySelector("article a.footnote-ref");
  if (!ref) return null;
  ref.scrollIntoView({block: "center"});
  const item = document.getElementById(decodeURIComponent(ref.hash.slice(1)));
  const y = scrollY;
  ref.dispatchEvent(new PointerEvent("click", {bubbles: true, cancelable: true, pointerType: "touch", detail: 1}));
  return {y: y, authors: item.textContent.trim().split(".")[0]};
}"""


@dataclass
class Violation:
    page: str
    scheme: str
    rule: str
    impact: str
    help: str
    target: str
    summary: str
    width: int = DESKTOP[0]

    def __str__(self) -> str:
        first = self.summary.strip().splitlines()[1:2] or [""]
        return (f"{self.page} ({self.scheme}, {self.width} px): {self.rule} [{self.impact}] {self.help}: "
                f"{self.target}: {first[0].strip()}")


@dataclass
class Sweep:
    pages: list[str]
    loaded: dict[str, set[str]] = field(default_factory=lambda: {s: set() for s in SCHEMES})
    violations: list[Violation] = field(default_factory=list)
    external: dict[str, set[str]] = field(default_factory=dict)  # URL -> pages that asked for it
    wrong_scheme: list[str] = field(default_factory=list)
    layout: list[str] = field(default_factory=list)  # "PAGE (scheme, width): problem"
    taps: list[str] = field(default_factory=list)  # citations that a tap did not show in place
    tapped: set[str] = field(default_factory=set)  # "PAGE (scheme)" where a citation was tapped
    search_config: dict[str, Any] = field(default_factory=dict)  # the search index's settings
    checked: set[tuple[str, int]] = field(default_factory=set)  # (scheme, width) axe ran at


def _require_browser() -> None:
    if os.environ.get("BROWSER_TESTS") == "skip":
        pytest.skip("BROWSER_TESTS=skip")
    missing = chromium_missing()
    if missing:
        pytest.fail(missing, pytrace=False)
    if not AXE.is_file():
        pytest.fail(f"{AXE.relative_to(ROOT)} is missing. Fix: run `npm ci` (every make target does)", pytrace=False)


def built_pages(site_dir: Path) -> list[str]:
    """Every HTML page of the built site, as a URL path relative to the site root."""
    pages = []
    for html in sorted(site_dir.rglob("*.html")):
        rel = html.relative_to(site_dir).as_posix()
        if rel.startswith("assets/"):
            continue
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return pages


@dataclass
class Browser:
    """One Chromium for the whole session, with the built site served beside it; tests
    run their coroutines on its event loop."""

    loop: asyncio.AbstractEventLoop
    browser: Any
    base: str  # the site's URL, under the path of site_url

    def run(self, work: Awaitable[Any]) -> Any:
        return self.loop.run_until_complete(work)


@pytest.fixture(scope="session")
def chromium(real_site: BuildResult) -> Iterator[Browser]:
    _require_browser()
    from playwright.async_api import async_playwright

    loop = asyncio.new_event_loop()
    with serve(real_site.site_dir, site_prefix(ROOT / "mkdocs.yml")) as base:
        pw = loop.run_until_complete(async_playwright().start())
        try:
            session = Browser(loop, loop.run_until_complete(launch(pw)), base)
            try:
                yield session
            finally:
                loop.run_until_complete(session.browser.close())
        finally:
            loop.run_until_complete(pw.stop())
            loop.close()


async def _sweep_pages(sweep: Sweep, browser: Any, base: str, pages: list[str], axe: str) -> None:
    """Load each of `pages` once, in a tab of its own context (a reader whose system is set
    to light), run axe-core and the layout checks on it in light at 1280 and 390 px (and tap
    a citation there), then, switched with the page's own toggle, the colour rules in dark
    at 390 and 1280 px; catch every request for another host (aborted, so nothing leaves
    the machine)."""
    context = await browser.new_context(color_scheme="light", reduced_motion="reduce",
                                        viewport={"width": DESKTOP[0], "height": DESKTOP[1]})
    context.set_default_timeout(TIMEOUT_MS)
    current = {"page": "?"}

    async def route(route: Any) -> None:
        url = route.request.url
        if urlsplit(url).path == urlsplit(base).path + SEARCH_INDEX:
            await route.fulfill(json={"config": sweep.search_config, "docs": []})
        elif is_local(url):
            await route.continue_()
        else:
            sweep.external.setdefault(url, set()).add(current["page"])
            await route.abort()

    await context.route("**/*", route)
    await context.add_init_script(script=axe)
    tab = await context.new_page()
    for rel in pages:
        # Light at 1280 px, light at 390 px, then (the page's own toggle) dark at 390 and at
        # 1280 px: one switch of scheme a page, and the next page starts at 1280 px again.
        current["page"] = rel
        await tab.set_viewport_size({"width": DESKTOP[0], "height": DESKTOP[1]})
        await tab.goto(base + rel, wait_until="load")
        for scheme in SCHEMES:
            if scheme != "light":
                await tab.evaluate(_TOGGLE_SCHEME)
            for width, height in (DESKTOP, PHONE) if scheme == "light" else (PHONE, DESKTOP):
                if width != DESKTOP[0] or scheme != "light":
                    await tab.set_viewport_size({"width": width, "height": height})
                await _settle(tab)
                if await tab.evaluate("document.body.dataset.mdColorScheme") != MATERIAL_SCHEME[scheme]:
                    sweep.wrong_scheme.append(f"{rel} ({scheme}, {width} px)")
                if scheme == "light" and width == DESKTOP[0]:
                    await _check(sweep, tab, rel, scheme, width, None)  # every rule
                elif scheme == "light":
                    await _check(sweep, tab, rel, scheme, width, _AXE_PHONE)
                    await _tap_a_citation(sweep, tab, rel, scheme)
                else:  # the same page in other colours: only what depends on colour
                    await _check(sweep, tab, rel, scheme, width, _AXE_COLOUR, layout=False)
            sweep.loaded[scheme].add(rel)
        await tab.evaluate("localStorage.clear()")  # the next page follows the system's scheme again
    await asyncio.sleep(1)  # a request a page makes late is still caught by the route
    await context.close()


async def _check(sweep: Sweep, tab: Any, rel: str, scheme: str, width: int, axe_options: dict | None,
                 layout: bool = True) -> None:
    """axe-core (every rule, or those of `axe_options`) and the layout checks on the page as it is shown."""
    for v in await tab.evaluate(_AXE_RUN, axe_options):
        for node in v["nodes"]:
            sweep.violations.append(Violation(rel, scheme, v["id"], v["impact"] or "", v["help"],
                                              node["target"], node["summary"], width))
    sweep.checked.add((scheme, width))
    if layout:
        sweep.layout += [f"{rel} ({scheme}, {width} px): {p}" for p in await tab.evaluate(_LAYOUT)]


async def _settle(tab: Any) -> None:
    """Wait for drawn diagrams and no running transition, twice: Material starts transitions
    just after a load or a resize."""
    await tab.wait_for_function(SETTLED)
    await tab.evaluate("() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))")
    await tab.wait_for_function(SETTLED)


async def _tap_a_citation(sweep: Sweep, tab: Any, rel: str, scheme: str) -> None:
    """On a phone, tap the page's first citation number: its reference shows in a tooltip,
    and the page neither scrolls nor jumps to the reference list."""
    before = await tab.evaluate(_TAP_FIRST_CITATION)
    if before is None:
        return
    where = f"{rel} ({scheme}, {PHONE[0]} px)"
    sweep.tapped.add(f"{rel} ({scheme})")
    tooltip = tab.locator(".md-tooltip2--active")
    try:
        await tooltip.wait_for(timeout=5_000)
    except Exception:
        sweep.taps.append(f"{where}: no reference shown after tapping the first citation")
        return
    shown, after, address = (await tooltip.inner_text(), await tab.evaluate("scrollY"),
                             await tab.evaluate("location.hash"))
    if before["authors"] not in shown:
        sweep.taps.append(f"{where}: the tooltip shows {shown[:60]!r}, not the reference of {before['authors']!r}")
    if abs(after - before["y"]) > 1 or address:
        sweep.taps.append(f"{where}: the page moved from {before['y']} to {after} px (address {address!r})")


@pytest.fixture(scope="session")
def sweep(real_site: BuildResult, chromium: Browser) -> Sweep:
    result = Sweep(built_pages(real_site.site_dir))
    result.search_config = json.loads((real_site.site_dir / SEARCH_INDEX).read_text(encoding="utf-8"))["config"]
    axe = AXE.read_text(encoding="utf-8")

    async def run() -> None:
        await asyncio.gather(*(_sweep_pages(result, chromium.browser, chromium.base, result.pages[n::CONCURRENT_PAGES], axe)
                               for n in range(CONCURRENT_PAGES)))

    chromium.run(run())
    return result


@dataclass(frozen=True)
class Exception_:
    rule: str
    page: str
    target: str
    reason: str

    def covers(self, v: Violation) -> bool:
        return v.rule == self.rule and fnmatch.fnmatch(v.page, self.page) and self.target in v.target


def load_exceptions(path: Path = EXCEPTIONS) -> list[Exception_]:
    """The accepted exceptions: each names an axe rule, the pages (glob), a selector part,
    and the reason it is accepted."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    found = []
    for n, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict) or not str(entry.get("reason") or "").strip() or not entry.get("rule"):
            raise AssertionError(f"{path.relative_to(ROOT)}: entry {n} needs 'rule' and a 'reason'")
        found.append(Exception_(str(entry["rule"]), str(entry.get("page", "*")), str(entry.get("target", "")),
                                str(entry["reason"])))
    return found


def test_exceptions_file_gives_a_reason_for_every_entry() -> None:
    load_exceptions()


def test_every_page_is_checked_in_light_and_dark_mode(sweep: Sweep) -> None:
    assert len(sweep.pages) >= 40, sweep.pages
    assert "" in sweep.pages and "404.html" in sweep.pages
    for scheme in SCHEMES:
        assert sweep.loaded[scheme] == set(sweep.pages), scheme
    assert sweep.wrong_scheme == [], "pages not shown in the requested colour scheme"
    assert sweep.checked == {(scheme, width) for scheme in SCHEMES for width in (DESKTOP[0], PHONE[0])}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_no_serious_accessibility_violations(sweep: Sweep, scheme: str) -> None:
    exceptions = load_exceptions()
    blocking = [v for v in sweep.violations
                if v.scheme == scheme and v.impact in BLOCKING and not any(e.covers(v) for e in exceptions)]
    shown = "\n".join(str(v) for v in blocking[:40])
    assert not blocking, f"{len(blocking)} serious or critical axe-core violation(s) in {scheme} mode:\n{shown}"


def test_every_accessibility_exception_is_still_needed(sweep: Sweep) -> None:
    unused = [e for e in load_exceptions() if not any(e.covers(v) for v in sweep.violations)]
    assert not unused, f"remove these entries from tests/a11y-exceptions.yml, nothing needs them: {unused}"


def test_every_page_fits_the_window_and_every_table_scrolls_to_its_last_column(sweep: Sweep) -> None:
    """At 1280 px and at 390 px, in light (dark changes the colours only): nothing wider than
    the window except inside a scroll container; each table's frame has a name, takes the
    focus and shows the last column when scrolled to its end."""
    assert sweep.layout == [], f"{len(sweep.layout)} layout problem(s):\n" + "\n".join(sweep.layout[:40])


def test_tapping_a_citation_shows_its_reference_in_place(sweep: Sweep) -> None:
    assert len(sweep.tapped) >= 40, sorted(sweep.tapped)  # every page that cites
    assert f"{CITED_PAGE} (light)" in sweep.tapped
    assert sweep.taps == [], "\n".join(sweep.taps[:40])


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_systems_colour_scheme_is_chosen_at_load(chromium: Browser, scheme: str) -> None:
    """A reader whose system is set to dark gets the dark scheme on the first page and the
    next (the sweep's tabs are light systems, and switch with the toggle)."""
    async def work(page: Any, base: str) -> list[str]:
        shown = []
        for rel in ("", CITED_PAGE):
            await page.goto(base + rel)
            shown.append(await page.evaluate("document.body.dataset.mdColorScheme"))
        return shown

    assert _in_browser(chromium, work, scheme=scheme) == [MATERIAL_SCHEME[scheme]] * 2


def test_the_sweep_runs_axe_target_size_and_the_colour_rules(chromium: Browser) -> None:
    """axe-core leaves `target-size` out by default: the sweep's options turn it on, at both
    widths. A 10 x 10 px button with a neighbour and pale grey words on white are what the
    desktop pass and the phone pass must catch; the dark pass catches the colours only."""
    async def work(page: Any, base: str) -> list[list[str]]:
        await page.goto(base + "404.html")
        await page.evaluate("""() => document.querySelector("article").insertAdjacentHTML("beforeend",
          '<p><button style="width:10px;height:10px;padding:0">a</button><button style="width:10px;height:10px;padding:0">b</button></p>'
          + '<p style="color:#eee">Pale grey words on a white page.</p>')""")
        return [sorted({v["id"] for v in await page.evaluate(_AXE_RUN, options)})
                for options in (None, _AXE_PHONE, _AXE_COLOUR)]

    everything, phone, colour = _in_browser(chromium, work, script=AXE.read_text(encoding="utf-8"))
    assert {"target-size", "color-contrast"} <= set(everything), everything
    assert (phone, colour) == (["color-contrast", "target-size"], ["color-contrast"])


def test_no_page_contacts_another_host(sweep: Sweep) -> None:
    assert sweep.external == {}, "requests to other hosts: " + "; ".join(
        f"{url} (from {', '.join(sorted(pages))})" for url, pages in sorted(sweep.external.items()))


# ── Features ──────────────────────────────────────────────────────────────────────────────

def _in_browser(chromium: Browser, work: Callable[[Any, str], Awaitable[Any]],
                viewport: tuple[int, int] = (1280, 900), script: str | None = None, touch: bool = False,
                scheme: str = "light") -> Any:
    """Run `work(page, base_url)` in a fresh tab that may reach only this machine (with
    `script` run in every page before its own scripts; `touch`: a phone's touch screen;
    `scheme`: the system's colour scheme)."""
    async def run() -> Any:
        context = await chromium.browser.new_context(viewport={"width": viewport[0], "height": viewport[1]},
                                                     has_touch=touch, is_mobile=touch, color_scheme=scheme)
        if script:
            await context.add_init_script(script=script)
        context.set_default_timeout(TIMEOUT_MS)
        await context.route("**/*", lambda route: route.continue_() if is_local(route.request.url)
                            else route.abort())
        try:
            return await work(await context.new_page(), chromium.base)
        finally:
            await context.close()

    return chromium.run(run())


def test_search_finds_a_page_by_a_word_of_its_body(chromium: Browser) -> None:
    async def work(page: Any, base: str) -> list[str]:
        await page.goto(base)
        box = page.locator("input.md-search__input")  # in the header at desktop width
        await box.click()
        # The search worker has read the index when the prompt stops saying "Initializing".
        await page.wait_for_function("() => !/Initializing/i.test("
                                     "document.querySelector('.md-search-result__meta').textContent)")
        await _search(page, box, SEARCH_WORD)
        return await page.locator(".md-search-result__item a").evaluate_all("links => links.map(a => a.href)")

    hrefs = _in_browser(chromium, work)
    assert any(urlsplit(h).path.endswith("/" + SEARCH_PAGE) for h in hrefs), hrefs


QUERIES = ROOT / "tests" / "search-queries.yml"
FIRST_GOAL, TOP3_GOAL = 0.85, 0.95
# The top results of the query typed last: Material searches when a key is released (once
# per query here, see below), then writes "N matching documents" or "No matching
# documents" above the results it shows.
_SETTLED_RESULTS = """async () => {
  const meta = document.querySelector(".md-search-result__meta");
  const items = () => document.querySelectorAll(".md-search-result__item");
  const shown = () => /matching/i.test(meta.textContent) && (items().length > 0 || /^\\s*No /i.test(meta.textContent));
  for (let i = 0; i < 600 && !shown(); i++) await new Promise(done => requestAnimationFrame(done));
  return [...items()].slice(0, 3).map(item => item.querySelector("a").href);
}"""


async def _search(page: Any, box: Any, query: str) -> list[str]:
    """The first three results of `query`, searched once: the box emptied with a key first,
    so that no result of the query before remains; then all but the last letter at once,
    and the last key typed: Material searches when a key is released, so it searches for
    the whole query only (typed letter by letter, an early "matching" of its first letters
    could be read as its result)."""
    await box.fill("")
    await box.press("Backspace")
    await page.wait_for_function("() => !document.querySelector('.md-search-result__item')")
    await box.fill(query[:-1])
    await box.press_sequentially(query[-1])
    return await page.evaluate(_SETTLED_RESULTS)


def load_queries(path: Path = QUERIES) -> list[dict[str, str]]:
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(entries, list) and entries, f"{path.relative_to(ROOT)} lists no queries"
    for n, entry in enumerate(entries, start=1):
        assert isinstance(entry, dict) and set(entry) == {"query", "page", "who"}, \
            f"{path.relative_to(ROOT)}: entry {n} needs query, page and who, and nothing else: {entry!r}"
        assert entry["who"] in ("patient", "parent", "clinician"), f"entry {n}: who is {entry['who']!r}"
    return entries


def test_the_query_set_names_real_pages(real_site: BuildResult) -> None:
    queries = load_queries()
    assert len(queries) >= 60
    missing = [q for q in queries if not (real_site.site_dir / q["page"] / "index.html").is_file()]
    assert not missing, missing


def test_readers_words_find_the_right_page_first(chromium: Browser) -> None:
    queries = load_queries()

    async def work(page: Any, base: str) -> list[list[str]]:
        await page.goto(base)
        box = page.locator("input.md-search__input")
        await box.click()
        await page.wait_for_function("() => !/Initializing/i.test("
                                     "document.querySelector('.md-search-result__meta').textContent)")
        found = []
        for entry in queries:
            hrefs = await _search(page, box, entry["query"])
            found.append([urlsplit(h).path.removeprefix(urlsplit(base).path) for h in hrefs])
        return found

    results = _in_browser(chromium, work)
    first = [q for q, got in zip(queries, results, strict=True) if got[:1] == [q["page"]]]
    top3 = [q for q, got in zip(queries, results, strict=True) if q["page"] in got[:3]]
    misses = "\n".join(f"  {q['query']!r} ({q['who']}): wanted {q['page']}, got {', '.join(got) or 'nothing'}"
                       for q, got in zip(queries, results, strict=True) if got[:1] != [q["page"]])
    summary = (f"{len(first)} of {len(queries)} queries found their page first, {len(top3)} in the first three; "
               f"misses:\n{misses}")
    print(summary)
    assert len(first) >= FIRST_GOAL * len(queries) and len(top3) >= TOP3_GOAL * len(queries), summary


def test_the_alias_that_matched_is_shown_in_the_result(chromium: Browser) -> None:
    async def work(page: Any, base: str) -> tuple[str, str]:
        await page.goto(base)
        box = page.locator("input.md-search__input")
        await box.click()
        await page.wait_for_function("() => !/Initializing/i.test("
                                     "document.querySelector('.md-search-result__meta').textContent)")
        await _search(page, box, "CREST")
        first = page.locator(".md-search-result__item").first
        tags = first.locator(".md-tags")
        label = await tags.evaluate("el => getComputedStyle(el, '::before').content")
        return await first.locator("h1").inner_text(), await tags.inner_html(), label

    title, tags, label = _in_browser(chromium, work)
    assert title == "Systemic sclerosis"
    assert '<span class="md-tag "><mark>CREST</mark> syndrome</span>' in tags, tags
    assert label == '"Other terms:"'


def test_hovering_a_citation_number_shows_the_reference(chromium: Browser) -> None:
    async def work(page: Any, base: str) -> tuple[str, str]:
        await page.goto(base + CITED_PAGE)
        ref = page.locator("article a.footnote-ref").first
        target = (await ref.get_attribute("href") or "").lstrip("#")
        reference = await page.locator(f"li[id='{target}']").inner_text()
        await ref.hover()
        tooltip = page.locator(".md-tooltip2--active")
        await tooltip.wait_for()
        return reference, await tooltip.inner_text()

    reference, shown = _in_browser(chromium, work)
    first_words = reference.strip().split(".")[0]  # the authors
    assert first_words and first_words in shown, (reference, shown)
    assert "doi:" in shown.lower() or "pmid" in shown.lower(), shown


def test_a_real_tap_on_a_phone_shows_the_reference(chromium: Browser) -> None:
    """On a touch screen 390 px wide, a tap on a citation number (24 x 24 px at least) shows
    its reference in place: the page does not jump to the reference list."""
    async def work(page: Any, base: str) -> tuple[dict[str, Any], str, float, str]:
        await page.goto(base + CITED_PAGE)
        await page.wait_for_function(SETTLED)
        ref = page.locator("article a.footnote-ref").nth(3)
        await ref.evaluate("a => a.scrollIntoView({block: 'center'})")
        before = await page.evaluate("scrollY")
        facts = await ref.evaluate("a => { const box = a.getBoundingClientRect(); return {width: box.width,"
                                   " height: box.height, reference: document.getElementById("
                                   "decodeURIComponent(a.hash.slice(1))).textContent.trim().split('.')[0]}; }")
        await ref.tap()
        tooltip = page.locator(".md-tooltip2--active")
        await tooltip.wait_for()
        return facts, await tooltip.inner_text(), await page.evaluate("scrollY") - before, \
            await page.evaluate("location.hash")

    facts, shown, moved, address = _in_browser(chromium, work, viewport=PHONE, touch=True)
    assert facts["width"] >= 24 and facts["height"] >= 24, facts
    assert facts["reference"] and facts["reference"] in shown, (facts, shown)
    assert moved == 0 and address == "", (moved, address)


def test_hovering_an_abbreviation_shows_its_meaning(chromium: Browser) -> None:
    async def work(page: Any, base: str) -> tuple[str, str]:
        await page.goto(base + CITED_PAGE)
        abbr = page.locator("article abbr[title]").first
        meaning = await abbr.get_attribute("title") or ""
        await abbr.hover()
        tooltip = page.locator(".md-tooltip2--active")
        await tooltip.wait_for()
        return meaning, await tooltip.inner_text()

    meaning, shown = _in_browser(chromium, work)
    assert meaning and shown.strip() == meaning.strip()


def test_download_pdf_link_resolves_to_a_pdf(chromium: Browser) -> None:
    async def work(page: Any, base: str) -> tuple[str, int, str, bytes]:
        await page.goto(base + CITED_PAGE)
        link = page.get_by_role("link", name="Download PDF")
        href = await link.evaluate("a => a.href")
        response = await page.request.get(href)
        return href, response.status, response.headers.get("content-type", ""), await response.body()

    href, status, content_type, body = _in_browser(chromium, work)
    assert href.endswith(".pdf") and status == 200, (href, status)
    assert content_type == "application/pdf" and body.startswith(b"%PDF-"), (content_type, body[:8])


def test_a_diagram_on_a_phone_keeps_readable_words_and_scrolls_sideways(chromium: Browser) -> None:
    """On a phone the diagnostic pathway keeps its drawn width inside a frame that scrolls
    (hooks/diagram_layout.py), the page itself does not scroll sideways, and the frame
    passes axe-core (it can take the keyboard focus and has a name)."""
    async def work(page: Any, base: str) -> tuple[list[int], list[str]]:
        await page.goto(base + "diagnosis/diagnostic-pathway/")
        await page.wait_for_function(SETTLED)
        widths = await page.evaluate("() => { const f = document.querySelector('article .diagram');"
                                     " return [f.scrollWidth, f.clientWidth, document.documentElement.scrollWidth,"
                                     " window.innerWidth]; }")
        found = [v["id"] for v in await page.evaluate(_AXE_RUN) if v["impact"] in BLOCKING]
        return widths, found

    (drawn, frame, page_width, window), violations = _in_browser(
        chromium, work, viewport=(390, 844), script=AXE.read_text(encoding="utf-8"))
    assert drawn >= 600 and frame < drawn, (drawn, frame)
    assert page_width == window, (page_width, window)
    assert violations == []
