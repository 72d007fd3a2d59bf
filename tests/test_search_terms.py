"""Aliases and spelling variants in the search index (hooks/core/search_terms.py): the
`aliases:` schema with exact messages, the variants, and what reaches the index."""

from __future__ import annotations

import json

import pytest

from core import content_policy, search_terms
from core.pages import build_site

# Lines: 1 '---', 2 title, 3 description, 4 kind, 5 reviewed, 6 aliases.
PAGE = "---\ntitle: {title}\ndescription: A page.\nkind: about\nreviewed: 2026-01-01\n{aliases}---\n\n# {title}\n"


def problems(pages: dict[str, tuple[str, str]]) -> list[str]:
    """The alias problems of pages given as src_uri -> (title, `aliases:` line(s))."""
    site, _ = build_site([(uri, PAGE.format(title=title, aliases=aliases).encode())
                          for uri, (title, aliases) in pages.items()])
    return [str(p) for p in search_terms.check(site)]


def one(aliases: str, title: str = "Systemic sclerosis") -> list[str]:
    return problems({"a.md": (title, aliases)})


def test_valid_aliases_pass_and_reach_the_index_as_written() -> None:
    aliases = "aliases: [scleroderma, CREST syndrome, \"Raynaud's phenomenon\", Ehlers-Danlos syndrome, 1.25 (OH)2D]\n"
    assert one(aliases) == []
    site, _ = build_site([("a.md", PAGE.format(title="Systemic sclerosis", aliases=aliases).encode())])
    assert search_terms.aliases_by_page(site) == {
        "a.md": ["scleroderma", "CREST syndrome", "Raynaud's phenomenon", "Ehlers-Danlos syndrome", "1.25 (OH)2D"]}


@pytest.mark.parametrize(("aliases", "message"), [
    ("aliases: scleroderma\n",
     "docs/a.md:6: 'aliases' must be a list of names (got 'scleroderma'). Fix: write 'aliases: [other name, "
     "another name]' with the words readers use for the page's subject, or remove the key [aliases.not-a-list]"),
    ("aliases: []\n",
     "docs/a.md:6: 'aliases' must be a list of names (got []). Fix: write 'aliases: [other name, another name]' "
     "with the words readers use for the page's subject, or remove the key [aliases.not-a-list]"),
    ("aliases:\n  - scleroderma\n  - 3\n",
     "docs/a.md:8: alias 2 must be text (got 3). Fix: write the name as plain text, e.g. 'CREST syndrome' [aliases.not-text]"),
    ("aliases: [\"CREST {syndrome}\"]\n",
     "docs/a.md:6: alias 'CREST {syndrome}' holds characters a name does not. Fix: write letters, digits, spaces "
     "and only the punctuation of names (- ' . , ( ) / +); no markup [aliases.characters]"),
    ("aliases: [\"[CREST](https://example.org)\"]\n",
     "docs/a.md:6: alias '[CREST](https://example.org)' holds characters a name does not. Fix: write letters, "
     "digits, spaces and only the punctuation of names (- ' . , ( ) / +); no markup [aliases.characters]"),
    ("aliases: [" + "a" * 61 + "]\n",
     f"docs/a.md:6: alias '{'a' * 60}…' is 61 characters long (at most 60). Fix: an alias is a name readers type, "
     "not a sentence: shorten it [aliases.too-long]"),
    ("aliases: [systemic-sclerosis]\n",
     "docs/a.md:6: alias 'systemic-sclerosis' repeats the page's title. Fix: remove it: the title is searched "
     "already [aliases.repeats-title]"),
    ("aliases:\n  - Scleroderma\n  - scléroderma\n",
     "docs/a.md:8: alias 'scléroderma' repeats the alias 'Scleroderma'. Fix: remove the second one (case, "
     "accents and hyphens do not count) [aliases.duplicate]"),
])
def test_an_invalid_alias_is_reported_at_its_line(aliases: str, message: str) -> None:
    assert one(aliases) == [message]


def test_markup_in_an_alias_is_one_message_of_the_content_policy() -> None:
    text = PAGE.format(title="Systemic sclerosis", aliases='aliases: ["<b>CREST</b>", scleroderma]\n')
    site, _ = build_site([("a.md", text.encode())])
    assert [str(p) for p in search_terms.check(site)] == []
    assert search_terms.aliases_by_page(site) == {"a.md": ["scleroderma"]}
    assert [str(p) for p in content_policy.check_front_matter(site.pages["a"])] == [
        "docs/a.md:6: front-matter value 'aliases.0' contains HTML markup ('<b>CREST</b>'). Fix: write plain text: "
        "the theme prints front matter into the page unescaped, so markup there would become part of the site [policy.front-matter-markup]"]


