"""Rule 1, passwords: nobody sets another person's password. New people are invited and set their
own; only a listed break-glass superuser reaches the admin's password form, never unnoticed."""

import pytest
from django.core.exceptions import PermissionDenied

from governance.models import AuditEvent, AuditVerb, Notification, NotificationKind, User, person_ref
from governance.services import accounts
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "Selbst-gewaehlt-2026!"


@pytest.fixture
def break_glass(settings):
    person = UserFactory(email="notfall@example.org", is_superuser=True, is_staff=True)
    settings.BREAK_GLASS_ACCOUNTS = ["notfall@example.org"]
    return person


@pytest.fixture
def plain_superuser(db):
    return UserFactory(is_superuser=True, is_staff=True)


def password_url(person) -> str:
    return f"/admin/governance/user/{person.pk}/password/"


def change_url(person) -> str:
    return f"/admin/governance/user/{person.pk}/change/"


def password_form(password=NEW_PASSWORD) -> dict:
    return {"password1": password, "password2": password, "usable_password": "true", "set-password": "1"}


# --- the admin's password form -----------------------------------------------------------------------


@pytest.mark.parametrize("who", ["secretariat", "plain_superuser"])
def test_nobody_but_break_glass_reaches_the_password_form(client, request, cio_bw, who):
    client.force_login(request.getfixturevalue(who))
    before = User.objects.get(pk=cio_bw.pk).password
    assert client.get(password_url(cio_bw)).status_code == 403
    assert client.post(password_url(cio_bw), password_form()).status_code == 403
    assert User.objects.get(pk=cio_bw.pk).password == before
    page = client.get(change_url(cio_bw))
    assert page.status_code == 200 and "password/" not in page.content.decode()


def test_break_glass_use_is_audited_and_told_to_the_person(client, break_glass, cio_bw):
    client.force_login(break_glass)
    assert client.get(password_url(cio_bw)).status_code == 200
    response = client.post(password_url(cio_bw), password_form())
    assert response.status_code == 302
    assert User.objects.get(pk=cio_bw.pk).check_password(NEW_PASSWORD)
    event = AuditEvent.objects.get(verb=AuditVerb.PASSWORD_SET_BREAK_GLASS)
    assert event.actor == break_glass and event.payload["person"] == person_ref(cio_bw)
    told = Notification.objects.get(recipient=cio_bw, kind=NotificationKind.ACCOUNT)
    assert "Notfallzugang" in told.subject_de and break_glass.email in told.body_de


def test_a_refused_break_glass_form_records_nothing(client, break_glass, cio_bw):
    client.force_login(break_glass)
    response = client.post(password_url(cio_bw), password_form("kurz"))
    assert response.status_code == 200
    assert not AuditEvent.objects.filter(verb=AuditVerb.PASSWORD_SET_BREAK_GLASS).exists()


def test_the_break_glass_record_refuses_everyone_else(secretariat, plain_superuser, cio_bw):
    for actor in (secretariat, plain_superuser):
        with pytest.raises(PermissionDenied):
            accounts.person_password_break_glass_record(person=cio_bw, actor=actor)


# --- invitations -------------------------------------------------------------------------------------


def test_a_new_person_is_invited_and_sets_their_own_password(client, secretariat, django_capture_on_commit_callbacks):
    client.force_login(secretariat)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/governance/user/add/",
            {
                "email": "neu@example.org",
                "first_name": "Nora",
                "last_name": "Neu",
                "preferred_language": "de",
                "role_assignments-TOTAL_FORMS": "0",
                "role_assignments-INITIAL_FORMS": "0",
            },
        )
    assert response.status_code == 302
    person = User.objects.get(email="neu@example.org")
    assert not person.has_usable_password()
    invitation = Notification.objects.get(recipient=person, kind=NotificationKind.ACCOUNT)
    assert invitation.link.startswith("/konto/reset/")
    assert AuditEvent.objects.filter(verb=AuditVerb.PERSON_INVITED, actor=secretariat).exists()
    client.logout()
    form_page = client.get(invitation.link, follow=True)
    assert form_page.status_code == 200
    done = client.post(form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert User.objects.get(pk=person.pk).check_password(NEW_PASSWORD)
    # The link works once only.
    assert "set-password" not in client.get(invitation.link).get("Location", "")


def test_the_secretariat_sends_a_new_link(client, secretariat, cio_bw):
    client.force_login(secretariat)
    client.post("/admin/governance/user/", {"action": "send_invitation", "_selected_action": [cio_bw.pk], "index": 0})
    assert Notification.objects.filter(recipient=cio_bw, kind=NotificationKind.ACCOUNT).exists()
    assert User.objects.get(pk=cio_bw.pk).has_usable_password()  # the old password is not touched


def test_only_the_secretariat_invites(cio_bw):
    with pytest.raises(PermissionDenied):
        accounts.person_invite(person=User(email="x@example.org"), actor=cio_bw)
    assert not User.objects.filter(email="x@example.org").exists()


def test_the_secretariat_cannot_redirect_someone_s_reset_link(client, secretariat, cio_bw):
    client.force_login(secretariat)
    response = client.post(
        change_url(cio_bw),
        {
            "email": "angreifer@example.org",
            "first_name": cio_bw.first_name,
            "last_name": cio_bw.last_name,
            "preferred_language": "de",
            "is_active": "on",
            "role_assignments-TOTAL_FORMS": "0",
            "role_assignments-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert User.objects.get(pk=cio_bw.pk).email == cio_bw.email
