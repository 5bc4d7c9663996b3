"""Journeys in a real browser: what a person does and sees, end to end, against the live server with
real templates, static files (KERN) and the scripts, and e-mails read from the mail outbox.

The demo data is seeded once for the module (tests/browser.py). Each journey writes only objects of
its own (its own project, its own reuse request), so the journeys do not depend on their order.
The later capabilities (steering circle, reports) have theirs in tests/test_journeys_steering.py.
"""

import re
import secrets
from datetime import date
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from governance.models import Partner
from governance.permissions import requires_mfa
from projects.models import Project, Sponsorship, SponsorshipState
from projects.services.sponsorships import sponsorship_request
from tests.browser import PHONE, SECRETARIAT, browser, demo_server, new_context, page_overflow
from transfer.models import Inquiry

FIXTURES = (browser, demo_server, new_context)  # imported for pytest, used by name below
PASSWORD = "Kooperationsraum-Demo-2026"
CIO_BW, CIO_HE = "cio.bw@example.org", "cio.he@example.org"
PROJECT_CONTACT = "projekt.mannheim@example.org"  # leads "Digitaler Bauantrag"

pytestmark = pytest.mark.browser


def second_factor_code(email: str) -> str | None:
    """For a person who must use a second factor: an enrolled authenticator app and one fresh
    recovery code to answer the check with (a real app's code would depend on the clock)."""
    person = get_user_model().objects.get(email=email)
    if not requires_mfa(person):
        return None
    TOTPDevice.objects.get_or_create(user=person, name="Journey-App", defaults={"confirmed": True})
    device, _ = StaticDevice.objects.get_or_create(user=person, name="Journey-Codes")
    code = f"journey{secrets.token_hex(4)}"
    StaticToken.objects.create(device=device, token=code)
    return code


def log_in(page, email: str) -> None:
    """Fill the login form the page shows (after a redirect to it, or on /konto/login/), and the
    second factor where the person's role needs one."""
    code = second_factor_code(email)
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    if code:
        page.locator("input[name=code]").fill(code)
        page.get_by_role("button", name="Bestätigen").click()


def mail_to(address: str, subject_part: str = ""):
    messages = [m for m in mail.outbox if address in m.to and subject_part in m.subject]
    assert messages, f"no e-mail to {address} ({subject_part!r}); outbox: {[(m.to, m.subject) for m in mail.outbox]}"
    return messages[-1]


def link_path(body: str, pattern: str) -> str:
    """The path of the first link in an e-mail body that matches `pattern` (any host)."""
    match = re.search(rf"https?://\S*({pattern}\S*)", body)
    assert match, f"no link matching {pattern} in: {body}"
    return urlsplit(match.group(0)).path


def test_1_secretariat_creates_a_project_and_requests_a_sponsorship(new_context, demo_server):
    page = new_context("de").new_page()
    page.goto(demo_server.url + "/konto/login/")
    log_in(page, SECRETARIAT)
    page.get_by_role("navigation", name="Hauptnavigation").get_by_role("link", name="Arbeitsbereich").click()
    page.get_by_role("link", name="Neues Projekt anlegen").click()
    page.get_by_label("Titel", exact=False).first.fill("Digitale Hundesteuer")
    page.get_by_label("Kürzel").fill("HUND-DIG")
    page.get_by_label("Kurzadresse").fill("digitale-hundesteuer")
    page.get_by_label("Öffentliche Kurzbeschreibung").fill("Die Hundesteuer online an- und abmelden.")
    page.get_by_label("Federführender Partner").select_option(label="Stadt Mannheim")
    page.get_by_label("Beginn").fill("01.02.2027")
    page.get_by_role("button", name=re.compile("anlegen|speichern", re.I)).click()
    page.get_by_role("heading", level=1, name=re.compile("Digitale Hundesteuer")).wait_for()

    # A participating partner, then a milestone.
    participation = page.locator("form[aria-labelledby=partner-add-title]")
    participation.get_by_label("Partner").select_option(label="Stadt Heidelberg")
    participation.get_by_label("Rolle im Projekt").select_option(label="Projektpartner")
    participation.get_by_role("button", name="Speichern").click()
    assert page.get_by_role("table", name="Beteiligte Partner und ihre Rollen").get_by_text("Stadt Heidelberg").count()
    page.get_by_role("link", name="Meilenstein hinzufügen").click()
    page.get_by_label("Meilenstein").fill("Pilot in Mannheim")
    page.get_by_label("Fällig am").fill("30.06.2027")
    page.get_by_role("button", name=re.compile("speichern|anlegen|hinzufügen", re.I)).click()
    assert page.get_by_role("cell", name="Pilot in Mannheim", exact=True).count() == 1

    # The CIO sponsorship, requested from Hessen: pending on the project's page.
    page.get_by_role("link", name="CIO-Patenschaft anfragen").click()
    page.get_by_label("Land").select_option(label="Hessen")
    page.get_by_label("Konzeption und Umsetzung").check()
    page.get_by_label("Laufzeit von").fill("01.02.2027")
    page.get_by_label(re.compile("^Begründung")).fill("Hessen hat die Hundesteuer bereits digitalisiert.")
    page.get_by_role("button", name=re.compile("anfragen|senden", re.I)).click()
    project = Project.objects.get(slug="digitale-hundesteuer")
    sponsorship = Sponsorship.objects.get(project=project)
    assert sponsorship.state == SponsorshipState.REQUESTED and sponsorship.land.name == "Hessen"
    page.goto(demo_server.url + project.get_absolute_url())
    row = page.get_by_role("table", name="CIO-Patenschaften und Anfragen dieses Projekts").get_by_role(
        "row", name=re.compile("Hessen")
    )
    assert re.search("angefragt|offen", row.inner_text(), re.I), row.inner_text()
    assert mail_to(CIO_HE)


