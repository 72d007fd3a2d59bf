"""Every table in a named, focusable frame that scrolls sideways (hooks/core/tables.py)."""

from __future__ import annotations

from core.html_policy import findings
from core.tables import framed_tables

TABLE = "<table>\n<thead>\n<tr><th>A</th></tr>\n</thead>\n<tbody>\n<tr><td>1</td></tr>\n</tbody>\n</table>"


def test_a_table_is_framed_and_named_after_its_heading() -> None:
    page = ('<h2 id="evidence">Evidence <!--cite: a1--><a class="headerlink" href="#evidence" '
            f'title="Permanent link">&para;</a></h2>\n<p>Text.</p>\n{TABLE}\n<p>After.</p>')
    assert framed_tables(page) == (
        page.split("<table>")[0]
        + f'<div class="table-frame" role="region" tabindex="0" aria-label="Table: Evidence">{TABLE}</div>'
        + "\n<p>After.</p>")


def test_tables_under_one_heading_are_told_apart_and_a_nested_table_is_not_framed_again() -> None:
    nested = "<table><tr><td><table><tr><td>in</td></tr></table></td></tr></table>"
    page = f"<h3>Doses &amp; &quot;levels&quot;</h3>{TABLE}{nested}<h3>Other</h3>{TABLE}"
    out = framed_tables(page)
    assert out.count('<div class="table-frame"') == 3
    assert 'aria-label="Table: Doses &amp; &quot;levels&quot;">' in out
    assert 'aria-label="Table: Doses &amp; &quot;levels&quot; (2)"><table><tr><td><table>' in out
    assert '</table></td></tr></table></div><h3>Other</h3><div class="table-frame" role="region" tabindex="0" ' \
           'aria-label="Table: Other">' in out


def test_a_table_before_any_heading_and_a_page_without_tables() -> None:
    assert framed_tables(TABLE) == f'<div class="table-frame" role="region" tabindex="0" aria-label="Table">{TABLE}</div>'
    assert framed_tables("<p>No table.</p>") == "<p>No table.</p>"
    assert framed_tables("<p>An unclosed <table><tr><td>x") == "<p>An unclosed <table><tr><td>x"


def test_the_frame_passes_the_page_allowlist() -> None:
    assert findings(framed_tables(f"<h2>T</h2>{TABLE}")) == []
