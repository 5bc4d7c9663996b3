"""Sessions: a new key at login, timeouts for privileged roles, and every way a person's
sessions all end (logout, password change, deactivation, the end of a privileged role)."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from governance.middleware import SESSION_SEEN, SESSION_STARTED
from governance.models import Role
from governance.services.roles import person_save, role_assignment_save
from governance.services.sessions import sessions_end_for
from tests.conftest import person_with_role
from tests.factories import RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "Testpasswort-123"
INBOX = "/arbeitsbereich/patenschaften/"
NOTIFICATIONS = "/benachrichtigungen/"


def logged_in(person) -> Client:
    client = Client()
    client.force_login(person)  # counts as MFA-verified (tests/conftest.py)
    return client


def is_logged_in(client) -> bool:
    return client.get(reverse("home")).context["user"].is_authenticated


def age_session(client, **seconds_ago) -> None:
    session = client.session
    now = time.time()
    for key, ago in seconds_ago.items():
        session[key] = now - ago
    session.save()


def test_session_key_is_renewed_at_login_and_at_the_second_factor(client):
    person = UserFactory()
    session = client.session  # an anonymous session, as an attacker might plant it
    session["planted"] = True
    session.save()
    before = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post(reverse("login"), {"username": person.email, "password": PASSWORD})
    after = client.cookies[settings.SESSION_COOKIE_NAME].value
    assert after != before
    assert not Session.objects.filter(session_key=before).exists()


@pytest.mark.mfa_unverified
def test_verifying_the_second_factor_renews_the_key(client, cio_bw):
    from django_otp.plugins.otp_static.models import StaticDevice

    device = StaticDevice.objects.create(user=cio_bw, name="recovery")
    device.token_set.create(token="abcdefgh")
    client.force_login(cio_bw)
    before = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post(reverse("governance:mfa-verify"), {"code": "abcdefgh"})
    assert client.cookies[settings.SESSION_COOKIE_NAME].value != before
    assert client.get(INBOX).status_code == 200


def test_privileged_session_ends_after_30_idle_minutes(cio_bw):
    client = logged_in(cio_bw)
    assert client.get(INBOX).status_code == 200
    age_session(client, **{SESSION_SEEN: 29 * 60})
    assert client.get(INBOX).status_code == 200  # still in time, and the clock starts again
    age_session(client, **{SESSION_SEEN: 31 * 60})
    response = client.get(INBOX)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert not is_logged_in(client)


def test_privileged_session_ends_12_hours_after_login_however_busy(cio_bw):
    client = logged_in(cio_bw)
    client.get(INBOX)
    age_session(client, **{SESSION_STARTED: 12 * 3600 + 60, SESSION_SEEN: 10})
    response = client.get(INBOX)
    assert response["Location"].startswith(reverse("login"))
    assert not is_logged_in(client)


def test_timeouts_are_settings():
    idle, absolute = settings.PRIVILEGED_SESSION_IDLE_TIMEOUT, settings.PRIVILEGED_SESSION_ABSOLUTE_TIMEOUT
    assert (idle, absolute) == (timedelta(minutes=30), timedelta(hours=12))


def test_a_plain_account_keeps_its_session_when_idle(outsider):
    client = logged_in(outsider)
    client.get(NOTIFICATIONS)
    age_session(client, **{SESSION_STARTED: 13 * 3600, SESSION_SEEN: 2 * 3600})
    assert client.get(NOTIFICATIONS).status_code == 200


def test_sessions_end_for_ends_every_session_of_that_person_only(cio_bw, outsider):
    first, second, other = logged_in(cio_bw), logged_in(cio_bw), logged_in(outsider)
    sessions_end_for(person=cio_bw)
    assert not is_logged_in(first) and not is_logged_in(second)
    assert is_logged_in(other)


def test_logout_ends_all_sessions_of_the_person(cio_bw):
    here, elsewhere = logged_in(cio_bw), logged_in(cio_bw)
    assert here.post(reverse("logout")).status_code == 302
    assert not is_logged_in(here)
    assert elsewhere.get(INBOX)["Location"].startswith(reverse("login"))


def test_password_change_ends_all_sessions_this_one_too(outsider):
    here, elsewhere = logged_in(outsider), logged_in(outsider)
    response = here.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Ganz-neu-und-lang-2026",
            "new_password2": "Ganz-neu-und-lang-2026",
        },
    )
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert not is_logged_in(here) and not is_logged_in(elsewhere)
    outsider.refresh_from_db()
    assert outsider.check_password("Ganz-neu-und-lang-2026")


def test_deactivating_an_account_ends_its_sessions(outsider, secretariat):
    client = logged_in(outsider)
    outsider.is_active = False
    person_save(person=outsider, actor=secretariat)
    assert not is_logged_in(client)


def test_ending_a_privileged_role_ends_the_persons_sessions(cio_bw, secretariat):
    client = logged_in(cio_bw)
    assert client.get(INBOX).status_code == 200
    # The role has been held for ten days (set up directly: backdating through the service would
    # widen a four-eyes role); ending it is what the service is asked to do.
    cio_bw.role_assignments.update(valid_from=timezone.localdate() - timedelta(days=10))
    assignment = cio_bw.role_assignments.get()
    assignment.valid_until = timezone.localdate() - timedelta(days=1)
    role_assignment_save(assignment=assignment, actor=secretariat)
    assert not is_logged_in(client)


def test_a_role_ending_in_the_future_leaves_sessions_alone(cio_bw, secretariat):
    client = logged_in(cio_bw)
    assignment = cio_bw.role_assignments.get()
    assignment.valid_until = timezone.localdate() + timedelta(days=30)
    role_assignment_save(assignment=assignment, actor=secretariat)
    assert client.get(INBOX).status_code == 200


def test_a_session_that_outlives_its_privileged_role_ends(land_bw):
    person = UserFactory()
    assignment = RoleAssignmentFactory(person=person, partner=land_bw, role=Role.CIO)
    client = logged_in(person)
    assert client.get(INBOX).status_code == 200
    # The role ran out (or was removed) without the service: the next request ends the sessions.
    assignment.delete()
    response = client.get(NOTIFICATIONS)
    assert response["Location"].startswith(reverse("login"))
    assert not is_logged_in(client)


def test_ending_a_project_contact_role_needs_no_new_login(land_bw, secretariat):
    person = person_with_role(Role.PROJECT_CONTACT, land_bw)
    client = logged_in(person)
    assignment = person.role_assignments.get()
    assignment.valid_from = timezone.localdate() - timedelta(days=10)
    assignment.valid_until = timezone.localdate() - timedelta(days=1)
    role_assignment_save(assignment=assignment, actor=secretariat)
    assert client.get(NOTIFICATIONS).status_code == 200
