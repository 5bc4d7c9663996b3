"""Passkeys as a second factor (django-otp-webauthn). The browser ceremony itself is the
library's; these tests replace only its cryptographic check and test what the portal adds."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticToken
from django_otp_webauthn.helpers import WebAuthnHelper
from django_otp_webauthn.models import WebAuthnCredential

from governance.models import AuditEvent, AuditVerb

pytestmark = [pytest.mark.django_db, pytest.mark.mfa_unverified]
INBOX = "/arbeitsbereich/patenschaften/"


def credential_for(user, name="Laptop") -> WebAuthnCredential:
    return WebAuthnCredential.objects.create(
        user=user, name=name, credential_id=f"id-{user.pk}-{name}".encode(), public_key=b"key", confirmed=True
    )


def with_state(client, key: str) -> None:
    session = client.session
    session[key] = {"challenge": "c2VlZA"}
    session.save()


def test_registering_a_passkey_enrols_audits_and_makes_recovery_codes(client, cio_bw, monkeypatch):
    client.force_login(cio_bw)
    assert client.get(INBOX)["Location"].startswith(reverse("governance:mfa-setup"))
    with_state(client, "otp_webauthn_register_state")
    monkeypatch.setattr(WebAuthnHelper, "register_complete", lambda self, user, state, data: credential_for(user))
    response = client.post(
        reverse("otp_webauthn:credential-registration-complete"), data="{}", content_type="application/json"
    )
    assert response.status_code == 200, response.content
    event = AuditEvent.objects.get(verb=AuditVerb.MFA_ENROLLED)
    assert event.actor == cio_bw and event.payload["method"] == "passkey"
    assert StaticToken.objects.filter(device__user=cio_bw).count() == 10
    assert client.get(INBOX).status_code == 200


def test_verifying_with_a_passkey_is_audited(client, cio_bw, monkeypatch):
    credential = credential_for(cio_bw)
    client.force_login(cio_bw)
    assert client.get(INBOX)["Location"].startswith(reverse("governance:mfa-verify"))
    with_state(client, "otp_webauthn_authentication_state")
    monkeypatch.setattr(WebAuthnHelper, "authenticate_complete", lambda self, user, state, data: credential)
    response = client.post(
        reverse("otp_webauthn:credential-authentication-complete"), data="{}", content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert AuditEvent.objects.get(verb=AuditVerb.MFA_VERIFIED).payload == {"method": "passkey"}
    assert client.get(INBOX).status_code == 200


def test_a_passkey_is_no_way_around_the_password(client):
    response = client.post(
        reverse("otp_webauthn:credential-authentication-begin"), data="{}", content_type="application/json"
    )
    assert response.status_code in {401, 403}


def test_a_second_passkey_needs_the_first_factor(client, cio_bw):
    credential_for(cio_bw)
    client.force_login(cio_bw)  # password only
    response = client.post(
        reverse("otp_webauthn:credential-registration-begin"), data="{}", content_type="application/json"
    )
    assert response.status_code == 403
    assert WebAuthnCredential.objects.filter(user=cio_bw).count() == 1
