"""`mkdocs serve` as `make serve` runs it, on a free port over a small fixture site: a save in
bibliography/, includes/, overrides/ (a theme template) and templates/ rebuilds the page; a broken page
answers the browser within 5 s with the problem (file, line, fix) and the browser is told
to reload; the next good save shows the page again. Plus core/serve_errors.py on its own."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bibfixtures import TRAINEAU
from core import serve_errors
from sitebuild import ROOT, make_site

FRONT = "---\ntitle: {t}\ndescription: A test page.\nkind: about\nreviewed: 2026-01-01\n---\n\n"
PAGE = (FRONT.format(t="Home") + "# Home\n\nTreatment evidence is thin [@{key}].\n\n--8<-- \"serve-note.md\"\n\n"
        "--8<-- \"serve-shown.md\"\n")
ANSWER_SECONDS = 5  # the longest a request may wait, even during or after a failed rebuild
REBUILD_SECONDS = 20  # from a save to the changed page: the watcher polls every 0.5 s, a rebuild takes about 1 s


def watch_block() -> str:
    """The real mkdocs.yml's `watch:` list, which the fixture's config (without it) gets back."""
    found = re.search(r"(?ms)^watch:.*?(?=^\S|\Z)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert found, "mkdocs.yml has no watch: list"
    return found[0]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A running `mkdocs serve --strict` and the URL of its home page."""

    def __init__(self, site: Path, process: subprocess.Popen[str], url: str) -> None:
        self.site, self.process, self.url = site, process, url

    def get(self, url: str | None = None) -> tuple[int, str, float]:
        """Status, body and seconds of one request, which must be answered in time."""
        started = time.monotonic()
        try:
            with urllib.request.urlopen(url or self.url, timeout=ANSWER_SECONDS) as answer:
                status, body = answer.status, answer.read().decode("utf-8")
        except urllib.error.HTTPError as exc:
            status, body = exc.code, exc.read().decode("utf-8")
        except (TimeoutError, urllib.error.URLError) as exc:
            pytest.fail(f"the server did not answer {url or self.url} within {ANSWER_SECONDS} s ({exc})\n"
                        f"{self.log()}", pytrace=False)
        return status, body, time.monotonic() - started

    def page_after_save(self, wanted: str) -> str:
        """The home page once it contains `wanted` (each request answered in time)."""
        deadline = time.monotonic() + REBUILD_SECONDS
        while time.monotonic() < deadline:
            status, body, _ = self.get()
            if wanted in body:
                return body
            time.sleep(0.2)
        pytest.fail(f"no rebuild within {REBUILD_SECONDS} s showed {wanted!r}\n{self.log()}", pytrace=False)

    def log(self) -> str:
        return (self.site / "serve.log").read_text(encoding="utf-8", errors="replace")[-4000:]

    @contextmanager
    def config_saved_as(self, change: Callable[[str], str]) -> Iterator[None]:
        """mkdocs.yml saved as `change` makes it; then restored, until the page shows no problem."""
        config = self.site / "mkdocs.yml"
        good = config.read_text(encoding="utf-8")
        config.write_text(change(good), encoding="utf-8")
        try:
            yield
        finally:
            config.write_text(good, encoding="utf-8")
        deadline = time.monotonic() + REBUILD_SECONDS
        while 'id="serve-errors"' in self.get()[1]:
            assert time.monotonic() < deadline, f"the restored config still shows the problems\n{self.log()}"
            time.sleep(0.2)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    site = tmp_path_factory.mktemp("serve")
    config = make_site(site, {"index.md": PAGE.format(key="traineau2020treatment")},
                       bib={"refs.bib": TRAINEAU}, nav="  - index.md\n")
    config.write_text(config.read_text(encoding="utf-8") + "\n" + watch_block(), encoding="utf-8")
    (site / "includes" / "serve-note.md").write_text("The include says one.\n", encoding="utf-8")
    shutil.copytree(ROOT / "templates", site / "templates")
    (site / "templates" / "serve-shown.md").write_text("The page template says one.\n", encoding="utf-8")
    (site / "diagrams").mkdir()
    port = free_port()
    env = {**os.environ, "PDF_HANDOUTS": "0", "NO_MKDOCS_2_WARNING": "1"}
    with open(site / "serve.log", "w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}", "-f", str(config)],
            cwd=site, env=env, stdout=log, stderr=subprocess.STDOUT, text=True)
    running = Server(site, process, f"http://127.0.0.1:{port}/calcinosis-reference/")
    try:
        deadline = time.monotonic() + 60
        while "Serving on" not in running.log():
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"mkdocs serve did not start\n{running.log()}", pytrace=False)
            time.sleep(0.1)
        yield running
    finally:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} lacks {old!r}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_save_of_a_reference_an_include_or_a_template_rebuilds_the_page(server: Server) -> None:
    status, body, _ = server.get()
    assert status == 200 and "The include says one." in body and "Treatment of calcinosis cutis" in body
    edit(server.site / "bibliography" / "refs.bib", "title   = {Treatment of calcinosis cutis",
         "title   = {Edited treatment of calcinosis cutis")
    assert "Edited treatment of calcinosis cutis" in server.page_after_save("Edited treatment")
    edit(server.site / "includes" / "serve-note.md", "says one.", "says two.")
    server.page_after_save("The include says two.")
    edit(server.site / "overrides" / "main.html", "{% block content %}",
         '{% block content %}\n  <p id="serve-test">The template says two.</p>')
    server.page_after_save('<p id="serve-test">The template says two.</p>')
    edit(server.site / "templates" / "serve-shown.md", "says one.", "says two.")  # templates/: snippets too
    server.page_after_save("The page template says two.")


