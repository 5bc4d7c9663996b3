"""Reads for governance pages; joins and prefetches live here so views stay thin."""

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from governance.models import (
    AuditEvent,
    Delivery,
    FocusArea,
    Network,
    NetworkMembership,
    Notification,
    NotificationKind,
    NotificationPreference,
    NotificationState,
    Partner,
    User,
)


def network_list_public() -> QuerySet[Network]:
    """Networks with their current members and agreements, for the start page."""
    current = NetworkMembership.objects.current().select_related("partner").order_by("partner__name")
    return Network.objects.prefetch_related(
        Prefetch("memberships", queryset=current, to_attr="current_memberships"),
        "agreements",
    )


def partner_list_public() -> QuerySet[Partner]:
    return Partner.objects.order_by("kind", "name")


def focus_area_list_public() -> QuerySet[FocusArea]:
    return FocusArea.objects.filter(is_active=True).select_related("network")


# --- audit trail ----------------------------------------------------------------------------------


def _start_of_day(day: date) -> datetime:
    """Midnight of a day in the portal's time zone, so "from 3 March" means German local time."""
    return timezone.make_aware(datetime.combine(day, time.min))


def audit_event_list(*, filters: Mapping[str, Any] | None = None) -> QuerySet[AuditEvent]:
    """The audit trail, newest first, narrowed by the (already validated) filters.

    Keys: actor (User), actor_text, target_type (ContentType), target (label text or id), verb,
    date_from, date_to (dates, both inclusive). Missing or empty keys do not filter.
    """
    filters = filters or {}
    events = AuditEvent.objects.select_related("actor", "target_type").order_by("-occurred_at", "-id")
    if filters.get("actor"):
        events = events.filter(actor=filters["actor"])
    if filters.get("actor_text"):
        # Version-2 labels are pseudonyms: match the account's live name and address too.
        text = filters["actor_text"]
        events = events.filter(
            Q(actor_label__icontains=text)
            | Q(actor__email__icontains=text)
            | Q(actor__first_name__icontains=text)
            | Q(actor__last_name__icontains=text)
        )
    if filters.get("target_type"):
        events = events.filter(target_type=filters["target_type"])
    if filters.get("target"):
        text = filters["target"]
        events = events.filter(Q(target_label__icontains=text) | Q(target_id=text))
    if filters.get("verb"):
        events = events.filter(verb=filters["verb"])
    # Bounds on the indexed column instead of a __date lookup, which no index can serve.
    if filters.get("date_from"):
        events = events.filter(occurred_at__gte=_start_of_day(filters["date_from"]))
    if filters.get("date_to"):
        events = events.filter(occurred_at__lt=_start_of_day(filters["date_to"] + timedelta(days=1)))
    return events


def audit_actor_choices() -> QuerySet[User]:
    """People who appear in the audit trail as actors, for the person filter."""
    return User.objects.filter(pk__in=AuditEvent.objects.filter(actor__isnull=False).values("actor_id")).order_by(
        "last_name", "first_name", "email"
    )


def audit_target_type_choices() -> QuerySet[ContentType]:
    """The kinds of object the audit trail has events about, for the object type filter."""
    return ContentType.objects.filter(
        pk__in=AuditEvent.objects.filter(target_type__isnull=False).values("target_type_id")
    ).order_by("app_label", "model")


# --- notifications --------------------------------------------------------------------------------


def notification_list_for_user(*, user) -> QuerySet[Notification]:
    """A person's own notifications, newest first."""
    return Notification.objects.for_recipient(user).order_by("-created_at", "-id")


def notification_get_for_user(*, user, pk: int) -> Notification:
    """One of the person's own notifications; anyone else's is reported as missing (404)."""
    notification = Notification.objects.for_recipient(user).filter(pk=pk).first()
    if notification is None:
        raise Http404
    return notification


def notification_unread_count(*, user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.for_recipient(user).unread().count()


def notification_preferences_for_user(*, user) -> dict[str, str]:
    """Delivery per notification kind; kinds without a stored preference are sent at once."""
    stored = dict(NotificationPreference.objects.filter(person=user).values_list("kind", "delivery"))
    return {kind: stored.get(kind, Delivery.IMMEDIATE) for kind in NotificationKind.values}


def notification_list_failed() -> QuerySet[Notification]:
    """Notifications that failed for good, for the secretariat to resend; newest first."""
    return (
        Notification.objects.filter(state=NotificationState.FAILED)
        .select_related("recipient")
        .order_by("-created_at", "-id")
    )


def notification_get(*, pk: int) -> Notification:
    """Any notification by id, for the secretariat (who may see all of them)."""
    notification = Notification.objects.select_related("recipient").filter(pk=pk).first()
    if notification is None:
        raise Http404
    return notification


def role_holders(roles, partner=None) -> list:
    """Active people who hold one of `roles` today (for `partner`, if given)."""
    from governance.models import RoleAssignment, User

    assignments = RoleAssignment.objects.current().filter(role__in=roles, person__is_active=True)
    if partner is not None:
        assignments = assignments.filter(partner=partner)
    return list(User.objects.filter(pk__in=assignments.values("person")).order_by("pk"))


def secretariat_people() -> list:
    from governance.models import Role

    return role_holders([Role.SECRETARIAT])
