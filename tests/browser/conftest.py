"""The web application in a real browser: Debian's chromium driven by Playwright.

``site`` serves the whole application (pages and API) with uvicorn on a fresh SQLite file
filled with the demo workspace; ``browser`` is headless chromium; ``page`` a new context at
laptop width (English). ``sign_in`` signs a demo user in through the form. ``check_page`` is
called on every page a test reaches: it runs axe-core (bundled here, ``axe.min.js``) and fails
on any serious or critical violation, checks that nothing scrolls sideways at 375 px, and saves
screenshots at laptop and phone width under ``test-artifacts/screenshots/`` (README).
"""

import json
import os
import re
import shutil
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from coordina.app import create_app
from coordina.services import demo
from tests.serving import serving

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = Path(__file__).with_name("axe.min.js")
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
LAPTOP, PHONE = {"width": 1280, "height": 800}, {"width": 375, "height": 740}
PASSWORD = demo.DEMO_PASSWORD
AXE_REPORT = SCREENSHOTS.parent / "axe"  # one JSON file per test process: page -> violations (tests/conftest.py)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    app = create_app(f"sqlite:///{tmp_path_factory.mktemp('web') / 'coordina.db'}")
    demo.fill(app.state.db)
    with serving(app) as url:
        yield url
    app.state.db.engine.dispose()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:  # a playwright Browser (imported only when run)
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the browser tests: no chromium at {CHROMIUM} (scripts/test installs it)")
        pytest.skip(f"no chromium at {CHROMIUM} (scripts/test installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield launched
        launched.close()


def new_context(browser: Any, site: str, **options: Any) -> Any:
    """A browser context on ``site`` that may reach no other host (the application works offline)."""
    options.setdefault("viewport", LAPTOP)
    options.setdefault("locale", "en-GB")
    context = browser.new_context(base_url=site, **options)
    context.set_default_timeout(15_000)
    context.route(re.compile(r"^(?!" + re.escape(site) + r")https?://.*"), lambda route: route.abort())
    return context


@pytest.fixture
def page(browser: Any, site: str) -> Iterator[Any]:
    context = new_context(browser, site)
    yield context.new_page()
    context.close()


def sign_in(page: Any, username: str, password: str = PASSWORD) -> None:
    page.goto("/signin")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/signin" not in url)
    assert page.locator("header .account").get_by_text(username).count() == 1, page.content()[:2000]


@cache
def _axe_source() -> str:
    return AXE.read_text(encoding="utf-8") + "\n;true"


def check_page(page: Any, name: str) -> list[dict[str, Any]]:
    """Axe (no serious or critical violation), no sideways scroll at 375 px, two screenshots."""
    page.wait_for_load_state()
    page.evaluate(_axe_source())  # not a <script> tag: the pages' CSP allows no inline script
    results = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    violations = results["violations"]
    _record(name, [f"{v['id']} ({v['impact']})" for v in violations])
    grave = [v for v in violations if v["impact"] in ("serious", "critical")]
    assert not grave, json.dumps([(v["id"], v["help"], [n["target"] for n in v["nodes"][:3]]) for v in grave], indent=1)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    viewport = page.viewport_size
    page.screenshot(path=str(SCREENSHOTS / f"{name}-laptop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    page.screenshot(path=str(SCREENSHOTS / f"{name}-phone.png"), full_page=True)
    page.set_viewport_size(viewport)
    assert overflow <= 0, f"{name}: the page scrolls sideways by {overflow} px at 375 px"
    return violations  # type: ignore[no-any-return]


def _record(name: str, found: list[str]) -> None:
    """Keep what axe found on ``name`` for the summary (test processes write files of their own)."""
    AXE_REPORT.mkdir(parents=True, exist_ok=True)
    mine = AXE_REPORT / f"{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-{os.getpid()}.json"
    kept = json.loads(mine.read_text(encoding="utf-8")) if mine.exists() else {}
    mine.write_text(json.dumps({**kept, name: found}, indent=1), encoding="utf-8")