def test_a_broken_page_answers_with_its_problem_and_reloads_the_browser(server: Server) -> None:
    _, good, _ = server.get()
    epoch = re.search(r"livereload\((\d+), \d+\)", good)
    assert epoch, "the served page has no live-reload script"
    page = server.site / "docs" / "index.md"
    edit(page, "[@traineau2020treatment]", "[@smith2020unknown]")
    body = server.page_after_save('id="serve-errors"')
    assert "The last rebuild failed: Aborted with 2 warnings in strict mode! Fix the problems below and save" in body
    assert ("docs/index.md:10: unknown citation key &#x27;smith2020unknown&#x27;. Fix: ") in body
    assert "bibliography/refs.bib:1: reference &#x27;traineau2020treatment&#x27; is not cited on any page" in body
    assert "<h1" in body  # the page itself still follows the list
    # A browser showing the old page was waiting for a newer site: it is answered, and reloads.
    status, newer, seconds = server.get(server.url.replace("/calcinosis-reference/", f"/livereload/{epoch[1]}/1"))
    assert status == 200 and int(newer) > int(epoch[1]) and seconds < ANSWER_SECONDS
    for _ in range(3):  # every request answers, however often it is asked
        status, again, seconds = server.get()
        assert status == 200 and 'id="serve-errors"' in again and seconds < ANSWER_SECONDS
    edit(page, "[@smith2020unknown]", "[@traineau2020treatment]")
    deadline = time.monotonic() + REBUILD_SECONDS
    while 'id="serve-errors"' in server.get()[1]:
        assert time.monotonic() < deadline, f"the fixed page still shows the problems\n{server.log()}"
        time.sleep(0.2)
    assert "Treatment evidence is thin" in server.get()[1]


def test_a_broken_config_keeps_the_last_good_page_under_the_problem(server: Server) -> None:
    with server.config_saved_as(lambda good: good + "\nstrict: [unclosed\n"):
        body = server.page_after_save('id="serve-errors"')
        assert "The last rebuild failed: " in body and "Treatment evidence is thin" in body


def test_a_rebuild_never_reads_a_config_the_checks_refuse(server: Server) -> None:
    """`make serve` checks mkdocs.yml at its start; a later save of a YAML tag that would run
    code is refused before MkDocs' loader reads the file, and the page shows why."""
    marker = server.site / "ran"
    with server.config_saved_as(lambda good: good + f'\nsite_author: !!python/object/apply:os.system ["touch {marker}"]\n'):
        body = server.page_after_save('id="serve-errors"')
        assert "mkdocs.yml was not read" in body and "[config.yaml-tag]" in body
        assert not marker.exists()
    assert not marker.exists()


# ── core/serve_errors.py ─────────────────────────────────────────────────────────────

def test_the_list_is_escaped_and_replaces_an_earlier_one() -> None:
    block = serve_errors.panel(["docs/a.md:3: raw HTML <script> is not allowed. Fix: remove it"], "Aborted")
    assert "&lt;script&gt;" in block and "<script>" not in block
    assert "The last rebuild failed: Aborted. Fix the problem below and save" in block
    page = serve_errors.inject('<html><body class="x"><h1>T</h1></body></html>', block)
    assert page.startswith('<html><body class="x">' + serve_errors.MARK)
    second = serve_errors.panel([], "KeyError: 'x'")
    again = serve_errors.inject(page, second)
    assert again == '<html><body class="x">' + second + "<h1>T</h1></body></html>"
    assert "KeyError: &#x27;x&#x27;. Fix it and save" in second


def test_with_no_page_built_the_list_is_the_home_and_404_page(tmp_path: Path) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "x.html").write_text("<body>asset</body>", encoding="utf-8")
    assert serve_errors.show(str(tmp_path), ["docs/a.md:1: bad. Fix: good"], "Aborted!") == 3
    for name in ("index.html", "404.html"):
        text = (tmp_path / name).read_text(encoding="utf-8")
        assert text.startswith("<!doctype html>") and "docs/a.md:1: bad. Fix: good" in text
