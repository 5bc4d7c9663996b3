"""The public membership and theme request (/mitmachen/): form, honeypot, consent, rate limit,
e-mail confirmation by POST, then waiting for the secretariat; retention and erasure."""

import re
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.utils import timezone

from governance.models import (
    AuditEvent,
    AuditVerb,
    Notification,
    NotificationKind,
    RequestKind,
    RequestState,
    SteeringRequest,
)
from governance.services.steering import public_requests
from privacy.services.erasure import person_erase
from privacy.services.exports import personal_data
from privacy.services.retention import retention_enforce
from tests.conftest import clear_cache, login
from tests.factories import NetworkFactory, UserFactory
from tests.governance.steering import build_circle

pytestmark = pytest.mark.django_db
URL = "/mitmachen/"


@pytest.fixture(autouse=True)
def _fresh_rate_limit():
    clear_cache()
    yield
    clear_cache()


@pytest.fixture
def c():
    return build_circle()


@pytest.fixture
def network():
    return NetworkFactory(name="Erprobungsraum Rheinland", slug="erprobungsraum-rheinland")


def valid(the_network, /, **changes):
    return {
        "applicant": "Stadt Bonn, Amt für Digitalisierung",
        "contact_name": "Erika Beispiel",
        "contact_email": "digitalisierung@bonn.example.org",
        "kind": RequestKind.MEMBERSHIP,
        "network": str(the_network.pk),
        "focus_area_name": "",
        "description": "Wir möchten die Behördennummer 115 gemeinsam weiterentwickeln.",
        "consent": "on",
        "website": "",
        **changes,
    }


def submit(client, the_network, /, address="192.0.2.20", **changes):
    return client.post(URL, valid(the_network, **changes), REMOTE_ADDR=address)


def confirmation_path() -> str:
    assert len(mail.outbox) == 1
    match = re.search(r"https?://[^/\s]+(/mitmachen/bestaetigen/[^/\s]+/)", mail.outbox[0].body)
    assert match, mail.outbox[0].body
    return match.group(1)


def test_form_names_its_fields_hints_consent_and_hides_the_honeypot(client, c, network):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mitmachen im Kooperationsraum" in html
    for text in ("Ihre Verwaltung", "Ansprechperson", "Dienstliche E-Mail-Adresse", "Aufnahme in einen Verbund"):
        assert text in html
    assert "Neuer Arbeitsschwerpunkt" in html and "Erprobungsraum Rheinland" in html
    assert "Zum Beispiel „Stadt Bonn" in html  # hint
    assert '<a href="/datenschutz/">Datenschutzerklärung</a>' in html
    honeypot = re.search(r'<div class="hp-field">(.*?)</div>', html, re.S).group(1)
    assert 'tabindex="-1"' in honeypot
    assert 'autocomplete="organization"' in html and 'maxlength="3000"' in html
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_form_is_linked_from_the_footer_and_the_partner_list(client, c):
    assert 'href="/mitmachen/"' in client.get("/").content.decode()
    assert 'href="/mitmachen/"' in client.get("/partner/").content.decode()


def test_valid_request_is_stored_unconfirmed_and_a_link_is_mailed(
    client, c, network, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, network)
    assert response.status_code == 302 and response["Location"] == "/mitmachen/gesendet/"
    r = SteeringRequest.objects.get()
    assert r.state == RequestState.UNCONFIRMED and r.filed_by is None and r.partner is None
    assert r.network == network and r.applicant == "Stadt Bonn, Amt für Digitalisierung" and r.consent
    email = mail.outbox[0]
    assert email.to == ["digitalisierung@bonn.example.org"]
    assert "Bitte bestätigen Sie Ihren Antrag an den Lenkungskreis" in email.subject
    assert "Guten Tag, Erika Beispiel," in email.body
    assert "gestellt: Aufnahme von Stadt Bonn, Amt für Digitalisierung in Erprobungsraum Rheinland." in email.body
    assert "nach 3 Tagen" in email.body
    assert confirmation_path()
    page = client.get(response["Location"]).content.decode()
    assert "Bitte bestätigen Sie Ihre E-Mail-Adresse" in page and "bonn.example.org" not in page
    # Nothing reached the secretariat or the audit trail yet.
    assert not Notification.objects.exists()
    assert not AuditEvent.objects.filter(verb=AuditVerb.STEERING_REQUEST_FILED).exists()


