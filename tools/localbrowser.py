"""Debian's Chromium under Playwright, and the built site served on localhost, for the
browser tests (tests/test_browser.py) and `make screenshots` (tools/screenshots.py).

Why: browser downloads fail on these machines (`playwright install` is never run), so
Playwright's bundled driver drives the system Chromium at `/usr/bin/chromium` (Debian
package `chromium`, installed by `.ci/run`) with flags that keep it from calling home.
The site is served by Python's own `http.server` on 127.0.0.1 and a free port, so a test
can tell every request for the site from any request to another host.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-quic", "--no-first-run", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--mute-audio",
]
MISSING = (f"Chromium is not installed at {CHROMIUM}. Fix: run `{'' if os.geteuid() == 0 else 'sudo '}apt-get install "
           "-y chromium` (make test installs it when run as root, from .ci/debian-packages.txt), or set CHROMIUM_PATH")
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def is_local(url: str) -> bool:
    """True for a URL that stays on this machine: the served site, `data:` and `blob:`."""
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname in LOCAL_HOSTS


# A page is still for a screenshot or a contrast check when its diagrams are drawn (Material
# puts each into a closed shadow root of a <div> that replaces its <pre class="mermaid">) and
# no CSS transition is running (the navigation tabs fade in after load).
SETTLED = ("() => !document.querySelector('pre.mermaid')"
           " && document.getAnimations().every(a => a.playState !== 'running')")


def chromium_missing() -> str | None:
    """Why the browser cannot start, or None when it can."""
    return None if os.access(CHROMIUM, os.X_OK) else MISSING


def launch(playwright: Any) -> Any:
    """The system Chromium, headless, started by Playwright's bundled driver."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def site_prefix(config_file: Path) -> str:
    """The path of `site_url` in mkdocs.yml ("/calcinosis-reference/"): the site is served
    under it, as on GitHub Pages, because 404.html links its assets from that path."""
    match = re.search(r"^site_url:\s*(\S+)", config_file.read_text(encoding="utf-8"), re.MULTILINE)
    path = urlsplit(match.group(1)).path if match else "/"
    return "/" + path.strip("/") + "/" if path.strip("/") else "/"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return os.path.join(self.directory, ".outside-the-site-prefix", "missing")
        return super().translate_path("/" + path[len(self.prefix):])

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the stdlib's name
        pass

    def end_headers(self) -> None:
        # LinkChecker waits 0.1 to 0.6 s between two requests to one host unless the server
        # answers with this header; then its `maxrequestspersecond` (tests/linkcheckerrc) holds.
        self.send_header("LinkChecker", "local test server")
        super().end_headers()


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a client that hung up early
            super().handle_error(request, client_address)


@contextmanager
def serve(directory: Path, prefix: str = "/") -> Iterator[str]:
    """Serve `directory` at `prefix` on 127.0.0.1 and a free port; yields the site's base
    URL (ends in '/')."""
    handler_class = type("Handler", (_QuietHandler,), {"prefix": prefix})
    handler = functools.partial(handler_class, directory=str(directory))
    server = _Server(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
