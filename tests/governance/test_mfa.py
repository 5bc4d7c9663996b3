"""The second factor: privileged people cannot get past the password alone; others are not forced."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from governance.models import AuditEvent, AuditVerb, Role
from governance.services import mfa
from tests.conftest import person_with_role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "Testpasswort-123"
WORKSPACE = "/arbeitsbereich/"
ADMIN = "/admin/"
INBOX = "/arbeitsbereich/patenschaften/"  # a CIO's page
PRIVILEGED = [Role.SECRETARIAT, Role.CIO, Role.CIO_DEPUTY, Role.STEERING_MEMBER, Role.STEERING_DEPUTY]


def password_login(client, person, next_url=""):
    data = {"username": person.email, "password": PASSWORD}
    if next_url:
        data["next"] = next_url
    response = client.post(reverse("login"), data)
    assert response.status_code == 302, "the password itself was accepted"
    return response


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def enrol(client, person) -> TOTPDevice:
    client.get(reverse("governance:mfa-setup"))
    device = TOTPDevice.objects.get(user=person, confirmed=False)
    response = client.post(reverse("governance:mfa-setup"), {"code": code_for(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    return device


def verbs(person) -> list[str]:
    return list(AuditEvent.objects.filter(target_id=str(person.pk)).order_by("id").values_list("verb", flat=True))


@pytest.fixture
def cio(land_bw):
    return person_with_role(Role.CIO, land_bw)


@pytest.fixture
def enrolled_cio(cio):
    client = Client()
    password_login(client, cio)
    device = enrol(client, cio)
    device.last_t = -1  # the same code may then be used once more in the next test step
    device.save()
    cio.refresh_from_db()  # enrolment ended the person's other sessions (a new generation)
    return cio


@pytest.mark.parametrize("role", PRIVILEGED)
def test_the_password_alone_does_not_reach_workspace_nor_admin(client, land_bw, mrn, role):
    partner = mrn if role in {Role.SECRETARIAT, Role.STEERING_MEMBER, Role.STEERING_DEPUTY} else land_bw
    person = person_with_role(role, partner)
    password_login(client, person)
    for path in [WORKSPACE, ADMIN, reverse("governance:notification-list")]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(reverse("governance:mfa-setup")), path


def test_a_superuser_needs_the_second_factor_for_the_admin(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    password_login(client, admin)
    assert client.get(ADMIN)["Location"].startswith(reverse("governance:mfa-setup"))


def test_enrolled_person_is_asked_for_the_code_and_then_gets_in(client, enrolled_cio):
    password_login(client, enrolled_cio, next_url=WORKSPACE)
    response = client.get(WORKSPACE)
    assert response["Location"] == f"{reverse('governance:mfa-verify')}?next=%2Farbeitsbereich%2F"
    wrong = client.post(reverse("governance:mfa-verify"), {"code": "000000", "next": WORKSPACE})
    assert wrong.status_code == 200
    assert "Der Code stimmt nicht" in wrong.content.decode()
    assert client.get(WORKSPACE).status_code == 302
    device = TOTPDevice.objects.get(user=enrolled_cio)
    assert device.throttling_failure_count == 1  # django-otp slows down guessing, per device
    # A moment later (the throttle waits one second after one failure):
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=timezone.now() - timedelta(seconds=5))
    right = client.post(reverse("governance:mfa-verify"), {"code": code_for(device), "next": WORKSPACE})
    assert right["Location"] == WORKSPACE
    assert client.get(INBOX).status_code == 200
    failed = AuditEvent.objects.filter(verb=AuditVerb.LOGIN_FAILED).last()
    assert failed.payload == {"stage": "second_factor", "known_account": True}
    assert verbs(enrolled_cio)[-1] == AuditVerb.MFA_VERIFIED


def test_first_login_after_role_grant_sends_to_enrolment_then_shows_recovery_codes(client, cio):
    password_login(client, cio, next_url=WORKSPACE)
    response = client.get(WORKSPACE)
    assert response["Location"].startswith(reverse("governance:mfa-setup"))
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert 'src="data:image/svg+xml' in page.content.decode()
    device = TOTPDevice.objects.get(user=cio, confirmed=False)
    done = client.post(reverse("governance:mfa-setup"), {"code": code_for(device), "next": WORKSPACE})
    assert done["Location"].startswith(reverse("governance:mfa-recovery-codes"))
    codes_page = client.get(done["Location"]).content.decode()
    codes = list(StaticToken.objects.filter(device__user=cio).values_list("token", flat=True))
    assert len(codes) == 10 and all(code in codes_page for code in codes)
    # Shown once only.
    assert codes[0] not in client.get(reverse("governance:mfa-recovery-codes")).content.decode()
    assert client.get(INBOX).status_code == 200
    enrolled = AuditEvent.objects.get(verb=AuditVerb.MFA_ENROLLED)
    assert enrolled.actor == cio and enrolled.payload["method"] == "totp"


def test_a_role_granted_during_a_session_sends_to_enrolment(client, land_bw):
    person = UserFactory()
    password_login(client, person)
    assert client.get(reverse("governance:notification-list")).status_code == 200
    person_with_role(Role.CIO_DEPUTY, land_bw).delete()  # a different person: no effect here
    from tests.factories import RoleAssignmentFactory

    RoleAssignmentFactory(person=person, partner=land_bw, role=Role.CIO_DEPUTY)
    response = client.get(reverse("governance:notification-list"))
    assert response["Location"].startswith(reverse("governance:mfa-setup"))


def test_plain_account_and_project_contact_are_not_forced(client, land_bw, project_lead):
    contact = person_with_role(Role.PROJECT_CONTACT, land_bw)
    for person in [UserFactory(), contact, project_lead]:
        client = Client()
        password_login(client, person)
        assert client.get(reverse("governance:notification-list")).status_code == 200
        assert client.get(reverse("home")).status_code == 200


def test_a_recovery_code_gets_in_once_and_is_audited(client, enrolled_cio):
    code = StaticToken.objects.filter(device__user=enrolled_cio).first().token
    password_login(client, enrolled_cio)
    response = client.post(reverse("governance:mfa-verify"), {"code": code.upper(), "next": WORKSPACE})
    assert response["Location"] == WORKSPACE
    assert client.get(INBOX).status_code == 200
    used = AuditEvent.objects.get(verb=AuditVerb.MFA_RECOVERY_CODE_USED)
    assert used.actor == enrolled_cio and used.payload == {"codes_left": 9}
    again = Client()
    password_login(again, enrolled_cio)
    assert again.post(reverse("governance:mfa-verify"), {"code": code}).status_code == 200


def test_setting_up_another_factor_needs_the_existing_one(client, enrolled_cio):
    password_login(client, enrolled_cio)
    response = client.get(reverse("governance:mfa-setup"))
    assert response["Location"].startswith(reverse("governance:mfa-verify"))
    assert client.post(reverse("governance:mfa-setup"), {"code": "123456"}).status_code == 302
    assert TOTPDevice.objects.filter(user=enrolled_cio).count() == 1


def test_removing_a_factor_is_audited_and_sends_back_to_enrolment(client, enrolled_cio):
    client.force_login(enrolled_cio)  # marked verified by the test fixture
    device = TOTPDevice.objects.get(user=enrolled_cio)
    response = client.post(reverse("governance:mfa-device-remove", args=["totp", device.pk]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=enrolled_cio).exists()
    assert not StaticToken.objects.filter(device__user=enrolled_cio).exists()
    removed = AuditEvent.objects.get(verb=AuditVerb.MFA_REMOVED)
    assert removed.actor == enrolled_cio and removed.payload["method"] == "totp"
    fresh = Client()
    password_login(fresh, enrolled_cio)
    assert fresh.get(WORKSPACE)["Location"].startswith(reverse("governance:mfa-setup"))


def test_nobody_removes_another_persons_factor(client, enrolled_cio, secretariat):
    client.force_login(secretariat)
    device = TOTPDevice.objects.get(user=enrolled_cio)
    assert client.post(reverse("governance:mfa-device-remove", args=["totp", device.pk])).status_code == 404
    with pytest.raises(PermissionError):
        mfa.mfa_device_remove(request=None, person=secretariat, device=device)
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_recovery_codes_renewed_are_audited(client, enrolled_cio):
    client.force_login(enrolled_cio)
    old = set(StaticToken.objects.filter(device__user=enrolled_cio).values_list("token", flat=True))
    client.post(reverse("governance:mfa-recovery-codes"))
    new = set(StaticToken.objects.filter(device__user=enrolled_cio).values_list("token", flat=True))
    assert len(new) == 10 and not old & new
    assert AuditVerb.MFA_RECOVERY_CODES_RENEWED in verbs(enrolled_cio)


def test_mfa_pages_need_a_login(client):
    for name in ["mfa-manage", "mfa-verify", "mfa-setup", "mfa-recovery-codes"]:
        response = client.get(reverse(f"governance:{name}"))
        assert response["Location"].startswith(reverse("login")), name


def test_the_admin_login_is_the_portal_login(client):
    response = client.get(reverse("admin:login") + "?next=/admin/governance/")
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/admin/governance/"
