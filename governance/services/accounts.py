"""People's accounts: invitations, logins and passwords (rules 1 and 5 of the brief).

Nobody sets another person's password: new accounts are created without a usable password and the
person gets a link to set their own, through the notification outbox. The one exception, a
break-glass superuser setting a password in an emergency, is recorded in the audit trail and told
to the person concerned. Logging in and out and changing passwords each write an audit event.
"""

from axes.utils import reset as axes_reset
from django.contrib.auth import get_user_model
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from governance.models import AuditVerb, NotificationKind, User, person_ref
from governance.permissions import is_break_glass, may_manage_roles, requires_mfa
from governance.services.audit import audit_record
from governance.services.notifications import in_both_languages, notification_create
from governance.services.sessions import sessions_end_for


def set_password_path(person: User) -> str:
    """The one-time link (valid for PASSWORD_RESET_TIMEOUT) where the person sets a password."""
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    return reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(person)])


def _notify(person: User, subject, body, link: str = "") -> None:
    notification_create(
        recipient=person,
        kind=NotificationKind.ACCOUNT,
        subject=in_both_languages(subject),
        body=in_both_languages(body),
        link=link,
        target=person,
    )


@transaction.atomic
def person_invite(*, person: User, actor, request=None) -> User:
    """Create (if new) an account without a usable password and send the set-password link."""
    if not may_manage_roles(actor):
        raise PermissionDenied(_("Zugänge legt die Geschäftsstelle an."))
    is_new = person.pk is None
    if is_new:
        person.set_unusable_password()
        person.save()
    audit_record(
        verb=AuditVerb.PERSON_INVITED,
        actor=actor,
        target=person,
        request=request,
        payload={"person": person_ref(person), "new": is_new},
    )
    _notify(
        person,
        lambda: _("Ihr Zugang zum Kooperationsraum-Portal"),
        lambda: _(
            "Für Sie ist ein Zugang zum Portal des Kooperationsraums eingerichtet. Bitte legen Sie über den "
            "folgenden Link selbst Ihr Passwort fest; der Link gilt 24 Stunden und nur einmal. Niemand "
            "sonst kennt oder setzt Ihr Passwort."
        ),
        link=set_password_path(person),
    )
    return person


@transaction.atomic
def person_password_break_glass_record(*, person: User, actor, request=None) -> None:
    """Record a password a break-glass superuser set for someone else (in the same transaction
    as the change) and tell the person, so that it can never happen unnoticed."""
    if not is_break_glass(actor):
        raise PermissionDenied(_("Passwörter anderer Personen setzt niemand."))
    audit_record(
        verb=AuditVerb.PASSWORD_SET_BREAK_GLASS,
        actor=actor,
        target=person,
        request=request,
        payload={"person": person_ref(person), "usable": person.has_usable_password()},
    )
    _notify(
        person,
        lambda: _("Ihr Passwort wurde im Notfallzugang geändert"),
        lambda: (
            _(
                "%(actor)s hat über den Notfallzugang der Verwaltung das Passwort Ihres Zugangs gesetzt. "
                "Wenn Sie das nicht erwartet haben, wenden Sie sich bitte sofort an die Geschäftsstelle."
            )
            % {"actor": actor.email}
        ),
    )


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
