"""Logging in, out and resetting a password; throttled login; CSRF everywhere."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "Testpasswort-123"


@pytest.fixture
def person(db):
    return UserFactory(email="sabine.keller@example.org")


def login(client, email, password=PASSWORD, ip="192.0.2.10"):
    return client.post(reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=ip)


def test_login_with_email_address_whatever_the_case(client, person):
    response = login(client, "Sabine.Keller@Example.org")
    assert response.status_code == 302
    assert client.get(reverse("home")).context["user"] == person


def test_wrong_password_gets_a_german_message(client, person):
    response = login(client, person.email, "falsch")
    assert response.status_code == 200
    assert response.content.decode().count("E-Mail-Adresse oder Passwort stimmen nicht.") == 1


def test_logout_is_a_post(client, person):
    client.force_login(person)
    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
    assert not client.get(reverse("home")).context["user"].is_authenticated


def test_password_reset_by_email(client, person):
    response = client.post(reverse("password_reset"), {"email": person.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [person.email]
    assert message.subject == "Kooperationsraum: Passwort zurücksetzen"
    link = re.search(r"https?://[^/]+(/konto/reset/\S+)", message.body).group(1)
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_url, {"new_password1": "Ein-neues-Passwort-2026", "new_password2": "Ein-neues-Passwort-2026"}
    )
    assert done.status_code == 302
    person.refresh_from_db()
    assert person.check_password("Ein-neues-Passwort-2026")


def test_password_reset_for_unknown_address_reveals_nothing(client, person):
    response = client.post(reverse("password_reset"), {"email": "unbekannt@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


class TestThrottling:
    """Five failures lock one account from one address; other accounts behind that address (a
    shared proxy) are never blocked; across addresses an account is slowed down, not locked."""

    def test_account_locked_from_the_address_of_five_failures(self, client, person):
        for _ in range(5):
            login(client, person.email, "falsch", ip="203.0.113.9")
        response = login(client, person.email, PASSWORD, ip="203.0.113.9")
        assert response.status_code == 429
        assert "Anmeldung vorübergehend gesperrt" in response.content.decode()
        # From another address the person still gets in: the lock was on account and address.
        assert login(Client(), person.email, PASSWORD, ip="198.51.100.8").status_code == 302

    def test_other_accounts_behind_the_same_address_are_not_blocked(self, client, person):
        colleague = UserFactory(email="kollegin@example.org")
        for _ in range(25):
            login(client, person.email, "falsch", ip="203.0.113.9")
        assert login(client, person.email, PASSWORD, ip="203.0.113.9").status_code == 429
        assert login(Client(), colleague.email, PASSWORD, ip="203.0.113.9").status_code == 302

    def test_failures_for_many_accounts_do_not_lock_the_address(self, client, person):
        for attempt in range(12):
            login(client, f"rate{attempt}@example.org", "falsch", ip="203.0.113.9")
        assert login(Client(), person.email, PASSWORD, ip="203.0.113.9").status_code == 302

    def test_account_slowed_down_across_addresses_then_free_again(self, client, person, settings):
        for attempt in range(settings.LOGIN_SLOWDOWN_AFTER):
            login(client, person.email, "falsch", ip=f"192.0.2.{attempt + 1}")
        response = login(Client(), person.email, PASSWORD, ip="198.51.100.9")
        assert response.status_code == 429
        page = response.content.decode()
        assert "Bitte warten Sie 2 Sekunden" in page
        assert reverse("password_reset") in page
        # Once the wait is over, the right password gets in: slowed down, never locked.
        AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(seconds=3))
        assert login(Client(), person.email, PASSWORD, ip="198.51.100.9").status_code == 302

    def test_changing_the_case_of_the_address_does_not_reset_the_count(self, client, person):
        for attempt in range(5):
            login(client, person.email.upper() if attempt % 2 else person.email, "falsch", ip="203.0.113.9")
        assert login(client, person.email, PASSWORD, ip="203.0.113.9").status_code == 429

    def test_four_failures_do_not_lock(self, client, person):
        for _ in range(4):
            login(client, person.email, "falsch")
        assert login(client, person.email, PASSWORD).status_code == 302

    def test_lockout_page_offers_the_reset_link(self, client, person):
        for _ in range(5):
            login(client, person.email, "falsch", ip="203.0.113.9")
        response = login(client, person.email, PASSWORD, ip="203.0.113.9")
        assert response.status_code == 429
        assert f'href="{reverse("password_reset")}"' in response.content.decode()

    def test_a_password_reset_lifts_the_lock(self, client, person, django_capture_on_commit_callbacks):
        for _ in range(5):
            login(client, person.email, "falsch", ip="203.0.113.9")
        with django_capture_on_commit_callbacks(execute=True):
            reset_password(client, person, "Ein-neues-Passwort-2026")
        assert login(Client(), person.email, "Ein-neues-Passwort-2026", ip="203.0.113.9").status_code == 302


def reset_password(client, person, new_password: str):
    client.post(reverse("password_reset"), {"email": person.email})
    link = re.search(r"https?://[^/]+(/konto/reset/\S+)", mail.outbox[-1].body).group(1)
    set_url = client.get(link, follow=True).redirect_chain[-1][0]
    return client.post(set_url, {"new_password1": new_password, "new_password2": new_password})


def test_login_without_csrf_token_is_refused(person):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": person.email, "password": PASSWORD})
    assert response.status_code == 403
    assert "Formular abgelaufen" in response.content.decode()
