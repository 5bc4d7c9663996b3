"""Accessibility of every public page: axe-core in Debian's Chromium, driven by Playwright.

Each page in `PUBLIC_PAGES` is checked in German and English against WCAG 2.1 A/AA (the level
BITV 2.0 asks for), plus what axe cannot see on its own: one h1, a working skip link that the
first Tab reaches, and no request to any host but our own (no third-party fonts, scripts or
trackers). The pages are filled with the demo data of `manage.py seed_demo`.

axe is injected as an inline script, which the portal's strict CSP would block, so the browser
context bypasses CSP; the site's own CSP headers are not weakened.
"""

import os

# Playwright's sync API keeps an event loop in this thread; Django would then refuse database
# access from fixtures ("SynchronousOnlyOperation"). Must be set before any database access.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

import json  # noqa: E402
from io import StringIO  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from tests.conftest import require_service  # noqa: E402

BASE_DIR = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
AXE_SCRIPT = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LANGUAGES = ["de", "en"]
SKIP_TARGET = "inhalt"

# Every page an anonymous visitor can reach. Later issues append their public pages here.
PUBLIC_PAGES = [
    "/",
    "/impressum/",
    "/datenschutz/",
    "/barrierefreiheit/",
    "/konto/login/",
    "/konto/password_reset/",
    # The public catalogue: the list (plain, and searched with an invalid filter that is named),
    # a demo solution's page, its reuse request form and the e-mail confirmation page.
    "/loesungen/",
    "/loesungen/?q=Zulassung&land=XX&page=99",
    "/loesungen/kfz-zulassung-kreisuebergreifend/",
    "/loesungen/kfz-zulassung-kreisuebergreifend/nachnutzung/",
    "/loesungen/nachnutzung/bestaetigen/beispiel-token/",
    # Public projects and partners: the list (plain, and filtered with an invalid value that is
    # named), a public demo project with a CIO-Pate, the partner list and a Land's page.
    "/projekte/",
    "/projekte/?phase=pilot&focus_area=unbekannt&page=99",
    "/projekte/kfz-zulassung-kreisuebergreifend/",
    "/partner/",
    "/partner/bw/",
    # Public statistics (charts with their tables) and the annual reports' list.
    "/statistik/",
    "/erfahrungsbericht/",
]

# The secretariat's daily pages, checked logged in as the demo secretariat: forms, filters and
# tables that no anonymous visitor sees. A solution's workspace page is found by its demo slug.
SECRETARIAT = "geschaeftsstelle@example.org"
WORKSPACE_PAGES = [
    "/arbeitsbereich/",
    "/arbeitsbereich/uebersicht/",
    "/arbeitsbereich/berichte/",
    "/arbeitsbereich/?phase=pilot&light=unbekannt",
    "/arbeitsbereich/projekte/kfz-zulassung-kreisuebergreifend/",
    "/arbeitsbereich/projekte/neu/",
    "/arbeitsbereich/patenschaften/",
    "/arbeitsbereich/loesungen/",
    "/arbeitsbereich/loesungen/neu/",
    "/arbeitsbereich/nachnutzung/anfragen/",
    "/arbeitsbereich/protokoll/",
    "/benachrichtigungen/",
    # The second factor: managing it, adding an app or passkey, the recovery codes.
    "/konto/mfa/",
    "/konto/mfa/einrichten/",
    "/konto/mfa/wiederherstellungscodes/",
]

pytestmark = pytest.mark.browser


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


@pytest.fixture
def demo_data(transactional_db):
    """The demo partners, networks, focus areas and people, so that pages show real content."""
    call_command("seed_demo", stdout=StringIO())


@pytest.fixture
def open_page(browser, live_server, demo_data):
    """open_page(path, language) → (page, URLs it requested), in a fresh browser context; the
    page must answer 200."""
    contexts = []

    def open_(path: str, language: str, wait_until: str = "load", person: str | None = None):
        # The browser asks for the *other* language, so only the cookie can make the page right.
        other = "en-GB" if language == "de" else "de-DE"
        context = browser.new_context(bypass_csp=True, locale=other)
        contexts.append(context)
        cookies = [{"name": "django_language", "value": language, "url": live_server.url}]
        if person:
            cookies.append({"name": settings.SESSION_COOKIE_NAME, "value": session_of(person), "url": live_server.url})
        context.add_cookies(cookies)
        page = context.new_page()
        requested: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        response = page.goto(live_server.url + path, wait_until=wait_until)
        assert response is not None, f"no response for {path}"
        assert response.status == 200, f"GET {path} ({language}) answered {response.status}"
        return page, requested

    yield open_
    for context in contexts:
        context.close()


