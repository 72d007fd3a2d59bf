"""`make screenshots`: PNGs of key pages at desktop and phone widths, light and dark, for review.

Why: a change to the theme, the stylesheet or a generated table can look wrong in a way
no test notices. These screenshots let a reviewer look at the site as readers see it
without serving it. The built site (`site/`, written by `make site`) is served on
127.0.0.1 and photographed by Debian's Chromium (tools/localbrowser.py); nothing is
fetched from another host. Output: `screenshots/<page>-<width>-<scheme>.png` (gitignored),
and for a page whose first wide table scrolls in its frame (hooks/table_layout.py),
`<page>-table-end-<width>-<scheme>.png`: that table scrolled to its last column.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from localbrowser import SETTLED, chromium_missing, is_local, launch, serve, site_prefix  # noqa: E402

PAGES = {
    "home": "",
    "classification": "types/classification/",
    "systemic-sclerosis": "conditions/systemic-sclerosis/",
    "differential-diagnosis": "diagnosis/differential-diagnosis/",
    "calciphylaxis": "types/calciphylaxis/",
    "diagnostic-pathway": "diagnosis/diagnostic-pathway/",
    "treatment-overview": "treatment/treatment-overview/",
    "patient-guide": "patients/what-is-calcinosis/",
}
SIZES = {"desktop": (1280, 900), "phone": (390, 844)}
SCHEMES = ("light", "dark")
# The first table frame that scrolls (its table is wider than the column), and the same
# scrolled to the table's last column (null when no table scrolls).
_WIDE_TABLE = ("() => [...document.querySelectorAll('article .table-frame')]"
               ".find(f => f.scrollWidth > f.clientWidth) || null")
_WIDE_TABLE_TO_END = """() => {
  const frame = (""" + _WIDE_TABLE + """)();
  if (!frame) return null;
  frame.scrollLeft = frame.scrollWidth;
  frame.scrollIntoView({block: "start"});
  return true;
}"""


def _settle(page: Any) -> None:
    """Wait until diagrams are drawn and no transition runs, twice: Material starts some
    transitions (the navigation tabs) a moment after load or a resize."""
    page.wait_for_function(SETTLED)
    page.wait_for_timeout(300)
    page.wait_for_function(SETTLED)


def take(site_dir: Path, out_dir: Path, pages: dict[str, str], full_page: bool = True) -> list[Path]:
    """Photograph every page at every size in every scheme; returns the files written."""
    from playwright.sync_api import sync_playwright

    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with sync_playwright() as pw, serve(site_dir, site_prefix(ROOT / "mkdocs.yml")) as base:
        browser = launch(pw)
        try:
            for size, (width, height) in SIZES.items():
                for scheme in SCHEMES:
                    context = browser.new_context(viewport={"width": width, "height": height},
                                                  color_scheme=scheme, device_scale_factor=1,
                                                  is_mobile=size == "phone", has_touch=size == "phone")
                    context.route("**/*", lambda route: route.continue_() if is_local(route.request.url)
                                  else route.abort())
                    page = context.new_page()
                    for name, rel in pages.items():
                        if not (site_dir / rel / "index.html").is_file():
                            print(f"make screenshots: skipped {name}: {rel or 'the home page'} is not in the site")
                            continue
                        page.set_viewport_size({"width": width, "height": height})
                        page.goto(base + rel, wait_until="load")
                        _settle(page)
                        if full_page:
                            # Grow the window to the whole page (Playwright's full_page
                            # capture would resize it mid-shot and catch the tabs fading in).
                            tall = page.evaluate("document.documentElement.scrollHeight")
                            page.set_viewport_size({"width": width, "height": tall})
                            _settle(page)
                        target = out_dir / f"{name}-{size}-{scheme}.png"
                        page.screenshot(path=str(target))
                        written.append(target)
                        if page.evaluate(_WIDE_TABLE_TO_END):
                            target = out_dir / f"{name}-table-end-{size}-{scheme}.png"
                            page.evaluate_handle(_WIDE_TABLE).as_element().screenshot(path=str(target))
                            written.append(target)
                    context.close()
        finally:
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="the built site (default: site/)")
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots", help="where to write the PNGs")
    parser.add_argument("--viewport-only", action="store_true", help="the first screen only, not the whole page")
    args = parser.parse_args(argv)
    missing = chromium_missing()
    if missing:
        print(f"make screenshots: {missing}", file=sys.stderr)
        return 1
    if not (args.site / "index.html").is_file():
        print(f"make screenshots: no built site in {args.site}. Fix: run `make site` first", file=sys.stderr)
        return 1
    written = take(args.site, args.out, PAGES, full_page=not args.viewport_only)
    print(f"make screenshots: {len(written)} PNG files in {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
