"""What the browser suites share: Debian's Chromium through Playwright, a live server over the demo
data seeded ONCE per module, pages opened as a person in a language, axe-core, reflow, screenshots.

Why not pytest-django's `live_server`: it forces `transactional_db` on every test that uses it, and
that flushes the database after each test, so the demo data (`seed_demo`, many seconds) had to be
seeded again for every test. `demo_server` instead seeds once, runs its own live server thread for
the whole module, and flushes once at the end, leaving the database empty as transactional tests do.
Tests that use it must not request `db`/`transactional_db` (they would flush the shared data); they
read the database directly (the module keeps database access unblocked). Journeys that write use
their own objects, so that their order does not matter.

Import the fixtures into a test module: `from tests.browser import browser, demo_server, open_page`
(and `reading_contexts`, which `open_page` uses).
"""

import os

# Playwright's sync API keeps an event loop in this thread; Django would then refuse database
# access from fixtures ("SynchronousOnlyOperation"). Must be set before any database access.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from io import StringIO  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.backends.base.creation import TEST_DATABASE_PREFIX  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import modify_settings, setup_databases, teardown_databases  # noqa: E402

from tests.conftest import require_service  # noqa: E402

BASE_DIR = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
AXE_SCRIPT = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOT_DIR = BASE_DIR / "var" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
NARROWEST = {"width": 320, "height": 640}  # WCAG 1.4.10: 320 CSS px, also what 1280 px at 400 % shows
SECRETARIAT = "geschaeftsstelle@example.org"


@pytest.fixture(scope="module")
def browser():
    require_service(CHROMIUM.exists(), f"Chromium at {CHROMIUM}")
    require_service(AXE_SCRIPT.exists(), f"axe-core at {AXE_SCRIPT} (run `npm ci`)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        require_service(False, "the Playwright Python package")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _is_test_database() -> bool:
    # Once the test database is set up, its name is NAME; `_get_test_db_name()` then names it
    # only where TEST NAME is set (pytest-xdist's workers), serially it would prefix it again.
    name = str(connection.settings_dict["NAME"])
    return name == connection.creation._get_test_db_name() or name.startswith(TEST_DATABASE_PREFIX)


@pytest.fixture(scope="module")
def demo_server(browser, django_db_setup, django_db_blocker):
    """A live server over the demo data, seeded once for the module; its `.url` is the base address."""
    from pytest_django.live_server_helper import LiveServer

    with django_db_blocker.unblock():
        # pytest-django creates the test database only if a selected test asks for `db`; when only
        # browser tests run, nobody did, so this module creates (and later drops) it itself.
        own_databases = (
            None if _is_test_database() else setup_databases(verbosity=0, interactive=False, aliases={"default"})
        )
        assert _is_test_database(), "refusing to seed demo data into a database that is not a test database"
        call_command("seed_demo", stdout=StringIO())
        server = LiveServer("localhost:0")
        hosts = modify_settings(ALLOWED_HOSTS={"append": "localhost"})
        hosts.enable()
        try:
            yield server
        finally:
            hosts.disable()
            server.stop()
            # Leave the database as a transactional test would: empty, for the tests after us.
            call_command("flush", interactive=False, verbosity=0)
            if own_databases is not None:
                teardown_databases(own_databases, verbosity=0)


def session_of(email: str) -> str:
    """A logged-in session for the person, as the test client makes it (no password check)."""
    client = Client()
    client.force_login(get_user_model().objects.get(email=email))
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _context(browser, demo_server, language: str, person: str | None, viewport, bypass_csp: bool):
    # The browser asks for the *other* language, so only the cookie can make the page right.
    other = "en-GB" if language == "de" else "de-DE"
    context = browser.new_context(bypass_csp=bypass_csp, locale=other, viewport=viewport)
    cookies = [{"name": "django_language", "value": language, "url": demo_server.url}]
    if person:
        cookies.append({"name": settings.SESSION_COOKIE_NAME, "value": session_of(person), "url": demo_server.url})
    context.add_cookies(cookies)
    context.set_default_timeout(15_000)
    return context


@pytest.fixture
def new_context(browser, demo_server):
    """new_context(language, person=None, viewport=DESKTOP, bypass_csp=False) → a browser context
    of its own with the language cookie (and a session) set; closed after the test. For journeys,
    which log in, write and follow links."""
    contexts = []

    def make(language: str = "de", person: str | None = None, viewport=DESKTOP, bypass_csp: bool = False):
        context = _context(browser, demo_server, language, person, viewport, bypass_csp)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def reading_contexts(browser, demo_server):
    """reading_contexts(language, person) → one context per combination, kept for the module (CSP
    bypassed, for axe), with one page in it that the reading tests navigate in turn. Tests that only
    read pages share them: the cookies, the browser's cache of the static files (KERN's CSS and
    fonts) and the page itself, instead of a fresh context, a cold cache and a new page (some
    0.15 s each) for every test. A navigation starts a fresh document, so nothing one test did to
    the page (an injected script, a style, the focus) reaches the next."""
    contexts = {}

    def get(language: str, person: str | None):
        key = (language, person)
        if key not in contexts:
            context = _context(browser, demo_server, language, person, DESKTOP, bypass_csp=True)
            contexts[key] = (context, context.new_page())
        return contexts[key]

    yield get
    for context, _page in contexts.values():
        context.close()


@pytest.fixture
def open_page(reading_contexts, demo_server):
    """open_page(path, language, wait_until="load", person=None, viewport=DESKTOP) → (page, URLs it
    requested), the module's page for that language and person, at that viewport, navigated to the
    path (CSP bypassed: axe is injected as a script); must answer 200. Only for tests that read: a
    page that writes or logs in belongs in a `new_context` of its own."""
    listeners = []

    def open_(path: str, language: str, wait_until: str = "load", person: str | None = None, viewport=DESKTOP):
        _context_, page = reading_contexts(language, person)
        page.set_viewport_size(viewport)
        requested: list[str] = []

        def record(request):
            requested.append(request.url)

        page.on("request", record)
        listeners.append((page, record))
        response = page.goto(demo_server.url + path, wait_until=wait_until)
        assert response is not None, f"no response for {path}"
        assert response.status == 200, f"GET {path} ({language}) answered {response.status}"
        return page, requested

    yield open_
    for page, record in listeners:
        page.remove_listener("request", record)


def page_overflow(page) -> dict:
    """How far the document is wider than the viewport, and the widest elements that cause it."""
    return page.evaluate(
        """() => {
            const root = document.documentElement, width = root.clientWidth;
            const culprits = [...document.body.querySelectorAll('*')]
                .filter(el => el.getBoundingClientRect().right > width + 1)
                .filter(el => ![...el.children].some(child => child.getBoundingClientRect().right > width + 1))
                .slice(0, 5)
                .map(el => {
                    const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '');
                    const classes = String(el.className || '').trim().split(/\\s+/).filter(Boolean);
                    const right = Math.round(el.getBoundingClientRect().right);
                    return `${name}${classes.map(c => '.' + c).join('')} (${right} px)`;
                });
            return {scrollWidth: root.scrollWidth, clientWidth: width, culprits};
        }"""
    )


def screenshot(page, name: str) -> Path:
    """Save a full-page screenshot under var/screenshots/ (a CI artefact, for people to look at)."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOT_DIR / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path
