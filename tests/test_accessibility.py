"""Accessibility of every public page: axe-core in Debian's Chromium, driven by Playwright.

Each page in `PUBLIC_PAGES` is checked in German and English against WCAG 2.1 A/AA (the level
BITV 2.0 asks for), plus what axe cannot see on its own: one h1, a working skip link that the
first Tab reaches, and no request to any host but our own (no third-party fonts, scripts or
trackers), and reflow: at 320 CSS px no page is wider than the viewport (WCAG 1.4.10). The pages are
filled with the demo data of `manage.py seed_demo`, seeded once for the module (tests/browser.py):
every test here only reads.

axe is injected as an inline script, which the portal's strict CSP would block, so the browser
context bypasses CSP; the site's own CSP headers are not weakened.
"""

import json

import pytest

from tests.browser import (
    AXE_SCRIPT,
    DESKTOP,
    NARROWEST,
    PHONE,
    SECRETARIAT,
    browser,
    demo_server,
    new_context,
    open_page,
    page_overflow,
    reading_contexts,
    screenshot,
)

FIXTURES = (browser, demo_server, new_context, open_page, reading_contexts)  # imported for pytest, used by name

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
    # The steering circle's public register and meeting calendar (governance/views/register.py).
    "/beschluesse/",
    "/beschluesse/?q=Bauantrag&year=1999",
    "/beschluesse/LK-2026-01/",
    "/sitzungen/",
    # The public membership and theme request: the form, the "please confirm" page, the link's page.
    "/mitmachen/",
    "/mitmachen/gesendet/",
    "/mitmachen/bestaetigen/beispiel-token/",
]

# The secretariat's daily pages, checked logged in as the demo secretariat: forms, filters and
# tables that no anonymous visitor sees. A solution's workspace page is found by its demo slug.
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
    # A member's calendar subscription, the person's own data (Art. 15), the audit checkpoints.
    "/konto/kalender/",
    "/konto/meine-daten/",
    "/arbeitsbereich/protokoll/pruefpunkte/",
    # The steering circle's workspace, as the secretariat sees it.
    "/arbeitsbereich/lenkungskreis/",
    "/arbeitsbereich/lenkungskreis/sitze/",
    "/arbeitsbereich/lenkungskreis/geschaeftsordnung/",
    "/arbeitsbereich/lenkungskreis/sitzungen/",
    "/arbeitsbereich/lenkungskreis/sitzungen/neu/",
    "/arbeitsbereich/lenkungskreis/umlaufverfahren/",
    "/arbeitsbereich/lenkungskreis/umlaufverfahren/neu/",
    "/arbeitsbereich/lenkungskreis/beschluesse/",
    "/arbeitsbereich/lenkungskreis/antraege/",
]

pytestmark = pytest.mark.browser


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
    """Inject axe-core into the page and return its WCAG 2.1 A/AA violations (only those: asked for
    passes and incomplete results as well, axe takes three times as long)."""
    page.add_script_tag(path=str(AXE_SCRIPT))
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_TAGS
    )
    return results["violations"]


# KERN floats a fieldset's legend; what follows belongs in `.kern-fieldset__body`, which starts
# below it. Without it a label sits on the legend's line ("SucheSortierung") and its field shifts.
LEGENDS_BESIDE_FIELDS = """() => [...document.querySelectorAll('fieldset.kern-fieldset > legend')]
    .filter(legend => legend.getClientRects().length)
    .map(legend => [legend, legend.nextElementSibling])
    .filter(([legend, next]) => next && next.getClientRects().length
        && next.getBoundingClientRect().top < legend.getBoundingClientRect().bottom - 1)
    .map(([legend]) => legend.textContent.trim())"""


def assert_legends_stand_above_their_fields(page, path: str) -> None:
    beside = page.evaluate(LEGENDS_BESIDE_FIELDS)
    assert not beside, f"{path}: fields beside their group's legend {beside} (wrap them in .kern-fieldset__body)"


