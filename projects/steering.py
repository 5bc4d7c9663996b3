"""What the steering circle's resolutions do here: pass a project's phase gate, confirm a sponsorship.

Registered with `governance.steering_effects` from `ProjectsConfig.ready`, so `governance` never
imports this app; the effect runs in the transaction that records the resolution.
"""

from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.models import Resolution, ResolutionResult
from governance.steering_effects import SubjectEffect, register
from projects.models import CLOSED_PHASES, PHASE_ORDER, Phase, Project, Sponsorship, SponsorshipState
from projects.services.projects import phase_guard, project_change_phase


def next_phase(project: Project) -> str | None:
    if project.phase in CLOSED_PHASES or project.phase not in PHASE_ORDER:
        return None
    index = PHASE_ORDER.index(project.phase)
    return PHASE_ORDER[index + 1] if index + 1 < len(PHASE_ORDER) else None


def _gate_choices():
    for project in Project.objects.open().order_by("acronym"):
        target = next_phase(project)
        if target:
            yield project.pk, f"{project.acronym}: {project.get_phase_display()} → {Phase(target).label}"


def _gate_check(project: Project) -> str | None:
    target = next_phase(project)
    if target is None:
        return _("Das Projekt hat kein weiteres Gate.")
    return phase_guard(project, target)


def _gate_apply(project: Project, *, resolution: Resolution, actor, request=None) -> str:
    target = next_phase(project)
    project_change_phase(
        project=project,
        phase=target,
        reason=_("Beschluss %(number)s des Lenkungskreises") % {"number": resolution.number},
        actor=actor,
        request=request,
        resolution=resolution,
    )
    return _("Projekt %(acronym)s in Phase „%(phase)s“") % {"acronym": project.acronym, "phase": Phase(target).label}


def _sponsorship_choices():
    for sponsorship in Sponsorship.objects.approved().select_related("project", "land"):
        yield sponsorship.pk, f"{sponsorship.project.acronym}: {sponsorship.land}"


def _sponsorship_check(sponsorship: Sponsorship) -> str | None:
    if sponsorship.state != SponsorshipState.APPROVED:
        return _("Bestätigt werden kann nur eine übernommene CIO-Patenschaft.")
    if confirming_resolution(sponsorship) is not None:
        return _("Diese Patenschaft ist bereits durch einen Beschluss bestätigt.")
    return None


def _sponsorship_apply(sponsorship: Sponsorship, *, resolution: Resolution, actor, request=None) -> str:
    return _("CIO-Patenschaft %(land)s für %(acronym)s bestätigt") % {
        "land": sponsorship.land,
        "acronym": sponsorship.project.acronym,
    }


def confirming_resolution(sponsorship: Sponsorship) -> Resolution | None:
    """The adopted resolution that confirmed the sponsorship ("bestätigt durch Beschluss LK-…")."""
    return (
        Resolution.objects.filter(
            subject_type=ContentType.objects.get_for_model(Sponsorship),
            subject_id=sponsorship.pk,
            result=ResolutionResult.ADOPTED,
        )
        .order_by("decided_on")
        .first()
    )


def register_steering_effects() -> None:
    register(
        SubjectEffect(
            model=Project,
            label=gettext_lazy("Phasen-Gate eines Projekts"),
            choices=_gate_choices,
            check=_gate_check,
            apply=_gate_apply,
            url=lambda project: project.get_absolute_url(),
        )
    )
    register(
        SubjectEffect(
            model=Sponsorship,
            label=gettext_lazy("Bestätigung einer CIO-Patenschaft"),
            choices=_sponsorship_choices,
            check=_sponsorship_check,
            apply=_sponsorship_apply,
            url=lambda sponsorship: sponsorship.get_absolute_url(),
        )
    )
