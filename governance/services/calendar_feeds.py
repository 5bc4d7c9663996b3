"""A member's personal calendar feed: made, replaced and revoked by the person alone."""

import secrets

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from governance.models import CalendarFeed, token_digest
from governance.permissions_steering import may_use_steering_workspace


@transaction.atomic
def calendar_feed_create(*, person) -> str:
    """A new secret address for `person`; any earlier one stops working. Returns the token."""
    if not may_use_steering_workspace(person):
        raise PermissionDenied
    calendar_feed_revoke(person=person)
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.create(person=person, token_hash=token_digest(token))
    return token


@transaction.atomic
def calendar_feed_revoke(*, person) -> int:
    return CalendarFeed.objects.active().filter(person=person).update(revoked_at=timezone.now())
