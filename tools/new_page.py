"""`make new-page KIND=condition ID=some-id TITLE="..."`: start a page from its kind's template.

Why: a first-time contributor should not have to know where a page of each kind lives,
which front-matter keys it needs or how the nav in mkdocs.yml is laid out. This tool
copies `templates/<kind>.md` (kept outside docs/, so templates are never published) to
the kind's folder under docs/, sets the title, the heading and today's review date, and
adds the page at the end of its nav section, between the section's `# >>> name` and
`# <<< name` markers. mkdocs.yml is edited as text, so its comments and layout stay as
they are. The new page fails `make check` and the strict build until it has been
written: its placeholder description, its example relations and therapies (marked
`# example`) and each `<!-- ... -->` guidance comment are reported with their line
(hooks/core/page_shape.py), so a half-written page cannot be published by accident.

Every refusal is one line, `make new-page: <what>. Fix: <how>. [new-page.<name>]`, and nothing is
written.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "hooks"))

from core.codes import tag  # noqa: E402
from core.metadata import KINDS  # noqa: E402
from core.page_shape import PLACEHOLDER_DESCRIPTION  # noqa: E402
from core.pages import page_id  # noqa: E402

# Nav sections (their marker names in mkdocs.yml) and the folder under docs/ each holds.
SECTIONS: dict[str, str] = {
    "types": "types",
    "conditions": "conditions",
    "diagnosis": "diagnosis",
    "treatment": "treatment",
    "patients": "patients",
    "about": "about",
}
# The section a page of each kind goes to. An overview page sums up one section, so its
# section is chosen with SECTION=.
KIND_SECTIONS: dict[str, str | None] = {
    "type": "types",
    "condition": "conditions",
    "diagnosis": "diagnosis",
    "differential": "diagnosis",
    "treatment": "treatment",
    "patient": "patients",
    "about": "about",
    "overview": None,
}
OVERVIEW_SECTIONS = ("types", "conditions", "diagnosis", "treatment")
# Heading of a top-level nav section that has no pages yet.
SECTION_TITLES = {"types": "Types", "conditions": "Conditions", "diagnosis": "Diagnosis",
                  "treatment": "Treatment", "patients": "For patients"}
ID_PATTERN = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
USAGE = 'make new-page KIND=condition ID=some-id TITLE="Some title"'


class Refused(Exception):
    """A request the tool will not carry out; str() is the one-line message."""

    def __init__(self, what: str, fix: str, *, code: str) -> None:
        self.code = code
        super().__init__(tag(f"make new-page: {what}. Fix: {fix.rstrip('.')}.", code))


@dataclass
class NewPage:
    path: Path  # the file written
    src_uri: str  # relative to docs/, as named in the nav
    section: str


def section_for(kind: str, section: str = "") -> str:
    """The nav section (and docs/ folder) of a new page of `kind`."""
    if kind not in KINDS:
        raise Refused(f"unknown page kind '{kind}'",
                      f"use one of {', '.join(KINDS)} (see 'Page kinds' in CONTRIBUTING.md)",
                      code="new-page.unknown-kind")
    default = KIND_SECTIONS[kind]
    if kind == "overview":
        if section not in OVERVIEW_SECTIONS:
            got = f" (got SECTION={section})" if section else ""
            raise Refused(f"an overview page needs SECTION= to say which section it sums up{got}",
                          f"add SECTION= with one of {', '.join(OVERVIEW_SECTIONS)}, e.g. "
                          f'make new-page KIND=overview SECTION=treatment ID=some-id TITLE="Some title"',
                          code="new-page.overview-section")
        return section
    if section and section != default:
        raise Refused(f"a {kind} page belongs in the '{default}' section (got SECTION={section})",
                      "leave SECTION= out; it only chooses the section of an overview page",
                      code="new-page.section")
    return default  # type: ignore[return-value]


def existing_ids(docs_dir: Path) -> dict[str, Path]:
    """Every page id under docs/ and its file (ids are file names; see core.pages)."""
    found: dict[str, Path] = {}
    for full in sorted(docs_dir.rglob("*.md")):
        found.setdefault(page_id(full.relative_to(docs_dir).as_posix()), full)
    return found


def check_id(new_id: str, docs_dir: Path, root: Path) -> None:
    if not new_id:
        raise Refused("ID is missing", f"give the page id, the file name without '.md': {USAGE}",
                      code="new-page.missing-argument")
    if not ID_PATTERN.fullmatch(new_id) or new_id == "index":
        raise Refused(f"page id '{new_id}' is not lowercase letters, digits and single hyphens",
                      "use the page's name in lowercase with hyphens between words, e.g. 'calcinosis-in-children'",
                      code="new-page.bad-id")
    other = existing_ids(docs_dir).get(new_id)
    if other is not None:
        raise Refused(f"page id '{new_id}' already exists: {other.relative_to(root).as_posix()}",
                      "choose another ID or edit that page",
                      code="new-page.id-exists")


def check_title(title: str) -> str:
    title = " ".join(title.split())
    if not title:
        raise Refused("TITLE is missing", f"give the page title in quotes: {USAGE}",
                      code="new-page.missing-argument")
    return title


def yaml_text(value: str) -> str:
    """A YAML scalar for `value`: plain when that reads back as the same text, else quoted."""
    plain = re.fullmatch(r"[A-Za-z0-9(][^:#\"'\[\]{}]*", value) and not value.endswith(" ")
    return value if plain and value.lower() not in ("yes", "no", "true", "false", "null", "on", "off") \
        else json.dumps(value, ensure_ascii=False)


def page_text(template: str, title: str, today: dt.date, description: str = "") -> str:
    """The template with the new title, heading, description and review date."""
    end = template.index("\n---", 3)
    front, body = template[:end], template[end:]
    front = re.sub(r"(?m)^title:.*$", lambda _: f"title: {yaml_text(title)}", front, count=1)
    front = re.sub(r"(?m)^description:.*$",
                   lambda _: f"description: {yaml_text(description or PLACEHOLDER_DESCRIPTION)}", front, count=1)
    front = re.sub(r"(?m)^reviewed:.*$", f"reviewed: {today.isoformat()}", front, count=1)
    body = re.sub(r"(?m)^# .*$", lambda _: f"# {title}", body, count=1)
    return front + body


def add_to_nav(config: str, section: str, src_uri: str) -> str:
    """mkdocs.yml's text with `src_uri` added at the end of the nav section `section`.

    The entry takes the indentation of the section's last page; a section without pages
    gets its heading first.
    """
    lines = config.split("\n")
    start = next((i for i, ln in enumerate(lines) if ln.strip() == f"# >>> {section}"), None)
    end = next((i for i, ln in enumerate(lines) if ln.strip() == f"# <<< {section}"), None)
    if start is None or end is None or end < start:
        raise Refused(f"mkdocs.yml has no nav markers '# >>> {section}' and '# <<< {section}'",
                      "restore the two marker comments around the section in the nav of mkdocs.yml",
                      code="new-page.nav-markers")
    block = lines[start + 1:end]
    if any(re.search(rf"(?:^|[\s:]){re.escape(src_uri)}\s*$", ln) for ln in block):
        raise Refused(f"{src_uri} is already in the nav", "delete that nav entry, or choose another ID",
                      code="new-page.in-nav")
    entries = [ln for ln in block if re.match(r"\s*- (?:[^:#]+:\s*)?\S+\.md\s*$", ln)]
    if entries:
        indent = entries[-1][: len(entries[-1]) - len(entries[-1].lstrip())]
        new = [f"{indent}- {src_uri}"]
    else:
        indent = lines[start][: len(lines[start]) - len(lines[start].lstrip())]
        new = [f"{indent}- {SECTION_TITLES.get(section, section.title())}:", f"{indent}    - {src_uri}"]
    return "\n".join([*lines[:end], *new, *lines[end:]])


def create(root: Path, kind: str, new_id: str, title: str, section: str = "",
           description: str = "", today: dt.date | None = None) -> NewPage:
    """Write the page and its nav entry, or raise `Refused` having written nothing."""
    section = section_for(kind, section)
    docs_dir = root / "docs"
    check_id(new_id, docs_dir, root)
    title = check_title(title)
    description = " ".join(description.split())
    template = (root / "templates" / f"{kind}.md").read_text(encoding="utf-8")
    src_uri = f"{SECTIONS[section]}/{new_id}.md"
    config_file = root / "mkdocs.yml"
    config = add_to_nav(config_file.read_text(encoding="utf-8"), section, src_uri)
    path = docs_dir / src_uri
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(page_text(template, title, today or dt.date.today(), description), encoding="utf-8")
    config_file.write_text(config, encoding="utf-8")
    return NewPage(path, src_uri, section)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Start a page from templates/<kind>.md and add it to the nav.")
    parser.add_argument("--kind", default="")
    parser.add_argument("--id", default="")
    parser.add_argument("--title", default="")
    parser.add_argument("--section", default="")
    parser.add_argument("--description", default="")
    parser.add_argument("--root", default=str(ROOT), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    root = Path(args.root)
    try:
        if not args.kind:
            raise Refused("KIND is missing", f"say which kind of page: {USAGE}; kinds: {', '.join(KINDS)}",
                          code="new-page.missing-argument")
        page = create(root, args.kind, args.id, args.title, args.section, args.description)
    except Refused as refused:
        print(refused, file=sys.stderr)
        return 1
    rel = page.path.relative_to(root).as_posix()
    print(f"make new-page: created {rel} from templates/{args.kind}.md and added it to the "
          f"'{page.section}' section of the nav in mkdocs.yml.")
    print(f"Next: in {rel}, write the description and replace the lines marked '# example' in the "
          "front matter, replace each <!-- comment --> with cited text, then run 'make check' (it lists "
          "what is left to write) and 'make serve' (see CONTRIBUTING.md).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
