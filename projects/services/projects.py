"""Creating and editing projects, phase changes and the team."""

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _
from guardian.shortcuts import assign_perm, remove_perm

from governance.models import AuditVerb, FocusArea, person_ref
from governance.services.audit import audit_record
from projects.models import Contribution, Milestone, Participation, ParticipationRole, Phase, Project, TeamMember
from projects.permissions import EDIT_PROGRESS, may_manage_portfolio

TRACKED_FIELDS = [
    "title",
    "acronym",
    "slug",
    "summary",
    "description",
    "lead_partner",
    "start_date",
    "planned_end_date",
    "is_public",
]


def _require_manager(actor) -> None:
    if not may_manage_portfolio(actor):
        raise PermissionDenied(_("Nur die Geschäftsstelle darf Projekte anlegen und ändern."))


def _sync_lead_participation(project: Project) -> None:
    """The lead partner always participates, in the lead role."""
    Participation.objects.filter(project=project, role=ParticipationRole.LEAD).exclude(
        partner=project.lead_partner
    ).update(role=ParticipationRole.PARTNER)
    Participation.objects.update_or_create(
        project=project, partner=project.lead_partner, defaults={"role": ParticipationRole.LEAD}
    )


@transaction.atomic
def project_create(*, project: Project, focus_areas: Iterable[FocusArea] = (), actor, request=None) -> Project:
    _require_manager(actor)
    project.full_clean()
    project.save()
    project.focus_areas.set(focus_areas)
    _sync_lead_participation(project)
    audit_record(
        verb=AuditVerb.PROJECT_CREATED,
        actor=actor,
        target=project,
        request=request,
        payload={"phase": project.phase, "lead_partner": project.lead_partner.name},
    )
    return project


@transaction.atomic
def project_update(*, project: Project, focus_areas: Iterable[FocusArea] | None = None, actor, request=None) -> Project:
    """Save edited fields (the phase changes only through `project_change_phase`)."""
    _require_manager(actor)
    stored = Project.objects.select_for_update().get(pk=project.pk)
    if project.phase != stored.phase:
        raise ValidationError(_("Die Phase ändert sich nur über einen Phasenwechsel mit Begründung."))
    before, after = model_to_dict(stored, fields=TRACKED_FIELDS), model_to_dict(project, fields=TRACKED_FIELDS)
    project.full_clean()
    project.save()
    if focus_areas is not None:
        project.focus_areas.set(focus_areas)
    _sync_lead_participation(project)
    changes = {field: [before[field], after[field]] for field in TRACKED_FIELDS if before[field] != after[field]}
    if changes:
        audit_record(
            verb=AuditVerb.PROJECT_CHANGED, actor=actor, target=project, request=request, payload={"changes": changes}
        )
    return project


def phase_guard(project: Project, phase: str) -> str | None:
    """A German reason why the project may not enter `phase`, or None."""
    if not project.can_transition_to(phase):
        return _("Von „%(current)s“ ist kein Wechsel nach „%(target)s“ möglich.") % {
            "current": project.get_phase_display(),
            "target": Phase(phase).label,
        }
    # Rule 3 of the brief: no implementation without a Land's CIO having taken responsibility.
    if phase == Phase.IMPLEMENTATION and not project.sponsorships.approved().exists():
        return _("Ohne übernommene CIO-Patenschaft kann das Projekt nicht in die Umsetzung gehen.")
    return None


