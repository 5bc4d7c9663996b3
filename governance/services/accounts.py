"""Logging in and out and changing passwords: each writes an audit event (rule 5 of the brief)."""

from axes.utils import reset as axes_reset
from django.contrib.auth import get_user_model
from django.contrib.auth import logout as auth_logout
from django.db import transaction

from governance.models import AuditVerb
from governance.permissions import requires_mfa
from governance.services.audit import audit_record
from governance.services.sessions import sessions_end_for


@transaction.atomic
def login_record_success(*, request, person) -> None:
    """The password was right; a privileged person still has the second factor ahead."""
    audit_record(
        verb=AuditVerb.LOGIN_SUCCEEDED,
        actor=person,
        target=person,
        request=request,
        payload={"second_factor": "required" if requires_mfa(person) else "not required"},
    )


@transaction.atomic
def login_record_failure(*, request, username: str, stage: str = "password") -> None:
    """A failed password or code. An unknown address is not written down (data minimisation)."""
    person = get_user_model().objects.filter(email__iexact=username).first() if username else None
    audit_record(
        verb=AuditVerb.LOGIN_FAILED,
        target=person,
        request=request,
        payload={"stage": stage, "known_account": person is not None},
    )


@transaction.atomic
def logout_person(*, request) -> None:
    """Log out here and everywhere else: the person's other sessions end too."""
    person = request.user
    if person.is_authenticated:
        audit_record(verb=AuditVerb.LOGOUT, actor=person, target=person, request=request)
        sessions_end_for(person=person)
    auth_logout(request)


@transaction.atomic
def password_change(*, request, form) -> None:
    """The person changed their own password: every session ends, this one included."""
    person = form.save()
    audit_record(verb=AuditVerb.PASSWORD_CHANGED, actor=person, target=person, request=request)
    sessions_end_for(person=person)
    auth_logout(request)


@transaction.atomic
def password_reset_complete(*, request, form) -> None:
    """A new password through the reset link: sessions end and the login throttle is lifted."""
    person = form.save()
    audit_record(verb=AuditVerb.PASSWORD_RESET, actor=person, target=person, request=request)
    sessions_end_for(person=person)
    # The way back for someone locked out: a proven reset clears the failures on their account.
    transaction.on_commit(lambda: axes_reset(username=person.email.lower()))
