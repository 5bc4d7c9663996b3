"""Logins, failed logins, logouts and password changes each write an audit event (finding 2).
The MFA events (enrolment, removal, recovery codes) are tested in test_mfa.py."""

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from governance.models import AuditEvent, AuditVerb
from governance.services.audit_verification import audit_verify
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "Testpasswort-123"
IP = "192.0.2.44"


@pytest.fixture
def person(db):
    return UserFactory(email="petra.lang@example.org")


def login(client, email, password=PASSWORD):
    return client.post(reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=IP)


def only(verb) -> AuditEvent:
    events = list(AuditEvent.objects.filter(verb=verb))
    assert len(events) == 1, f"{verb}: {len(events)} events"
    return events[0]


def test_successful_login_is_recorded_with_address(client, person):
    login(client, person.email)
    event = only(AuditVerb.LOGIN_SUCCEEDED)
    assert event.actor == person and event.target == person
    assert event.ip_address == IP
    assert event.payload == {"second_factor": "not required"}


def test_successful_login_of_a_privileged_person_notes_the_pending_factor(client, cio_bw):
    login(client, cio_bw.email)
    assert only(AuditVerb.LOGIN_SUCCEEDED).payload == {"second_factor": "required"}


def test_failed_login_is_recorded_against_the_account(client, person):
    login(client, person.email.upper(), "falsch")
    event = only(AuditVerb.LOGIN_FAILED)
    assert event.actor is None and event.target == person
    assert event.payload == {"stage": "password", "known_account": True}
    assert not AuditEvent.objects.filter(verb=AuditVerb.LOGIN_SUCCEEDED).exists()


def test_failed_login_for_an_unknown_address_does_not_write_the_address_down(client):
    login(client, "tippfehler@example.org", "falsch")
    event = only(AuditVerb.LOGIN_FAILED)
    assert event.target_id == "" and event.payload == {"stage": "password", "known_account": False}
    assert "tippfehler" not in str(event.payload) + event.target_label + event.actor_label


def test_logout_is_recorded(client, person):
    client.force_login(person)
    client.post(reverse("logout"))
    assert only(AuditVerb.LOGOUT).actor == person


def test_password_change_is_recorded(client, person):
    client.force_login(person)
    new = "Ganz-neu-und-lang-2026"
    client.post(reverse("password_change"), {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert only(AuditVerb.PASSWORD_CHANGED).actor == person


def test_failed_password_change_is_not_recorded_as_a_change(client, person):
    client.force_login(person)
    client.post(reverse("password_change"), {"old_password": "falsch", "new_password1": "x", "new_password2": "x"})
    assert not AuditEvent.objects.filter(verb=AuditVerb.PASSWORD_CHANGED).exists()


def test_password_reset_is_recorded(person):
    client = Client()
    client.post(reverse("password_reset"), {"email": person.email})
    link = re.search(r"https?://[^/]+(/konto/reset/\S+)", mail.outbox[-1].body).group(1)
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    new = "Ein-neues-Passwort-2026"
    response = client.post(set_url, {"new_password1": new, "new_password2": new})
    assert response["Location"] == reverse("password_reset_complete")
    event = only(AuditVerb.PASSWORD_RESET)
    assert event.actor == person and event.target == person


def test_auth_events_keep_the_chain_intact(client, person):
    login(client, person.email, "falsch")
    login(client, person.email)
    client.post(reverse("logout"))
    report = audit_verify()
    assert report.checked == 3 and report.ok, report.problems
