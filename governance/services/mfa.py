"""The second factor (django-otp): TOTP apps, passkeys (django-otp-webauthn) and recovery codes.

Each change writes an audit event; verifying a factor renews the session key, since the session
is worth more from then on.
"""

from django.conf import settings
from django.contrib.auth import update_session_auth_hash
from django.db import transaction
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from governance.models import AuditVerb
from governance.services.accounts import login_record_failure
from governance.services.audit import audit_record
from governance.services.sessions import sessions_end_for

RECOVERY_DEVICE_NAME = "recovery"
# Shown once after they were made, then only their number: the session holds them until shown.
NEW_RECOVERY_CODES_SESSION_KEY = "mfa_new_recovery_codes"


def method_of(device) -> str:
    if isinstance(device, StaticDevice):
        return "recovery_code"
    if isinstance(device, WebAuthnCredential):
        return "passkey"
    return "totp"


def mfa_primary_devices(person) -> list:
    """The person's confirmed authenticator apps and passkeys (recovery codes are only a fallback)."""
    if not person.is_authenticated:
        return []
    return [
        *TOTPDevice.objects.devices_for_user(person, confirmed=True),
        *WebAuthnCredential.objects.devices_for_user(person, confirmed=True),
    ]


def mfa_is_enrolled(person) -> bool:
    return bool(mfa_primary_devices(person))


def recovery_codes_left(person) -> int:
    return StaticToken.objects.filter(device__user=person, device__confirmed=True).count()


def _mark_verified(request, device) -> None:
    otp_login(request, device)
    request.session.cycle_key()


def _new_recovery_codes(*, request, person) -> list[str]:
    device, _ = StaticDevice.objects.get_or_create(user=person, name=RECOVERY_DEVICE_NAME)
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(settings.MFA_RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    request.session[NEW_RECOVERY_CODES_SESSION_KEY] = codes
    return codes


def _enrolled(*, request, person, device) -> None:
    """After a first or further factor: audit, and recovery codes if the person has none yet."""
    audit_record(
        verb=AuditVerb.MFA_ENROLLED,
        actor=person,
        target=person,
        request=request,
        payload={"method": method_of(device), "name": device.name},
    )
    if not recovery_codes_left(person):
        _new_recovery_codes(request=request, person=person)
    # A new factor ends the person's other sessions (they may predate it); this one stays.
    sessions_end_for(person=person)
    update_session_auth_hash(request, person)


@transaction.atomic
def mfa_totp_begin(*, person) -> TOTPDevice:
    """A fresh, unconfirmed authenticator-app secret; an earlier unconfirmed one is discarded."""
    TOTPDevice.objects.filter(user=person, confirmed=False).delete()
    return TOTPDevice.objects.create(user=person, name="Authenticator-App", confirmed=False)


@transaction.atomic
def mfa_totp_confirm(*, request, person, token: str) -> bool:
    """Confirm the app with its first code; the session then counts as verified."""
    device = TOTPDevice.objects.select_for_update().filter(user=person, confirmed=False).last()
    if device is None or not device.verify_token(normalise(token)):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    _mark_verified(request, device)
    _enrolled(request=request, person=person, device=device)
    return True


@transaction.atomic
def mfa_passkey_registered(*, request, person, device) -> None:
    """A passkey was registered (django-otp-webauthn saved it and marked the session verified)."""
    _enrolled(request=request, person=person, device=device)


def normalise(token: str) -> str:
    return "".join((token or "").split()).replace("-", "").lower()


@transaction.atomic
def mfa_verify(*, request, token: str):
    """Check a code from the app or a recovery code; return the device that took it, or None."""
    person = request.user
    token = normalise(token)
    device = None
    if token:
        for candidate in devices_for_user(person, for_verify=True):
            if not isinstance(candidate, WebAuthnCredential) and candidate.verify_token(token):
                device = candidate
                break
    if device is None:
        # Throttled by django-otp per device; recorded like a wrong password.
        login_record_failure(request=request, username=person.email, stage="second_factor")
        return None
    mfa_passkey_or_code_verified(request=request, device=device)
    return device


@transaction.atomic
def mfa_passkey_or_code_verified(*, request, device) -> None:
    person = request.user
    _mark_verified(request, device)
    audit_record(
        verb=AuditVerb.MFA_VERIFIED,
        actor=person,
        target=person,
        request=request,
        payload={"method": method_of(device)},
    )
    if isinstance(device, StaticDevice):
        audit_record(
            verb=AuditVerb.MFA_RECOVERY_CODE_USED,
            actor=person,
            target=person,
            request=request,
            payload={"codes_left": recovery_codes_left(person)},
        )


@transaction.atomic
def mfa_device_remove(*, request, person, device) -> None:
    """Remove one of the person's own factors. Without any left, the recovery codes go too, and
    a privileged person is asked to set up a new factor before going on."""
    if device.user_id != person.pk:
        raise PermissionError("Only the person themselves removes their factors.")
    method, name = method_of(device), device.name
    device.delete()
    if not mfa_primary_devices(person):
        StaticDevice.objects.filter(user=person).delete()
    audit_record(
        verb=AuditVerb.MFA_REMOVED,
        actor=person,
        target=person,
        request=request,
        payload={"method": method, "name": name},
    )


@transaction.atomic
def mfa_recovery_codes_renew(*, request, person) -> list[str]:
    codes = _new_recovery_codes(request=request, person=person)
    audit_record(verb=AuditVerb.MFA_RECOVERY_CODES_RENEWED, actor=person, target=person, request=request)
    return codes
