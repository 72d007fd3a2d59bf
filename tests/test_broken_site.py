"""A site with a broken link or anchor fails the strict build and names the file."""

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
