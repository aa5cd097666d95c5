"""The API docs (Swagger UI at /api/v1/docs, ReDoc at /api/v1/redoc) work offline: every asset
they load comes from the package, and a real browser cut off from other hosts renders them
(``browser``: tests/browser/conftest.py)."""

import hashlib
import re
import socket
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import uvicorn
from fastapi.testclient import TestClient

from coordina.api import create_app
from coordina.api.docs import STATIC

PAGES = ("/api/v1/docs", "/api/v1/redoc")
TYPES = {".js": "text/javascript", ".css": "text/css", ".png": "image/png", ".html": "text/html"}


class Assets(HTMLParser):
    """The URLs a page loads: script src, link href, img src."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = {"script": "src", "link": "href", "img": "src"}.get(tag)
        self.urls += [value for name, value in attrs if name == wanted and value]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    app = create_app(f"sqlite:///{tmp_path_factory.mktemp('docs') / 'coordina.db'}")
    with TestClient(app) as test_client:
        yield test_client
    app.state.db.engine.dispose()


def assets(html: str) -> list[str]:
    parser = Assets()
    parser.feed(html)
    return parser.urls


@pytest.mark.parametrize("page", PAGES)
def test_the_docs_pages_load_only_local_assets(client: TestClient, page: str) -> None:
    response = client.get(page)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")

    urls = assets(response.text)
    assert len(urls) >= 2, urls  # the script and the favicon at least
    assert not re.search(r"https?://", response.text), "the page names another host"
    for url in urls:
        assert not urlsplit(url).netloc and url.startswith("/api/v1/static/"), url
        asset = client.get(url)
        assert asset.status_code == 200, url
        assert asset.headers["content-type"].startswith(TYPES[Path(url).suffix]), (url, asset.headers)
        assert asset.content == (STATIC / Path(url).name).read_bytes()


@pytest.mark.parametrize("page", PAGES)
def test_the_docs_pages_let_the_browser_fetch_from_this_server_alone(client: TestClient, page: str) -> None:
    policy = dict(d.strip().split(" ", 1) for d in client.get(page).headers["Content-Security-Policy"].split(";"))

    assert policy["default-src"] == "'self'" and policy["connect-src"] == "'self'"
    assert not [value for value in policy.values() if re.search(r"https?:|\*", value)]


def test_swagger_ui_reads_the_apis_own_document(client: TestClient) -> None:
    html = client.get("/api/v1/docs").text

    assert "url: '/api/v1/openapi.json'" in html
    assert '"validatorUrl": null' in html  # no badge fetched from validator.swagger.io
    assert client.get("/api/v1/docs/oauth2-redirect").status_code == 200


def test_the_vendored_files_are_the_pinned_ones() -> None:
    sums = [line.split() for line in (STATIC / "SHA256SUMS").read_text(encoding="utf-8").splitlines() if line]
    assert {"swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js", "favicon-32x32.png"} <= {
        n for _, n in sums
    }
    readme = (STATIC / "README.md").read_text(encoding="utf-8")
    for digest, name in sums:
        assert hashlib.sha256((STATIC / name).read_bytes()).hexdigest() == digest, name
        assert f"{digest}  {name}" in readme


def test_an_unknown_asset_is_a_404_problem(client: TestClient) -> None:
    response = client.get("/api/v1/static/no-such-file.js")

    assert response.status_code == 404 and response.headers["content-type"] == "application/problem+json"


# A real browser, with every request to another host aborted.


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    app = create_app(f"sqlite:///{tmp_path_factory.mktemp('served') / 'coordina.db'}")
    port = _free_port()
    running = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    started = threading.Event()
    while not running.started and thread.is_alive():
        started.wait(0.05)
    assert running.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join()
    app.state.db.engine.dispose()


OPERATION = {"/api/v1/docs": ".opblock", "/api/v1/redoc": "[data-section-id^='operation/']"}  # one per operation


@pytest.mark.parametrize("page", PAGES)
def test_a_browser_without_internet_renders_every_operation(server: str, browser: object, page: str) -> None:
    from playwright.sync_api import Browser, Route

    assert isinstance(browser, Browser)
    elsewhere: list[str] = []

    def local_only(route: Route) -> None:
        if route.request.url.startswith(server + "/"):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort("internetdisconnected")

    context = browser.new_context()
    try:
        tab = context.new_page()
        tab.route("**/*", local_only)
        errors: list[str] = []
        tab.on("pageerror", lambda error: errors.append(str(error)))
        tab.goto(server + page)
        tab.wait_for_selector(OPERATION[page], state="attached", timeout=30_000)
        operations = tab.locator(OPERATION[page])
        assert operations.count() >= 35
        assert "Take Step" in tab.content()  # the summary of POST /negotiations/{negotiation_id}/steps
        assert elsewhere == [] and errors == []
    finally:
        context.close()
