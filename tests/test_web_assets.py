"""The web application's assets come from the package, at their pinned versions: no page loads
anything from another host (the application works with no internet)."""

import hashlib
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from coordina.app import create_app
from coordina.web import STATIC
from coordina.web.templating import TEMPLATES

BROWSER_TESTS = Path(__file__).parent / "browser"


@pytest.mark.parametrize("folder", [STATIC, BROWSER_TESTS])
def test_the_vendored_files_are_the_pinned_ones(folder: Path) -> None:
    sums = [line.split() for line in (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines() if line]
    assert sums
    for digest, name in sums:
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name


def test_no_template_loads_from_another_host() -> None:
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", text):
            assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", tag), (template.name, tag)


def test_the_pages_serve_their_assets(tmp_path: Path) -> None:
    app = create_app(f"sqlite:///{tmp_path / 'coordina.db'}")
    with TestClient(app) as client:
        html = client.get("/").text
        for url in re.findall(r"""(?:src|href)="(/static/[^"]+)""", html):
            answer = client.get(url)
            assert answer.status_code == 200, url
            assert answer.content == (STATIC / url.removeprefix("/static/")).read_bytes()
        assert "/signin" not in str(client.get("/api/v1/openapi.json").json()["paths"])
    app.state.db.engine.dispose()