def session_of(email: str) -> str:
    """A logged-in session for the demo person, as the test client makes it (no password check)."""
    client = Client()
    client.force_login(get_user_model().objects.get(email=email))
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def format_violations(path: str, language: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} axe violation(s) on {path} ({language}):"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} [{violation.get('impact') or 'n/a'}]: {violation['help']} "
            f"({violation.get('helpUrl', '')})"
        )
        nodes = violation.get("nodes", [])
        for node in nodes[:3]:
            target = " ".join(
                json.dumps(part) if not isinstance(part, str) else part for part in node.get("target", [])
            )
            lines.append(f"    at {target}")
        if len(nodes) > 3:
            lines.append(f"    … and {len(nodes) - 3} more element(s)")
    return "\n".join(lines)


def axe_violations(page) -> list[dict]:
    """Inject axe-core into the page and return its WCAG 2.1 A/AA violations."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    results = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return results["violations"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_page_has_no_wcag_violations(open_page, path, language):
    page, _requested = open_page(path, language)
    assert page.evaluate("document.documentElement.lang") == language
    violations = axe_violations(page)
    assert not violations, format_violations(path, language, violations)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", WORKSPACE_PAGES)
def test_workspace_page_has_no_wcag_violations(open_page, path, language):
    page, _requested = open_page(path, language, person=SECRETARIAT)
    assert page.url.endswith(path), f"{path} sent the secretariat to {page.url}"  # not to login
    assert page.locator("h1").count() == 1, f"{path} ({language}) needs exactly one h1"
    violations = axe_violations(page)
    assert not violations, format_violations(path, language, violations)


def test_axe_check_reports_a_planted_violation(open_page):
    """The harness itself works: an image without alt text and an unlabelled field are found."""
    page, _requested = open_page("/", "de")
    page.evaluate(
        """() => {
            const main = document.getElementById('inhalt');
            const img = document.createElement('img');
            img.src = '/static/img/favicon.svg';
            img.id = 'planted-image';
            main.appendChild(img);
            const input = document.createElement('input');
            input.type = 'text';
            input.id = 'planted-input';
            main.appendChild(input);
        }"""
    )
    violations = axe_violations(page)
    assert {"image-alt", "label"} <= {violation["id"] for violation in violations}
    message = format_violations("/", "de", violations)
    assert "image-alt [critical]" in message and "#planted-image" in message


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_page_has_one_h1_and_a_skip_link(open_page, path, language):
    page, _requested = open_page(path, language)
    assert page.locator("h1").count() == 1, f"{path} ({language}) needs exactly one h1"
    first_link = page.locator("body a[href]").first
    assert first_link.get_attribute("href") == f"#{SKIP_TARGET}", (
        f"{path} ({language}): the first link must be the skip link to #{SKIP_TARGET}"
    )
    assert first_link.inner_text().strip(), "the skip link needs a visible text"
    assert page.locator(f"#{SKIP_TARGET}").count() == 1, f"{path}: no #{SKIP_TARGET} target"


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_first_tab_focuses_the_skip_link(open_page, path):
    page, _requested = open_page(path, "de")
    # Browsers apply `autofocus` in a rendering step after load; let two frames pass so that a
    # field stealing the focus is caught every time, not only when the Tab comes late.
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    autofocused = page.evaluate("() => [...document.querySelectorAll('[autofocus]')].map(el => el.id || el.tagName)")
    assert not autofocused, f"{path}: {autofocused} carry `autofocus`, which jumps past the skip link and the header"
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "() => { const el = document.activeElement; return {tag: el.tagName, href: el.getAttribute('href')}; }"
    )
    assert focused == {"tag": "A", "href": f"#{SKIP_TARGET}"}, (
        f"{path}: the first Tab focused {focused}, not the skip link"
    )
    # Once focused, the skip link is on screen (it hides above the viewport otherwise) ...
    box = page.locator(":focus").bounding_box()
    assert box is not None and box["y"] >= 0 and box["height"] > 0, f"{path}: skip link off screen"
    # ... and following it moves the keyboard focus to the main content.
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == SKIP_TARGET


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_page_loads_nothing_from_other_hosts(open_page, live_server, path, language):
    page, requested = open_page(path, language, wait_until="networkidle")
    assert requested, "no request was recorded at all"
    foreign = [url for url in requested if not url.startswith(live_server.url + "/")]
    assert not foreign, f"{path} ({language}) requests third-party resources: {foreign}"