def test_confirm_needs_a_post_then_files_notifies_and_audits_once(
    client, c, network, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, network)
    path = confirmation_path()
    page = client.get(path)
    assert page.status_code == 200 and f'action="{path}"' in page.content.decode()
    assert SteeringRequest.objects.get().state == RequestState.UNCONFIRMED
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = client.post(path)
    assert confirmed.status_code == 200 and "Ihr Antrag ist bestätigt" in confirmed.content.decode()
    r = SteeringRequest.objects.get()
    assert r.state == RequestState.FILED and r.confirmed_at is not None
    notification = Notification.objects.get()
    assert notification.recipient == c.secretariat and notification.kind == NotificationKind.STEERING_REQUEST
    assert "Stadt Bonn" in notification.subject_de and notification.link == "/arbeitsbereich/lenkungskreis/antraege/"
    event = AuditEvent.objects.get(verb=AuditVerb.STEERING_REQUEST_FILED)
    assert event.actor is None and event.payload["way"] == "public_form"
    assert "bonn.example.org" not in str(event.payload) and "Erika" not in str(event.payload)
    # A second click (or a reused link) changes nothing and notifies nobody again.
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(path)
    assert again.status_code == 200
    assert Notification.objects.count() == 1
    assert SteeringRequest.objects.get().confirmed_at == r.confirmed_at
    assert AuditEvent.objects.filter(verb=AuditVerb.STEERING_REQUEST_FILED).count() == 1


def test_confirmed_request_waits_in_the_secretariats_list_unconfirmed_does_not(
    client, c, network, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        submit(client, network, applicant="Kreis Mettmann")
    login(client, c.secretariat)
    page = client.get("/arbeitsbereich/lenkungskreis/antraege/").content.decode()
    assert "Kreis Mettmann" not in page
    public_requests.steering_request_confirm(
        token=public_requests.steering_request_token(SteeringRequest.objects.get())
    )
    page = client.get("/arbeitsbereich/lenkungskreis/antraege/").content.decode()
    assert "Aufnahme von Kreis Mettmann in Erprobungsraum Rheinland" in page
    assert "öffentliches Formular" in page and "Noch kein Partner zugeordnet" in page
    assert "digitalisierung@bonn.example.org" in page  # the secretariat needs the contact


def test_theme_request_needs_only_the_theme(client, c, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL,
            {
                **valid(NetworkFactory(), kind=RequestKind.FOCUS_AREA, network=""),
                "focus_area_name": "Künstliche Intelligenz in der Verwaltung",
            },
        )
    assert response.status_code == 302
    r = SteeringRequest.objects.get()
    assert r.kind == RequestKind.FOCUS_AREA and r.network is None
    assert str(r) == "Arbeitsschwerpunkt „Künstliche Intelligenz in der Verwaltung“"


def test_honeypot_pretends_success_and_stores_nothing(client, c, network, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, network, website="https://spam.example.com")
    assert response.status_code == 302 and response["Location"] == "/mitmachen/gesendet/"
    assert not SteeringRequest.objects.exists() and not mail.outbox


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"applicant": ""}, "Bitte nennen Sie Ihre Verwaltung."),
        ({"contact_name": "  "}, "Bitte nennen Sie Ihren Namen."),
        ({"contact_email": ""}, "Bitte geben Sie Ihre E-Mail-Adresse an."),
        ({"contact_email": "keine-adresse"}, "Bitte geben Sie eine gültige E-Mail-Adresse an"),
        ({"kind": ""}, "Bitte wählen Sie, ob Sie beitreten oder ein Thema vorschlagen möchten."),
        ({"network": ""}, "Bitte wählen Sie den Verbund, dem Ihre Verwaltung beitreten möchte."),
        ({"network": "999999"}, "Bitte wählen Sie einen Verbund aus der Liste."),
        ({"kind": RequestKind.FOCUS_AREA, "network": ""}, "Bitte nennen Sie den neuen Arbeitsschwerpunkt."),
        ({"description": ""}, "Bitte begründen Sie den Antrag."),
        ({"description": "x" * 3001}, "Bitte kürzen Sie die Begründung auf höchstens 3000 Zeichen"),
        ({"applicant": "V" * 201}, "höchstens 200 Zeichen"),
        ({"consent": ""}, "Bitte willigen Sie in die Verarbeitung ein"),
    ],
)
def test_bad_input_gets_a_german_message_keeps_the_input_and_stores_nothing(
    client, c, network, changes, error, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, network, **changes)
    assert response.status_code == 200
    html = response.content.decode()
    assert error in html and 'role="alert"' in html and "Fehler:" in html
    if "description" not in changes:
        assert "Wir möchten die Behördennummer 115 gemeinsam weiterentwickeln." in html
    assert not SteeringRequest.objects.exists() and not mail.outbox


def test_existing_theme_is_refused_by_the_service_on_the_form(client, c, network):
    from governance.models import FocusArea

    FocusArea.objects.create(name="Offene Daten", slug="offene-daten")
    response = submit(client, network, kind=RequestKind.FOCUS_AREA, network="", focus_area_name="offene daten")
    assert "Einen Arbeitsschwerpunkt mit diesem Namen gibt es bereits." in response.content.decode()
    assert not SteeringRequest.objects.exists()