@transaction.atomic
def project_change_phase(*, project: Project, phase: str, reason: str, actor, request=None, resolution=None) -> Project:
    """Change the phase. With `resolution` (an adopted steering-circle resolution about this
    project) the resolution is the authority, so a ballot closed by the system passes the gate too."""
    if resolution is None:
        _require_manager(actor)
    elif not (resolution.is_adopted and resolution.subject_id == project.pk and resolution.number):
        raise PermissionDenied(_("Nur ein angenommener Beschluss zu diesem Projekt kann das Gate öffnen."))
    if not reason.strip():
        raise ValidationError(_("Bitte begründen Sie den Phasenwechsel."))
    # Lock the row: two people changing the phase at once must not both succeed.
    project = Project.objects.select_for_update().get(pk=project.pk)
    refusal = phase_guard(project, phase)
    if refusal:
        raise ValidationError(refusal)
    previous = project.phase
    project.phase = phase
    project.save(update_fields=["phase", "updated_at"])
    audit_record(
        verb=AuditVerb.PROJECT_PHASE_CHANGED,
        actor=actor,
        target=project,
        request=request,
        payload={"from": previous, "to": phase, "reason": reason.strip()}
        | ({"resolution": resolution.number, "resolution_id": resolution.pk} if resolution is not None else {}),
    )
    return project


@transaction.atomic
def project_team_add(*, project: Project, person, role: str, actor, request=None) -> TeamMember:
    _require_manager(actor)
    member, _created = TeamMember.objects.update_or_create(project=project, person=person, defaults={"role": role})
    assign_perm(EDIT_PROGRESS, person, project)
    audit_record(
        verb=AuditVerb.PROJECT_TEAM_CHANGED,
        actor=actor,
        target=project,
        request=request,
        payload={"added": person_ref(person), "role": role},
    )
    return member


@transaction.atomic
def project_team_remove(*, member: TeamMember, actor, request=None) -> None:
    _require_manager(actor)
    remove_perm(EDIT_PROGRESS, member.person, member.project)
    audit_record(
        verb=AuditVerb.PROJECT_TEAM_CHANGED,
        actor=actor,
        target=member.project,
        request=request,
        payload={"removed": person_ref(member.person), "role": member.role},
    )
    member.delete()


def participation_guard(*, project: Project, partner, role: str) -> str | None:
    """A German reason why `partner` may not take `role` in the project, or None. The lead role
    follows the lead partner (`_sync_lead_participation`): it is set by editing the project."""
    if partner.pk == project.lead_partner_id:
        return _("%(partner)s hat die Federführung; das ändern Sie in den Projektdaten.") % {"partner": partner}
    if role == ParticipationRole.LEAD:
        return _("Die Federführung legen Sie in den Projektdaten fest (federführender Partner).")
    return None


def participation_removal_guard(participation: Participation) -> str | None:
    """A German reason why the partner may not leave the project, or None."""
    project, partner = participation.project, participation.partner
    if not participation.is_removable:
        return _("Der federführende Partner bleibt beteiligt.")
    if (
        Contribution.objects.filter(project=project, partner=partner).exists()
        or Milestone.objects.filter(project=project, responsible_partner=partner).exists()
    ):
        return _("%(partner)s hat Beiträge oder ist für Meilensteine verantwortlich; ändern Sie diese zuerst.") % {
            "partner": partner
        }
    return None


@transaction.atomic
def project_participation_set(*, project: Project, partner, role: str, actor, request=None) -> Participation:
    """Add a partner to the project, or change its role."""
    _require_manager(actor)
    if refusal := participation_guard(project=project, partner=partner, role=role):
        raise ValidationError(refusal)
    participation, created = Participation.objects.update_or_create(
        project=project, partner=partner, defaults={"role": role}
    )
    audit_record(
        verb=AuditVerb.PROJECT_CHANGED,
        actor=actor,
        target=project,
        request=request,
        payload={"participation": partner.name, "role": role, "added": created},
    )
    return participation


@transaction.atomic
def project_participation_remove(*, participation: Participation, actor, request=None) -> None:
    """Take a partner off the project, unless it leads it or work already names it."""
    _require_manager(actor)
    if refusal := participation_removal_guard(participation):
        raise ValidationError(refusal)
    project, partner = participation.project, participation.partner
    audit_record(
        verb=AuditVerb.PROJECT_CHANGED,
        actor=actor,
        target=project,
        request=request,
        payload={"participation": partner.name, "removed": True},
    )
    participation.delete()