def test_2_cio_follows_the_mail_link_and_approves(new_context, demo_server):
    # The request comes from the service (journey 1 shows the form); its e-mail is what the CIO gets.
    project = Project.objects.exclude(sponsorships__land__slug="bw").exclude(slug="digitale-hundesteuer").first()
    people = get_user_model().objects
    sponsorship = sponsorship_request(
        project=project,
        land=Partner.objects.get(slug="bw"),
        scope="both",
        term_start=date(2027, 1, 1),
        term_end=None,
        justification="Baden-Württemberg führt das Vorhaben.",
        actor=people.get(email=SECRETARIAT),
    )
    path = link_path(mail_to(CIO_BW).body, "/arbeitsbereich/patenschaften/")

    page = new_context("de").new_page()
    page.goto(demo_server.url + path)  # not logged in: the login page first, then back to the request
    log_in(page, CIO_BW)
    assert urlsplit(page.url).path == path
    page.get_by_label(re.compile("^Begründung")).fill("Passt zur Landesstrategie.")
    page.get_by_role("button", name="Übernehmen").click()
    page.get_by_role("status").wait_for()
    sponsorship.refresh_from_db()
    assert sponsorship.state == SponsorshipState.APPROVED

    # The secretariat sees the decision and its notification.
    office = new_context("de", person=SECRETARIAT).new_page()
    office.goto(demo_server.url + path)
    assert "Passt zur Landesstrategie." in office.locator("main").inner_text()
    office.goto(demo_server.url + "/benachrichtigungen/")
    assert project.acronym in office.locator("main").inner_text()

    # The CIO of another Land: not found.
    other = new_context("de", person=CIO_HE).new_page()
    assert other.goto(demo_server.url + path).status == 404


def test_3_project_contact_keeps_their_project_current(new_context, demo_server):
    page = new_context("de", person=PROJECT_CONTACT).new_page()
    project = Project.objects.get(slug="digitaler-bauantrag")
    page.goto(demo_server.url + project.get_absolute_url())
    page.get_by_role("link", name=re.compile("^Bearbeiten")).first.click()
    page.get_by_label("Erreicht am").fill("15.01.2027")
    page.get_by_role("button", name=re.compile("speichern", re.I)).click()
    assert "15.01.2027" in page.locator("#meilensteine").inner_text()

    page.get_by_role("link", name="Statusbericht erstellen").click()
    page.get_by_label("Berichtszeitraum von").fill("01.10.2026")
    page.get_by_label("Berichtszeitraum bis").fill("31.12.2026")
    for legend in ("Zeitplan", "Budget", "Umfang"):
        page.get_by_role("group", name=legend).get_by_label("im Plan").check()
    page.get_by_label("Bericht (Markdown)").fill("Der Pilot läuft in zwei Bürgerbüros.")
    page.get_by_role("button", name=re.compile("speichern|erstellen", re.I)).click()
    assert "Der Pilot läuft in zwei Bürgerbüros." in page.locator("#statusberichte").inner_text()

    other = Project.objects.exclude(team__person__email=PROJECT_CONTACT).filter(slug="kfz-zulassung-kreisuebergreifend")
    assert page.goto(demo_server.url + other.get().get_absolute_url()).status == 404