def assert_reflows(page, path: str, language: str) -> None:
    """WCAG 1.4.10 (which axe does not test), on the page already loaded, narrowed to 320 CSS px:
    no sideways scrolling of the page; wide tables scroll inside their own labelled region instead.
    (Narrowing the loaded page re-applies the style sheets' media queries as a load at 320 px would;
    nothing in site.js looks at the width.)"""
    page.set_viewport_size(NARROWEST)
    overflow = page_overflow(page)
    assert overflow["scrollWidth"] <= overflow["clientWidth"], (
        f"{path} ({language}) is {overflow['scrollWidth']} px wide at {overflow['clientWidth']} px: "
        f"{overflow['culprits']}"
    )
    for region in page.locator(".table-scroll").all():
        assert region.get_attribute("role") == "region" and region.get_attribute("tabindex") == "0"
        label = region.get_attribute("aria-labelledby")
        assert label and page.locator(f"#{label}").count() == 1, f"{path}: a scrolling table needs a label"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_is_accessible_self_hosted_and_reflows(open_page, demo_server, path, language):
    """The page's language, one h1, the skip link first, no WCAG violation axe finds, no request
    to another host, and reflow at 320 px: all from one load of the page (each check loaded it
    anew before)."""
    page, requested = open_page(path, language)
    assert page.evaluate("document.documentElement.lang") == language
    assert page.locator("h1").count() == 1, f"{path} ({language}) needs exactly one h1"
    first_link = page.locator("body a[href]").first
    assert first_link.get_attribute("href") == f"#{SKIP_TARGET}", (
        f"{path} ({language}): the first link must be the skip link to #{SKIP_TARGET}"
    )
    assert first_link.inner_text().strip(), "the skip link needs a visible text"
    assert page.locator(f"#{SKIP_TARGET}").count() == 1, f"{path}: no #{SKIP_TARGET} target"
    violations = axe_violations(page)
    assert not violations, format_violations(path, language, violations)
    # Requests are counted once the network has been quiet for half a second, late ones included
    # (by now it usually has been: axe takes longer than that).
    page.wait_for_load_state("networkidle")
    assert requested, "no request was recorded at all"
    foreign = [url for url in requested if not url.startswith(demo_server.url + "/")]
    assert not foreign, f"{path} ({language}) requests third-party resources: {foreign}"
    assert_legends_stand_above_their_fields(page, path)
    assert_reflows(page, path, language)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", WORKSPACE_PAGES)
def test_workspace_page_has_no_wcag_violations_and_reflows(open_page, path, language):
    page, _requested = open_page(path, language, person=SECRETARIAT)
    assert page.url.endswith(path), f"{path} sent the secretariat to {page.url}"  # not to login
    assert page.locator("h1").count() == 1, f"{path} ({language}) needs exactly one h1"
    violations = axe_violations(page)
    assert not violations, format_violations(path, language, violations)
    assert_legends_stand_above_their_fields(page, path)
    assert_reflows(page, path, language)


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


def test_reflow_check_sees_a_planted_overflow(open_page):
    """The harness works: an element wider than 320 px, planted in the page loaded at desktop
    width, is caught and named once the page is narrowed."""
    page, _requested = open_page("/", "de")
    page.evaluate(
        """() => {
            const wide = document.createElement('div');
            wide.id = 'planted-wide';
            wide.style.width = '500px';
            wide.textContent = 'x';
            document.getElementById('inhalt').appendChild(wide);
        }"""
    )
    with pytest.raises(AssertionError, match="planted-wide"):
        assert_reflows(page, "/", "de")
    assert page.viewport_size == NARROWEST


def test_legend_check_sees_fields_beside_their_legend(open_page):
    """The harness works: a KERN fieldset without its body puts the label on the legend's line."""
    page, _requested = open_page("/", "de")
    page.evaluate(
        """() => {
            const fieldset = document.createElement('fieldset');
            fieldset.className = 'kern-fieldset';
            fieldset.innerHTML = '<legend class="kern-label">Gepflanzt</legend>'
                + '<div class="kern-form-input"><label class="kern-label" for="p">Feld</label><input id="p"></div>';
            document.getElementById('inhalt').appendChild(fieldset);
        }"""
    )
    with pytest.raises(AssertionError, match="Gepflanzt"):
        assert_legends_stand_above_their_fields(page, "/")


# The main pages, photographed at desktop and phone width in both languages: var/screenshots/.
SCREENSHOT_PAGES = [
    ("start", "/", None),
    ("katalog", "/loesungen/", None),
    ("loesung", "/loesungen/kfz-zulassung-kreisuebergreifend/", None),
    ("nachnutzung", "/loesungen/kfz-zulassung-kreisuebergreifend/nachnutzung/", None),
    ("projekt", "/projekte/kfz-zulassung-kreisuebergreifend/", None),
    ("partner", "/partner/", None),
    ("portfolio", "/arbeitsbereich/", SECRETARIAT),
    ("projekt-arbeitsbereich", "/arbeitsbereich/projekte/kfz-zulassung-kreisuebergreifend/", SECRETARIAT),
    ("patenschaften", "/arbeitsbereich/patenschaften/", SECRETARIAT),
    ("protokoll", "/arbeitsbereich/protokoll/", SECRETARIAT),
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("name", "path", "person"), SCREENSHOT_PAGES)
def test_main_pages_are_photographed(open_page, name, path, person, language):
    page, _requested = open_page(path, language, person=person)
    for label, viewport in (("1280", DESKTOP), ("390", PHONE)):
        page.set_viewport_size(viewport)  # one load, narrowed: the layout follows the media queries
        saved = screenshot(page, f"{name}-{language}-{label}")
        assert saved.stat().st_size > 10_000, f"{saved} looks empty"
