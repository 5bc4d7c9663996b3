"""Milestones, status reports and contributions: the work a project's team keeps current."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import AuditVerb
from governance.services.audit import audit_record
from projects.models import Contribution, ContributionState, Milestone, StatusReport
from projects.permissions import may_confirm_contribution, may_edit_progress, may_propose_contribution


def _require_progress_right(actor, project) -> None:
    if not may_edit_progress(actor, project):
        raise PermissionDenied(_("Sie dürfen den Fortschritt dieses Projekts nicht pflegen."))


@transaction.atomic
def milestone_save(*, milestone: Milestone, actor, request=None) -> Milestone:
    _require_progress_right(actor, milestone.project)
    created = milestone.pk is None
    milestone.full_clean()
    milestone.save()
    audit_record(
        verb=AuditVerb.MILESTONE_SAVED,
        actor=actor,
        target=milestone.project,
        request=request,
        payload={
            "milestone": milestone.title,
            "created": created,
            "due_on": milestone.due_on,
            "done_on": milestone.done_on,
        },
    )
    return milestone


@transaction.atomic
def status_report_create(*, report: StatusReport, actor, request=None) -> StatusReport:
    _require_progress_right(actor, report.project)
    report.author = actor
    report.full_clean()
    report.save()
    audit_record(
        verb=AuditVerb.STATUS_REPORT_FILED,
        actor=actor,
        target=report.project,
        request=request,
        payload={
            "period": [report.period_start, report.period_end],
            "schedule": report.schedule,
            "budget": report.budget,
            "scope": report.scope,
        },
    )
    return report


@transaction.atomic
def contribution_propose(*, contribution: Contribution, actor, request=None) -> Contribution:
    if not may_propose_contribution(actor, contribution.project):
        raise PermissionDenied(_("Beiträge schlagen die Geschäftsstelle oder die Projektleitung vor."))
    contribution.state = ContributionState.PROPOSED
    contribution.proposed_by = actor
    contribution.full_clean()
    contribution.save()
    audit_record(
        verb=AuditVerb.CONTRIBUTION_PROPOSED,
        actor=actor,
        target=contribution.project,
        request=request,
        payload=_contribution_payload(contribution),
    )
    return contribution


@transaction.atomic
def contribution_confirm(*, contribution: Contribution, actor, request=None) -> Contribution:
    """Bind the partner: only its own representative may, and only once."""
    contribution = Contribution.objects.select_for_update().select_related("project", "partner").get(pk=contribution.pk)
    if not may_confirm_contribution(actor, contribution):
        raise PermissionDenied(
            _("Nur eine Vertretung von %(partner)s kann diesen Beitrag bestätigen.") % {"partner": contribution.partner}
        )
    if contribution.is_confirmed:
        raise ValidationError(_("Dieser Beitrag ist bereits bestätigt."))
    contribution.state = ContributionState.CONFIRMED
    contribution.confirmed_by = actor
    contribution.confirmed_at = timezone.now()
    contribution.save(update_fields=["state", "confirmed_by", "confirmed_at"])
    audit_record(
        verb=AuditVerb.CONTRIBUTION_CONFIRMED,
        actor=actor,
        target=contribution.project,
        request=request,
        payload=_contribution_payload(contribution),
    )
    return contribution


def _contribution_payload(contribution: Contribution) -> dict:
    return {
        "partner": contribution.partner.name,
        "kind": contribution.kind,
        "amount": contribution.amount,
        "description": contribution.description,
    }
