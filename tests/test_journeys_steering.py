"""Journeys of the later capabilities in a real browser (see tests/test_journeys.py for the first
six and the helpers): a member votes in a written procedure, an administration asks to join and
confirms by e-mail, the secretariat produces a status pack on demand and downloads it.

The demo data is seeded once for the module; each journey writes only objects of its own.
"""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model

from governance.models import Ballot, BallotState, BallotVote, RequestState, SteeringRequest
from governance.views.steering_ballots import votable_seats
from reports.models import ReportRun
from tests.browser import SECRETARIAT, browser, demo_server, new_context
from tests.test_journeys import link_path, mail_to

FIXTURES = (browser, demo_server, new_context)  # imported for pytest, used by name below
MEMBERS = [f"lenkungskreis.{land}@example.org" for land in ("bw", "he", "rp", "mrn")]

pytestmark = pytest.mark.browser


def test_7_member_votes_once_in_the_open_written_procedure(new_context, demo_server):
    ballot = Ballot.objects.get(state=BallotState.OPEN)
    people = get_user_model().objects
    member = next(email for email in MEMBERS if votable_seats(people.get(email=email), ballot).exists())
    seat = votable_seats(people.get(email=member), ballot).get()

    page = new_context("de", person=member).new_page()
    page.goto(demo_server.url + "/arbeitsbereich/lenkungskreis/")
    page.get_by_role("link", name=ballot.title).first.click()
    assert urlsplit(page.url).path == f"/arbeitsbereich/lenkungskreis/umlaufverfahren/{ballot.pk}/"
    page.get_by_label("Ja", exact=True).check()
    page.get_by_role("button", name="Stimme abgeben").click()
    page.get_by_role("status").wait_for()

    vote = BallotVote.objects.get(ballot=ballot, seat=seat)
    assert vote.choice == "yes" and vote.cast_by.email == member
    # The ballot now lists the seat as voted, and offers no second vote for it.
    assert page.get_by_role("button", name="Stimme abgeben").count() == 0
    assert seat.partner.name in page.locator("main").inner_text()


def test_8_administration_asks_to_join_and_confirms_by_mail(new_context, demo_server):
    email = "digital@kreis-musterland.example"
    page = new_context("de").new_page()
    page.goto(demo_server.url + "/")
    page.get_by_role("link", name="Aufnahme oder neues Thema beantragen").first.click()
    assert urlsplit(page.url).path == "/mitmachen/"
    page.get_by_label("Ihre Verwaltung").fill("Kreis Musterland, Stabsstelle Digitalisierung")
    page.get_by_label("Ansprechperson").fill("Robin Beispiel")
    page.get_by_label("Dienstliche E-Mail-Adresse").fill(email)
    page.get_by_role("radio", name="Aufnahme in einen Verbund").check()
    page.get_by_label("Verbund", exact=True).select_option(index=1)
    page.get_by_label("Begründung").fill("Wir möchten unsere Erfahrungen mit dem digitalen Bauantrag einbringen.")
    page.get_by_label(re.compile("Ich willige ein")).check()
    page.get_by_role("button", name="Antrag senden").click()
    page.get_by_role("heading", level=1).wait_for()
    assert SteeringRequest.objects.get(contact_email=email).state == RequestState.UNCONFIRMED

    page.goto(demo_server.url + link_path(mail_to(email).body, "/mitmachen/bestaetigen/"))
    page.get_by_role("button", name="Antrag bestätigen").click()
    page.get_by_role("heading", level=1).wait_for()
    assert SteeringRequest.objects.get(contact_email=email).state != RequestState.UNCONFIRMED

    office = new_context("de", person=SECRETARIAT).new_page()
    office.goto(demo_server.url + "/arbeitsbereich/lenkungskreis/antraege/")
    assert "Kreis Musterland, Stabsstelle Digitalisierung" in office.locator("main").inner_text()


def test_9_secretariat_produces_a_status_pack_and_downloads_it(new_context, demo_server):
    page = new_context("de", person=SECRETARIAT).new_page()
    page.goto(demo_server.url + "/arbeitsbereich/berichte/")
    page.get_by_label("Berichtsart").select_option(label="Monatlicher Statusbericht für den Lenkungskreis")
    page.get_by_label("Zeitraum").fill("2026-10")
    page.get_by_role("button", name="Bericht erstellen").click()
    pdf_link = page.get_by_role("link", name=re.compile(r"\.pdf$"))
    pdf_link.wait_for(timeout=60_000)  # the progress page turns into the result once the worker is done

    run = ReportRun.objects.get(kind="monthly", period="2026-10")
    assert urlsplit(page.url).path == run.get_absolute_url()
    download = page.request.get(demo_server.url + pdf_link.get_attribute("href"))
    assert download.status == 200
    assert download.headers["content-type"] == "application/pdf"
    assert download.body()[:5] == b"%PDF-"
