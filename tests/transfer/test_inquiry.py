"""The public reuse request: form, honeypot, consent, rate limit, e-mail confirmation by POST."""

import re
import time
from pathlib import Path
from unittest import mock

import pytest
from django.core import mail

from governance.models import Notification, NotificationKind
from tests.conftest import clear_cache
from tests.factories import SolutionFactory
from transfer import services
from transfer.models import Inquiry, InquiryState, SolutionState

pytestmark = pytest.mark.django_db

VALID = {
    "administration": "Stadt Heidelberg, Bürgeramt",
    "contact_name": "Max Beispiel",
    "contact_email": "buergeramt@heidelberg.example.org",
    "message": "Wir möchten den Mängelmelder ab dem Frühjahr erproben.",
    "consent": "on",
    "website": "",
}


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    """The rate counter lives in the cache: every test starts from zero."""
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def solution():
    return SolutionFactory(title="Mängelmelder", slug="maengelmelder")


def form_url(solution) -> str:
    return f"/loesungen/{solution.slug}/nachnutzung/"


def submit(client, solution, address="192.0.2.10", **changes):
    return client.post(form_url(solution), {**VALID, **changes}, REMOTE_ADDR=address)


def confirmation_path() -> str:
    assert len(mail.outbox) == 1
    match = re.search(r"https?://[^/\s]+(/loesungen/nachnutzung/bestaetigen/[^/\s]+/)", mail.outbox[0].body)
    assert match, mail.outbox[0].body
    return match.group(1)


def test_form_has_consent_link_and_an_inaccessible_honeypot(client, solution):
    response = client.get(form_url(solution))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="/datenschutz/">Datenschutzerklärung</a>' in html
    honeypot = re.search(r'<div class="hp-field">(.*?)</div>', html, re.S).group(1)
    assert "Bitte leer lassen" in honeypot
    assert 'autocomplete="off"' in honeypot and 'tabindex="-1"' in honeypot
    assert ".hp-field" in Path("static/css/site.css").read_text(encoding="utf-8")
    assert 'maxlength="3000"' in html


@pytest.mark.parametrize("state", [SolutionState.DRAFT, SolutionState.UNPUBLISHED])
def test_only_published_solutions_take_requests(client, state):
    hidden = SolutionFactory(state=state)
    assert client.get(form_url(hidden)).status_code == 404
    assert submit(client, hidden).status_code == 404
    assert client.get(f"{form_url(hidden)}gesendet/").status_code == 404
    assert not Inquiry.objects.exists()


def test_valid_request_is_stored_unconfirmed_and_a_link_is_mailed(client, solution, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, solution)
    assert response.status_code == 302
    assert response["Location"] == f"/loesungen/{solution.slug}/nachnutzung/gesendet/"
    inquiry = Inquiry.objects.get()
    assert inquiry.state == InquiryState.UNCONFIRMED and inquiry.solution == solution
    assert inquiry.administration == "Stadt Heidelberg, Bürgeramt" and inquiry.consent is True
    assert mail.outbox[0].to == ["buergeramt@heidelberg.example.org"]
    assert confirmation_path()
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Bitte bestätigen Sie Ihre E-Mail-Adresse" in page.content.decode()
    assert "buergeramt@heidelberg" not in page.content.decode()


def test_confirm_needs_a_post_then_notifies_the_secretariat_once(
    client, solution, secretariat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, solution)
    path = confirmation_path()
    # A mail scanner following the link changes nothing.
    page = client.get(path)
    assert page.status_code == 200 and "Anfrage bestätigen" in page.content.decode()
    assert f'action="{path}"' in page.content.decode() and 'method="post"' in page.content.decode()
    assert Inquiry.objects.get().state == InquiryState.UNCONFIRMED
    assert not Notification.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(path)
    assert confirmed.status_code == 200 and "Ihre Anfrage ist bestätigt" in confirmed.content.decode()
    inquiry = Inquiry.objects.get()
    assert inquiry.state == InquiryState.CONFIRMED and inquiry.confirmed_at is not None
    notification = Notification.objects.get()
    assert notification.recipient == secretariat and notification.kind == NotificationKind.REUSE_INQUIRY
    # The second click changes nothing more.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(path)
    assert again.status_code == 200
    assert Notification.objects.count() == 1 and Inquiry.objects.get().confirmed_at == inquiry.confirmed_at


def test_honeypot_pretends_success_and_stores_nothing(client, solution, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, solution, website="https://spam.example.com")
    assert response.status_code == 302 and response["Location"].endswith("/nachnutzung/gesendet/")
    assert not Inquiry.objects.exists() and not mail.outbox


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"consent": ""}, "Bitte willigen Sie in die Verarbeitung ein"),
        ({"contact_email": "keine-adresse"}, "Bitte geben Sie eine gültige E-Mail-Adresse an"),
        ({"administration": ""}, "Bitte nennen Sie Ihre Verwaltung."),
        ({"message": "x" * 3001}, "Bitte kürzen Sie die Nachricht auf höchstens 3000 Zeichen"),
        ({"administration": "V" * 201}, "höchstens 200 Zeichen"),
    ],
)
def test_invalid_request_shows_a_german_error_and_stores_nothing(
    client, solution, changes, error, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, solution, **changes)
    assert response.status_code == 200
    html = response.content.decode()
    assert error in html and 'role="alert"' in html
    assert not Inquiry.objects.exists() and not mail.outbox


def test_sixth_request_from_one_address_within_the_hour_is_refused(
    client, solution, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        for _n in range(services.INQUIRY_RATE_LIMIT):
            assert submit(client, solution, address="198.51.100.7").status_code == 302
        refused = submit(client, solution, address="198.51.100.7")
    assert refused.status_code == 429
    assert "Zu viele Anfragen" in refused.content.decode()
    assert Inquiry.objects.count() == services.INQUIRY_RATE_LIMIT
    # Another address is not affected.
    assert submit(client, solution, address="198.51.100.8").status_code == 302


@pytest.mark.parametrize("token", ["ungueltig", "MQ:1uX:abc", "x" * 500])
def test_invalid_token_is_a_german_400(client, token):
    response = client.post(f"/loesungen/nachnutzung/bestaetigen/{token}/")
    assert response.status_code == 400
    assert "Der Bestätigungslink ist ungültig." in response.content.decode()
    assert client.get(f"/loesungen/nachnutzung/bestaetigen/{token}/").status_code == 200


def test_expired_token_is_a_german_400(client, solution):
    inquiry = services.inquiry_submit(
        inquiry=Inquiry(
            solution=solution,
            administration="Kreis",
            contact_name="A",
            contact_email="a@example.org",
            message="Bitte",
            consent=True,
        )
    )
    days_ago = time.time() - (services.INQUIRY_CONFIRM_DAYS + 1) * 86400
    with mock.patch("django.core.signing.time.time", return_value=days_ago):
        token = services.inquiry_token(inquiry)
    response = client.post(f"/loesungen/nachnutzung/bestaetigen/{token}/")
    assert response.status_code == 400
    assert "Der Bestätigungslink ist abgelaufen." in response.content.decode()
    assert Inquiry.objects.get().state == InquiryState.UNCONFIRMED


def test_oversized_post_is_refused_without_error_page_crash(client, solution):
    response = submit(client, solution, message="x" * 200_000)
    assert response.status_code == 200
    assert not Inquiry.objects.exists()
