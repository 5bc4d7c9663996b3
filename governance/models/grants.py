"""Four eyes on the roles that decide: a pending grant until a second person confirms it.

One secretariat member proposes granting (or extending) a CIO, CIO-deputy or steering role; a
different secretariat member confirms or declines it (or, later, a steering-circle resolution
confirms it). Only the confirmation creates or changes the `RoleAssignment`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from governance.models.partners import Partner, Role, RoleAssignment, end_not_before_start

# Roles that decide for a Land or in the steering circle: never granted by one person alone.
FOUR_EYES_ROLES = frozenset({Role.CIO, Role.CIO_DEPUTY, Role.STEERING_MEMBER, Role.STEERING_DEPUTY})


class RoleGrantState(models.TextChoices):
    PENDING = "pending", _("wartet auf Bestätigung")
    CONFIRMED = "confirmed", _("bestätigt")
    DECLINED = "declined", _("abgelehnt")


class RoleGrantQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(state=RoleGrantState.PENDING)


class RoleGrant(models.Model):
    """A proposed grant or extension of a role; takes effect only once confirmed."""

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_grants", verbose_name=_("Person")
    )
    partner = models.ForeignKey(
        Partner, on_delete=models.PROTECT, related_name="role_grants", verbose_name=_("Partner")
    )
    role = models.CharField(_("Rolle"), max_length=30, choices=Role.choices)
    valid_from = models.DateField(_("Gültig ab"), default=timezone.localdate)
    valid_until = models.DateField(_("Gültig bis"), null=True, blank=True)
    assignment = models.ForeignKey(
        RoleAssignment,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="grants",
        verbose_name=_("Verlängert die Rolle"),
        help_text=_("Leer bei einer neuen Rolle; sonst die Rolle, deren Zeitraum sich ändert."),
    )
    state = models.CharField(
        _("Status"), max_length=20, choices=RoleGrantState.choices, default=RoleGrantState.PENDING, db_index=True
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("Vorgeschlagen von")
    )
    proposed_at = models.DateTimeField(_("Vorgeschlagen am"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Entschieden von"),
    )
    decided_at = models.DateTimeField(_("Entschieden am"), null=True, blank=True)
    resolution = models.CharField(
        _("Beschluss"), max_length=40, blank=True, help_text=_("Nummer des Beschlusses, der bestätigt hat.")
    )
    reason = models.TextField(_("Begründung"), blank=True)

    objects = RoleGrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("Rollenvergabe (Vier-Augen-Prinzip)")
        verbose_name_plural = _("Rollenvergaben (Vier-Augen-Prinzip)")
        ordering = ["-proposed_at"]
        constraints = [
            end_not_before_start(
                "valid_from",
                "valid_until",
                "role_grant_ends_after_start",
                _("Das Ende der Gültigkeit kann nicht vor ihrem Beginn liegen."),
            ),
            # Nobody confirms their own proposal; the database holds to it as well.
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=models.F("proposed_by")),
                name="role_grant_second_person_decides",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()} ({self.partner})"

    def as_assignment(self) -> RoleAssignment:
        """The role record this grant would create or change, unsaved."""
        if self.assignment_id:
            assignment = RoleAssignment.objects.get(pk=self.assignment_id)
        else:
            assignment = RoleAssignment(person=self.person, partner=self.partner, role=self.role)
        assignment.valid_from, assignment.valid_until = self.valid_from, self.valid_until
        return assignment
