"""Strict builds of small sites: a broken link or anchor fails and names the file; the configured
block extensions (tabs, collapsible notes) pass every check."""

from __future__ import annotations

from pathlib import Path

from sitebuild import build, make_site

FRONT = "---\ntitle: {t}\ndescription: A test page.\nkind: about\nreviewed: 2026-01-01\n---\n\n"


def test_broken_page_link_fails_the_build(tmp_path: Path) -> None:
    config = make_site(tmp_path, {
        "index.md": FRONT.format(t="Home") + "# Home\n\nSee [the missing page](missing.md).\n",
    })
    result = build(config, tmp_path / "site")
    assert not result.ok
    assert "Aborted with" in result.error and "in strict mode" in result.error
    assert any("index.md" in w and "missing.md" in w for w in result.warnings()), result.output


def test_broken_anchor_fails_the_build(tmp_path: Path) -> None:
    config = make_site(tmp_path, {
        "index.md": FRONT.format(t="Home") + "# Home\n\nSee [a section](other.md#no-such-section).\n",
        "other.md": FRONT.format(t="Other") + "# Other\n\n## A real section\n\nText.\n",
    })
    result = build(config, tmp_path / "site")
    assert not result.ok
    assert any("index.md" in w and "#no-such-section" in w for w in result.warnings()), result.output


def test_tabs_and_collapsible_blocks_build(tmp_path: Path) -> None:
    config = make_site(tmp_path, {
        "index.md": FRONT.format(t="Home") + '# Home\n\n=== "Adults"\n\n    First tab.\n\n'
                    '=== "Children"\n\n    Second tab.\n\n??? note "More"\n\n    Hidden text.\n',
    }, bib={"refs.bib": ""})
    result = build(config, tmp_path / "site")
    assert result.ok, result.output
    html = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    assert 'class="tabbed-set tabbed-alternate"' in html and "Second tab." in html
    assert "<details" in html and "Hidden text." in html
