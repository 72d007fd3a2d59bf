"""Put the figures drawn from front matter in their pages (hooks/core/figures.py draws them).

Why: the evidence map (`<!-- generate: evidence-map -->`, on the treatment overview), the
body map of every type or condition page with `sites` (at the end of its Clinical
features section) and the patient guide's body map (`<!-- generate: where-it-appears -->`)
are generated, so that they always show what front matter says. `on_page_markdown`
(priority 50, with the other generators) leaves each figure's place and tells the
citations hook (10) which keys the figure cites; hooks/places.py (priority -45) puts
the figures in their places once the search plugin (0) has indexed the page, so that
the search index holds no drawing, and before the citations hook (-50) numbers the
citations, so that the figures' citations are numbered with the page's. The content
policy's check of the finished page (-60) then reads the figures too.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from core import abbreviations, body_sites, citations, figures, state
from core.body_sites import BodySite
from core.graph import graph_for
from core.overview import Links
from core.pages import page_id


def _sites(pid: str) -> list[BodySite]:
    page = state.current().site.pages.get(pid)
    return [] if page is None else state.current().shared(f"sites:{pid}", lambda: body_sites.page_sites(page))


@event_priority(50)
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    uri, pid = page.file.src_uri, page_id(page.file.src_uri)
    source = state.current().site.pages.get(pid)
    if source is None or source.src_uri != uri:
        return markdown
    markdown, names = figures.expand(markdown)
    own = _sites(pid) if source.kind in body_sites.OWNERS else []
    if not names and not own:
        return markdown
    graph = graph_for(state.current().site, state.current().project)
    meanings = state.current().shared("abbreviations", lambda: abbreviations.load(state.current().project)).meanings
    links = Links(href=lambda target: state.current().href(uri, target),
                  mark_up=lambda text: abbreviations.wrap(text, meanings), cite=citations.cite_mark)
    made: dict[str, str] = {}
    keys: list[str] = []
    for name in dict.fromkeys(names):
        if name == figures.EVIDENCE_MAP:
            made[figures.place(name)] = figures.evidence_map(graph, links)
        else:
            topics = graph.targets(pid, "topics")
            made[figures.place(name)] = figures.where_it_appears(graph, links, topics, _sites)
            keys += [site.key for other in topics for site in _sites(other)]
    if own:
        markdown = figures.place_in_section(markdown)
        made[figures.place(figures.BODY_MAP)] = figures.page_body_map(graph.title(pid), source.kind or "",
                                                                      own, citations.cite_mark)
        keys += [site.key for site in own]
    for place, block in made.items():
        state.current().place_after_indexing(uri, place, block)
    if keys:
        generated = state.current().generated_citations.setdefault(uri, [])
        generated += [key for key in dict.fromkeys(keys) if key not in generated]
    return markdown
