"""The registry of problem codes: every kind of contributor message, by its stable code.

Why: a message's wording may be improved, but its code (shown at the end of the line, in
square brackets, like mypy's error codes) stays, so a contributor, a search in
CONTRIBUTING.md ("What each message means", one row per code) or a script can recognise
a message whatever its values. A code is `family.name`: the family is the concern (one
module, or one tool) and the name the kind of message, never one instance of it.
`core.problems.Problem` refuses a code that is not declared here; tests/test_problem_codes.py
checks that every code has its row in CONTRIBUTING.md and is used by the code.

Codes are stable: renaming or removing one is a breaking change, noted in CHANGELOG.md.
"""

from __future__ import annotations

CODES: dict[str, str] = {
    # ── Page files (core/pages.py) ──────────────────────────────────────────────────
    "page.not-utf8": "A page is not valid UTF-8.",
    "page.empty": "A page has front matter but no content.",
    "page.duplicate-id": "Two pages have the same file name (their page id) in different folders.",
    "page.too-deep": "Lists, block quotes or brackets are nested deeper than the converter can read.",
    "page.control-character": "A page contains an invisible control character.",
    # ── Front matter (core/frontmatter.py, core/metadata.py) ────────────────────────
    "frontmatter.missing": "A page does not start with a front-matter block.",
    "frontmatter.invalid-yaml": "The front matter is not valid YAML.",
    "frontmatter.not-mapping": "The front matter is not a mapping of 'key: value' lines.",
    "frontmatter.yaml-alias": "The front matter uses a YAML anchor or alias.",
    "frontmatter.yaml-merge-key": "The front matter uses a YAML merge key ('<<').",
    "frontmatter.complex-key": "A front-matter key is not plain text.",
    "frontmatter.too-deep": "The front matter is nested too deep.",
    "frontmatter.missing-key": "A required front-matter key is absent.",
    "frontmatter.unknown-key": "A front-matter key is misspelt or not part of the schema.",
    "frontmatter.wrong-kind-key": "A key written on a page of a kind that does not have it.",
    "frontmatter.unknown-kind": "'kind' is not one of the page kinds.",
    "frontmatter.not-text": "A text value ('title', a therapy's 'name' or 'caution') is empty or not text.",
    "frontmatter.description": "The description is not one sentence of at most 160 characters.",
    "frontmatter.bad-date": "'reviewed' is not a real date written YYYY-MM-DD.",
    "frontmatter.future-date": "'reviewed' is a date in the future.",
    "frontmatter.hide": "'hide' is not a list of the parts of the page that may be hidden.",
    # ── Relations between pages (core/metadata.py) ──────────────────────────────────
    "relations.not-a-list": "A relation is not a list of page ids.",
    "relations.empty": "A required relation names no page.",
    "relations.duplicate": "A relation names the same page twice.",
    "relations.self": "A relation names the page itself.",
    "relations.unknown-id": "A relation names a page id that no page has.",
    "relations.wrong-kind": "A relation names a page of a kind it does not take.",
    # ── Therapies and their studies (core/metadata.py) ──────────────────────────────
    "therapies.not-a-list": "'therapies' is not a list of one or more therapies.",
    "therapies.not-a-mapping": "A therapy is not a mapping of keys.",
    "therapies.missing-key": "A therapy lacks a required key.",
    "therapies.unknown-key": "A therapy has a key that is not part of the schema.",
    "therapies.evidence": "A therapy's 'evidence' is not a level of the evidence scale.",
    "therapies.direction": "A therapy's 'direction' is not for, against or uncertain.",
    "therapies.studies-not-a-list": "A therapy's 'studies' is not a list of one or more studies.",
    "therapies.study-not-a-mapping": "A study is not a mapping of key, design, patients and response.",
    "therapies.study-missing-key": "A study lacks a required key.",
    "therapies.study-unknown-key": "A study has a key that is not part of the schema.",
    "therapies.study-key": "A study's 'key' is not a citation key.",
    "therapies.study-twice": "A therapy lists the same study twice.",
    "therapies.study-design": "A study's 'design' is not one of the designs.",
    "therapies.study-patients": "A study's 'patients' is not a whole number above 0.",
    "therapies.study-response": "A study's 'response' is not text.",
    "therapies.study-response-too-long": "A study's 'response' is longer than 80 characters.",
    # ── Typical body sites (core/body_sites.py) ─────────────────────────────────────
    "sites.not-a-list": "'sites' is not a list of body regions, each with its source.",
    "sites.not-a-mapping": "A site is not a mapping of region and key.",
    "sites.missing-key": "A site lacks 'region' or 'key'.",
    "sites.unknown-key": "A site has a key other than region, key and note.",
    "sites.unknown-region": "A site names a region that is not in the list of regions.",
    "sites.key": "A site's 'key' is not a citation key.",
    "sites.uncited-source": "A site names a source that the page's text does not cite.",
    "sites.note": "A site's 'note' is not text of at most a few words.",
    "sites.duplicate": "The same region is listed twice with the same source.",
    # ── Search aliases (core/search_terms.py) ───────────────────────────────────────
    "aliases.not-a-list": "'aliases' is not a list of names.",
    "aliases.too-many": "'aliases' lists more names than allowed.",
    "aliases.not-text": "An alias is not text.",
    "aliases.too-long": "An alias is longer than a name.",
    "aliases.characters": "An alias holds characters a name does not.",
    "aliases.repeats-title": "An alias repeats the page's own title.",
    "aliases.duplicate": "An alias repeats another alias of the page.",
    "aliases.other-title": "An alias is the title of another page.",
    "aliases.other-page": "An alias is also an alias of another page.",
    # ── Page shapes and template leftovers (core/page_shape.py) ─────────────────────
    "shape.missing-section": "A section of the page's template is absent.",
    "shape.empty-section": "A required section has no text.",
    "shape.heading-level": "A required section is not a '##' heading.",
    "shape.placeholder-description": "'description' is still the placeholder of make new-page.",
    "shape.template-example": "A value is still the example from the template.",
    "shape.template-comment": "A guidance comment of the template is left in the page.",
    # ── Links, the nav and orphans (core/crossrefs.py, MkDocs' link warnings) ───────
    "links.missing-page": "A link points to no page.",
    "links.missing-anchor": "A link names a section that the target page does not have.",
    "links.implicit-anchor": "A link targets a heading that has no explicit id.",
    "links.missing-file": "A link points to no file of the site (MkDocs' warning, rewritten).",
    "links.not-in-nav": "A page is not in the nav.",
    "links.orphan": "No other page links to the page.",
    # ── Generated content (core/overview.py) ────────────────────────────────────────
    "generate.unknown-marker": "A '<!-- generate: ... -->' marker names no generator.",
    # ── Footnotes (MkDocs' warning, rewritten) ──────────────────────────────────────
    "footnote.unreferenced": "A footnote is defined but never referenced.",
    # ── Citations (core/citations.py, hooks/citations.py) ───────────────────────────
    "citation.unknown-key": "A citation names a key that is not in the bibliography.",
    "citation.malformed": "A citation is not '[@key]' or '[@key1; @key2]'.",
    "citation.key-characters": "A cited key has characters the key convention forbids.",
    "citation.prefix": "A citation has text before the key, which the numeric style cannot show.",
    "citation.locator": "A citation has a locator, which the numeric style cannot show.",
    "citation.bare-key": "'@key' written without brackets, which is not a citation.",
    "citation.misplaced": "A citation stands where it cannot be shown (in a link, an image or attributes).",
    "citation.uncited-section": "A section with prose on a clinical page cites nothing.",
    "citation.references-heading": "A page has its own 'References' heading, which is generated.",
    "citation.unused-reference": "A bibliography entry is not cited on any page.",
    "citation.unknown-generated-key": "Generated content cites a key that is not in the bibliography (build only).",
    # ── BibTeX entries (core/bibliography.py) ───────────────────────────────────────
    "bibtex.syntax": "An entry could not be read (a syntax error).",
    "bibtex.duplicate-key": "Two entries have the same key.",
    "bibtex.duplicate-field": "A field is written twice in one entry.",
    "bibtex.stray-text": "Text stands outside any entry.",
    "bibtex.not-utf8": "A .bib file is not valid UTF-8.",
    "bibtex.key-convention": "A key does not follow the convention authorYEARword.",
    "bibtex.key-author": "A key does not start with the first author's family name.",
    "bibtex.key-year": "A key does not carry the entry's year.",
    "bibtex.parentheses": "An entry is written with parentheses instead of braces.",
    "bibtex.unsupported-type": "The entry type is not one the bibliography supports.",
    "bibtex.missing-field": "A required field of the entry's type is absent.",
    "bibtex.field-format": "A field (doi, pmid, pmcid, isbn, year, url, urldate) has the wrong format.",
    "bibtex.markup": "A field contains HTML markup or script text.",
    "bibtex.linking-field": "A field (crossref, xref, xdata, related, set) reads another entry into this one.",
    "bibtex.percent": "A field contains an unescaped '%', which starts a LaTeX comment.",
    "bibtex.latex-command": "A field uses a LaTeX command the formatter cannot print.",
    "bibtex.missing-comma": "A field runs into the next one: the ',' after its value is missing.",
    "bibtex.duplicate-work": "Two entries have the same DOI or PMID.",
    "bibtex.and-others": "An author list ends in 'and others' without saying why it is incomplete.",
    "bibtex.incomplete-authors-stale": "An entry says its author list is incomplete, but the list is complete.",
    # ── Formatted references (core/reference_format.py) ─────────────────────────────
    "references.pandoc-failed": "pandoc could not format the bibliography (build only).",
    "references.not-formatted": "pandoc did not format one reference (build only).",
    "references.markup": "A formatted reference contains markup or a URL the allowlist refuses.",
    # ── Plain language (core/readability.py) ────────────────────────────────────────
    "readability.grade": "A patient page reads above grade 8.",
    # ── Abbreviations (core/abbreviations.py) ───────────────────────────────────────
    "abbreviations.undefined": "An abbreviation on a page is not defined.",
    "abbreviations.not-a-definition": "A line of the abbreviation snippet is not a definition.",
    "abbreviations.no-meaning": "An abbreviation is defined without a meaning.",
    "abbreviations.defined-twice": "An abbreviation is defined twice.",
    "abbreviations.snippet-missing": "The abbreviation snippet is missing.",
    # ── Content policy (core/content_policy.py) ─────────────────────────────────────
    "policy.element": "A raw HTML element that is never allowed (script, frame, embed, style, form...).",
    "policy.not-allowlisted": "A raw HTML element that is not on the allowlist.",
    "policy.event-handler": "An inline event handler attribute ('onclick'...).",
    "policy.style-attribute": "A 'style' attribute.",
    "policy.script-url": "A link or image to a URL that runs code ('javascript:'...).",
    "policy.data-url": "A link or image to a 'data:' URL.",
    "policy.url-scheme": "A link to a URL scheme other than https, mailto and tel.",
    "policy.http": "An external link or image that uses http, not https.",
    "policy.image-alt": "An image has no alt text.",
    "policy.remote-image": "An image is loaded from another site.",
    "policy.missing-image": "An image file does not exist.",
    "policy.front-matter-markup": "A front-matter value contains HTML markup.",
    "policy.front-matter-control-character": "A front-matter value contains a control character.",
    "policy.straight-quote": "The description contains a straight double quote.",
    "policy.not-a-link": "'<scheme:...>' that Markdown does not make a link, so it would vanish.",
    "policy.built-page": "The page as built contains something the allowlist refuses.",
    # ── Published files (core/published_files.py) ───────────────────────────────────
    "files.symlink": "A file or folder that would be published is a symbolic link.",
    "files.name": "A file name has a character that a link to it cannot carry.",
    "files.not-published": "A file of a type that may not reach the site.",
    "files.svg-content": "An SVG drawing contains a script, style, link, animation or embedded file.",
    "files.css-import": "A stylesheet imports another stylesheet.",
    "files.css-remote": "A stylesheet loads a file from another host.",
    "files.same-url": "Two files would be published at the same address.",
    "files.not-utf8": "A stylesheet or drawing is not UTF-8 text.",
    # ── Snippets (core/snippets.py) ─────────────────────────────────────────────────
    "snippets.missing": "A snippet does not exist in the snippet folders.",
    "snippets.folder": "A snippet names a folder.",
    "snippets.symlink": "A snippet is a symbolic link.",
    "snippets.web-address": "A snippet is a web address.",
    "snippets.not-utf8": "A snippet file is not UTF-8 text.",
    # ── mkdocs.yml (core/site_config.py, hooks/csl_style.py) ────────────────────────
    "config.duplicate-key": "mkdocs.yml writes one key twice in a mapping (YAML keeps the last silently).",
    "config.unreadable": "mkdocs.yml cannot be read.",
    "config.invalid-yaml": "mkdocs.yml is not valid YAML.",
    "config.yaml-tag": "mkdocs.yml uses a YAML tag.",
    "config.python-name": "mkdocs.yml names Python code.",
    "config.inherit": "mkdocs.yml inherits another file's settings (INHERIT).",
    "config.outside-folder": "A setting names a folder outside the repository.",
    "config.markup": "A setting printed into every page (nav title, copyright, extra) contains HTML markup.",
    "config.nav-link": "A nav link is not a page or an https:// address.",
    "config.nav-missing-page": "A nav entry names a page that does not exist.",
    "config.extra-url": "A value of 'extra' is an address of a scheme that is not allowed.",
    "config.analytics": "'extra.analytics' would send readers' visits to another host.",
    "config.remote-asset": "A stylesheet, script, favicon or logo is loaded from another host.",
    "config.not-https": "'repo_url' or 'edit_uri' is not an https:// address.",
    "config.google-fonts": "'theme.font' makes every page load fonts from Google Fonts.",
    "config.theme-language": "'theme.language' is not a language of the theme.",
    "config.theme-icon": "'theme.icon.X' names no icon of the theme.",
    "config.csl-style": "The citation style is neither a .csl file nor a known style.",
    # ── Diagrams (core/diagrams.py, tools/diagrams.py) ──────────────────────────────
    "diagrams.missing-image": "A diagram has no print image.",
    "diagrams.stale-image": "A diagram changed after its print image was drawn.",
    "diagrams.invalid": "A diagram is not valid Mermaid (make diagrams).",
    # ── PDF handouts (core/handouts.py, hooks/pdf_handouts.py) ──────────────────────
    "pdf.remote": "A PDF handout cannot load a file from another host.",
    "pdf.outside-site": "A PDF handout cannot load a file outside the site.",
    "pdf.unreadable": "A PDF handout cannot load a file of the site.",
    "pdf.paper": "PDF_PAPER is not a paper size the PDFs support.",
    # ── The project's settings, extra: calcinosis: (core/settings.py) ───────────────
    "settings.not-mapping": "'extra.calcinosis' is not a mapping of settings.",
    "settings.unknown": "A key under 'extra.calcinosis' is not a setting.",
    "settings.wrong-type": "A setting has a value of the wrong kind (true/false, or text).",
    "settings.paper": "The paper setting is not a paper size the PDFs support.",
    "settings.bibliography": "The bibliography folder does not exist.",
    "settings.csl-style": "The citation style is neither a style name nor a .csl file of the repository.",
    # ── make verify: the built site (core/verify.py) ────────────────────────────────
    "verify.no-site": "The site folder does not exist: nothing was built.",
    "verify.not-utf8": "A built HTML, SVG or CSS file is not UTF-8 text.",
    "verify.unreadable": "A built file cannot be read.",
    "verify.missing-page": "A page of docs/ has no HTML file in the site.",
    "verify.raw-citation": "A citation '[@key]' reached the page as typed instead of as a numbered reference.",
    "verify.generate-marker": "A '<!-- generate: NAME -->' place reached the page unfilled.",
    "verify.no-review-line": "A page lacks its 'Last reviewed' line under the title.",
    "verify.review-date": "The 'Last reviewed' line shows another date than the page's 'reviewed:'.",
    "verify.no-references": "A clinical page lacks its reference list.",
    "verify.other-host": "A page or stylesheet fetches a file from another host.",
    "verify.data-url": "A page or stylesheet fetches a data: URL that is neither an image nor a font.",
    "verify.url-scheme": "A page or stylesheet fetches a URL of a scheme other than the site's own files or data:.",
    "verify.missing-file": "A page or stylesheet fetches a file of the site that is not there.",
    # ── The build itself (hooks/source_files.py, hooks/search_index.py) ─────────────
    "build.dirty": "A --dirty build, which would publish stale links.",
    "build.search-index": "The search index of the built site cannot be extended.",
    # ── Set-up (tools/preflight.py, tools/diagrams.py) ──────────────────────────────
    "setup.missing-packages": "Debian packages (or their programs) that the make target needs are missing.",
    "setup.install-failed": "The missing Debian packages could not be installed with apt-get.",
    "setup.package-list": "The package list .ci/debian-packages.txt cannot be read, or a line of it is wrong.",
    "setup.unknown-target": "tools/preflight.py was given no target, or an unknown one.",
    "setup.chromium-missing": "make diagrams cannot find Chromium.",
    "setup.node-modules-missing": "make diagrams cannot find node_modules/mermaid.",
    # ── make new-page (tools/new_page.py) ───────────────────────────────────────────
    "new-page.missing-argument": "KIND, ID or TITLE is missing.",
    "new-page.unknown-kind": "The page kind is not one of the kinds.",
    "new-page.overview-section": "An overview page needs SECTION=.",
    "new-page.section": "SECTION= given for a page that is not an overview.",
    "new-page.bad-id": "The page id is not lowercase letters, digits and single hyphens.",
    "new-page.id-exists": "A page with that id exists already.",
    "new-page.in-nav": "The new page's file is already in the nav.",
    "new-page.nav-markers": "mkdocs.yml lacks the nav markers of the section.",
}


def tag(message: str, code: str) -> str:
    """`message` with its code in square brackets at the end; an undeclared code is a bug."""
    if code not in CODES:
        raise ValueError(f"undeclared problem code {code!r}: declare it in hooks/core/codes.py")
    return f"{message} [{code}]"
