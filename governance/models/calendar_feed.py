"""A steering circle member's personal calendar feed (ICS) behind a secret, revocable address.

Only a hash of the token is stored: the address is shown once, when it is made; whoever lost it
makes a new one, which ends the old one.
"""

import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarFeedQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class CalendarFeed(models.Model):
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("Erstellt am"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("Zuletzt abgerufen"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("Widerrufen am"), null=True, blank=True)

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("Kalenderabonnement")
        verbose_name_plural = _("Kalenderabonnements")
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(revoked_at__isnull=True), name="one_active_calendar_feed"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.created_at:%d.%m.%Y}"