def test_sixth_request_within_the_hour_is_a_german_429(client, c, network, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        for _n in range(public_requests.RATE_LIMIT):
            assert submit(client, network, address="198.51.100.9").status_code == 302
        refused = submit(client, network, address="198.51.100.9")
    assert refused.status_code == 429 and refused["Retry-After"] == "3600"
    assert "Zu viele Anträge" in refused.content.decode()
    assert SteeringRequest.objects.count() == public_requests.RATE_LIMIT
    assert submit(client, network, address="198.51.100.10").status_code == 302
    # The reuse request keeps its own counter.
    from transfer import services as transfer_services

    assert not transfer_services.inquiry_rate_limited(address="198.51.100.9")


@pytest.mark.parametrize("token", ["ungueltig", "MQ:1uX:abc", "x" * 500])
def test_wrong_token_is_a_german_400(client, c, token):
    response = client.post(f"/mitmachen/bestaetigen/{token}/")
    assert response.status_code == 400
    assert "Der Bestätigungslink ist ungültig." in response.content.decode()


def test_inquiry_token_does_not_confirm_a_steering_request(client, c, network):
    from kooperationsraum.public_requests import confirmation_token
    from transfer.services import INQUIRY_SALT

    r = public_requests.steering_request_submit(steering_request=SteeringRequest(**_fields(c, network)))
    response = client.post(f"/mitmachen/bestaetigen/{confirmation_token(r.pk, salt=INQUIRY_SALT)}/")
    assert response.status_code == 400
    assert SteeringRequest.objects.get().state == RequestState.UNCONFIRMED


def _fields(c, network):
    return {
        "circle": c.circle,
        "kind": RequestKind.MEMBERSHIP,
        "network": network,
        "applicant": "Stadt Köln",
        "contact_name": "A. Beispiel",
        "contact_email": "a@koeln.example.org",
        "description": "Bitte aufnehmen.",
        "consent": True,
    }


def test_expired_or_vanished_request_is_a_german_400(client, c, network):
    r = public_requests.steering_request_submit(steering_request=SteeringRequest(**_fields(c, network)))
    days_ago = time.time() - (public_requests.CONFIRM_DAYS + 1) * 86400
    with mock.patch("django.core.signing.time.time", return_value=days_ago):
        old = public_requests.steering_request_token(r)
    response = client.post(f"/mitmachen/bestaetigen/{old}/")
    assert response.status_code == 400
    assert "Bitte stellen Sie den Antrag erneut." in response.content.decode()
    token = public_requests.steering_request_token(r)
    r.delete()
    response = client.post(f"/mitmachen/bestaetigen/{token}/")
    assert response.status_code == 400 and "Diesen Antrag gibt es nicht mehr." in response.content.decode()


def test_service_refuses_without_consent_or_contact(c, network):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Einwilligung"):
        public_requests.steering_request_submit(
            steering_request=SteeringRequest(**{**_fields(c, network), "consent": False})
        )
    with pytest.raises(ValidationError, match="Ihren Namen"):
        public_requests.steering_request_submit(
            steering_request=SteeringRequest(**{**_fields(c, network), "contact_name": ""})
        )
    assert not SteeringRequest.objects.exists()


def test_unconfirmed_requests_are_purged_after_the_link_expires(c, network):
    old = public_requests.steering_request_submit(steering_request=SteeringRequest(**_fields(c, network)))
    SteeringRequest.objects.filter(pk=old.pk).update(filed_at=timezone.now() - timedelta(days=4))
    fresh = public_requests.steering_request_submit(steering_request=SteeringRequest(**_fields(c, network)))
    done = retention_enforce()
    assert done["unconfirmed_steering_requests"] == 1
    assert list(SteeringRequest.objects.values_list("pk", flat=True)) == [fresh.pk]


def test_the_persons_data_is_exported_and_erased(c, network):
    person = UserFactory(email="a@koeln.example.org")
    filed = public_requests.steering_request_submit(steering_request=SteeringRequest(**_fields(c, network)))
    public_requests.steering_request_confirm(token=public_requests.steering_request_token(filed))
    public_requests.steering_request_submit(steering_request=SteeringRequest(**_fields(c, network)))
    exported = personal_data(person)["steering_requests"]
    assert len(exported) == 2 and exported[0]["contact_name"] == "A. Beispiel"
    person_erase(person=person, actor=c.secretariat)
    kept = SteeringRequest.objects.get()
    assert kept.pk == filed.pk and kept.contact_name == "" and kept.contact_email == ""
    assert kept.applicant == "Stadt Köln"  # the administration's request stays as the circle's record