def _find_and_ask(page, demo_server, email: str) -> None:
    """The public visitor's journey: search in German, narrow by two filters, open, ask, confirm."""
    page.goto(demo_server.url + "/")
    page.get_by_label("Lösungen durchsuchen").fill("Zulassung")
    page.get_by_role("button", name="Suchen").click()
    heading = page.get_by_role("heading", level=2, name=re.compile(r"\d+ Lösung(en)? gefunden"))
    heading.wait_for()
    assert page.evaluate("document.activeElement.id") == "results-title"  # the focus is on the results
    toggle = page.get_by_role("button", name=re.compile("Filter anzeigen"))
    if toggle.is_visible():  # small screens: the filters wait behind one button
        assert toggle.get_attribute("aria-expanded") == "false"
        toggle.click()
        assert toggle.get_attribute("aria-expanded") == "true"
    page.get_by_label("Land", exact=True).select_option(value="BW")
    page.get_by_label("nur Open Source").check()
    page.get_by_role("button", name="Filter anwenden").click()
    assert re.search(r"\d+ Lösung", page.locator("#results-title").inner_text())
    page.get_by_role("link", name=re.compile("Kfz-Zulassung", re.I)).first.click()
    page.get_by_role("link", name="Interesse an Nachnutzung").first.click()
    page.get_by_label("Ihre Verwaltung").fill("Stadt Musterstadt, Bürgerdienste")
    page.get_by_label("Ihr Name").fill("Kim Muster")
    page.get_by_label("Ihre dienstliche E-Mail-Adresse").fill(email)
    page.get_by_label("Ihre Nachricht").fill("Wir möchten die Zulassung 2027 nachnutzen.")
    page.get_by_label(re.compile("Ich willige ein")).check()
    page.get_by_role("button", name="Anfrage senden").click()
    page.get_by_role("heading", level=1).wait_for()
    path = link_path(mail_to(email).body, "/loesungen/nachnutzung/bestaetigen/")
    page.goto(demo_server.url + path)
    page.get_by_role("button", name="Anfrage bestätigen").click()
    page.get_by_role("heading", level=1).wait_for()
    assert Inquiry.objects.get(contact_email=email).state != "unconfirmed"


def test_4_public_visitor_finds_a_solution_and_asks_to_reuse_it(new_context, demo_server):
    _find_and_ask(new_context("de").new_page(), demo_server, "kim.muster@musterstadt.example")
    office = new_context("de", person=SECRETARIAT).new_page()
    office.goto(demo_server.url + "/arbeitsbereich/nachnutzung/anfragen/")
    assert "Stadt Musterstadt, Bürgerdienste" in office.locator("main").inner_text()


def test_5_keyboard_only_search_and_reuse_form_show_the_focus(new_context, demo_server):
    page = new_context("de").new_page()
    page.goto(demo_server.url + "/loesungen/")
    seen = set()
    for _ in range(60):  # Tab through header, search and filters; every stop shows the focus
        page.keyboard.press("Tab")
        focus = page.evaluate(
            """() => { const el = document.activeElement, style = getComputedStyle(el);
                const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
                return {id: el.id, tag: el.tagName, outline, shadow: style.boxShadow !== 'none'}; }"""
        )
        assert focus["outline"] or focus["shadow"], f"no visible focus on {focus}"
        seen.add(focus["id"])
        if focus["id"] == "id_q":
            break
    assert "id_q" in seen, "the search field is reachable by Tab"
    page.keyboard.type("Zulassung")
    page.keyboard.press("Enter")
    page.locator("#results-title").wait_for()
    assert page.evaluate("document.activeElement.id") == "results-title"

    page.goto(demo_server.url + "/loesungen/kfz-zulassung-kreisuebergreifend/nachnutzung/")
    stops = []
    for _ in range(40):
        page.keyboard.press("Tab")
        focus = page.evaluate(
            """() => { const el = document.activeElement, style = getComputedStyle(el);
                const name = el.name || el.textContent.trim().slice(0, 30);
                return {name, visible: style.outlineStyle !== 'none'}; }"""
        )
        assert focus["visible"], f"no visible focus on {focus}"
        stops.append(focus["name"])
        if focus["name"] == "consent":
            break
    assert {"administration", "contact_name", "contact_email", "message", "consent"} <= set(stops)
    assert "website" not in stops, "the honeypot is not a Tab stop"


def test_6_public_visitor_on_a_phone(new_context, demo_server):
    page = new_context("de", viewport=PHONE).new_page()
    page.goto(demo_server.url + "/")
    menu = page.get_by_role("button", name="Menü")
    assert menu.is_visible() and not page.get_by_role("navigation", name="Hauptnavigation").is_visible()
    menu.click()
    assert page.get_by_role("link", name="Lösungskatalog").is_visible()
    _find_and_ask(page, demo_server, "kim.mobil@musterstadt.example")
    overflow = page_overflow(page)
    assert overflow["scrollWidth"] <= overflow["clientWidth"], overflow