def test_too_many_aliases() -> None:
    names = ", ".join(f"name {i}" for i in range(13))
    assert one(f"aliases: [{names}]\n") == [
        "docs/a.md:6: 'aliases' lists 13 names (at most 12). Fix: keep the names readers most often use; a word "
        "of the page's text is found anyway [aliases.too-many]"]


def test_an_alias_on_two_pages_names_the_first() -> None:
    assert problems({"a.md": ("Systemic sclerosis", "aliases: [scleroderma, CREST]\n"),
                     "b.md": ("Morphoea", "aliases: [localised scleroderma, Scleroderma]\n")}) == [
        "docs/b.md:6: alias 'Scleroderma' is also an alias of docs/a.md:6. Fix: keep the name on the one page about "
        "it, and link that page from here [aliases.other-page]"]


def test_an_alias_that_is_another_pages_title() -> None:
    assert problems({"a.md": ("Systemic sclerosis", ""),
                     "b.md": ("Morphoea", "aliases:\n  - localised scleroderma\n  - Systemic Sclerosis\n")}) == [
        "docs/b.md:8: alias 'Systemic Sclerosis' is the title of docs/a.md. Fix: remove it: readers who type it "
        "find that page by its title [aliases.other-title]"]


def test_keywords_hold_spelling_variants_and_the_alias_words_once() -> None:
    assert search_terms.keywords("Familial tumoral calcinosis", ["tumoural calcinosis", "x-ray", "lumps"]) == [
        "calcinoses", "familials", "lump", "lumps", "ray", "tumorals", "tumoural", "tumourals", "xray"]
    assert search_terms.keywords("Calcific uremic arteriolopathy", ["haemodialysis"]) == [
        "arteriolopathies", "calcifics", "haemodialyses", "haemodialysis", "hemodialyses", "hemodialysis",
        "uraemic", "uraemics", "uremics"]
    assert search_terms.keywords("Sodium thiosulphate", ["aluminium", "mineralisation"]) == [
        "aluminium", "aluminiums", "aluminum", "aluminums", "mineralisation", "mineralisations", "mineralization",
        "mineralizations", "sodiums", "thiosulfate", "thiosulfates", "thiosulphates"]


def test_a_shorter_title_is_the_more_general_page() -> None:
    assert search_terms.title_boost("Calciphylaxis") == 1.0
    assert search_terms.title_boost("Calciphylaxis management") == 0.909
    assert search_terms.title_boost("Dermatomyositis (adults)") == 1.0
    assert search_terms.title_boost("Lupus and overlap syndromes") == 0.833


INDEX = {"config": {"lang": ["en"], "separator": "[\\s\\-]+", "pipeline": ["stopWordFilter"],
                    "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}}},
         "docs": [{"location": "", "title": "Home", "text": "<p>Welcome</p>"},
                  {"location": "a/", "title": "Calciphylaxis", "text": "<p>Painful</p>"},
                  {"location": "a/#risk", "title": "Risk factors", "text": "<p>Dialysis</p>"},
                  {"location": "b/", "title": "Other", "text": ""}]}


def test_the_index_gets_aliases_on_the_page_entry_and_boosts_on_every_entry() -> None:
    out = json.loads(search_terms.add_to_index(json.dumps(INDEX), {
        "": ("Home", []), "a/": ("Calciphylaxis", ["calcific uraemic arteriolopathy", "CUA"])}))
    assert out["config"]["fields"] == {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1.0},
                                       "keywords": {"boost": 1000.0}}
    assert out["docs"] == [
        {"location": "", "title": "Home", "text": "<p>Welcome</p>", "boost": 1.0, "keywords": "calcinosis homes"},
        {"location": "a/", "title": "Calciphylaxis", "text": "<p>Painful</p>", "boost": 1.0,
         "tags": ["calcific uraemic arteriolopathy", "CUA"],
         "keywords": "arteriolopathies arteriolopathy calcific calcifics calcinosis cua uraemic uraemics uremic "
                     "uremics"},
        {"location": "a/#risk", "title": "Risk factors", "text": "<p>Dialysis</p>", "boost": 1.0},
        {"location": "b/", "title": "Other", "text": ""}]


@pytest.mark.parametrize("text", ["[]", "{}", '{"docs": [], "config": {}}', "not json"])
def test_an_index_not_written_by_material_is_refused(text: str) -> None:
    with pytest.raises(ValueError):
        search_terms.add_to_index(text, {})
