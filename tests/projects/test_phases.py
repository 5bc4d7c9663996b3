"""The phase state machine: every legal step, every illegal jump, with a reason, audited."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from governance.models import AuditEvent, AuditVerb
from projects.models import PHASE_ORDER, Phase, Project, SponsorshipState
from projects.services.projects import project_change_phase
from tests.factories import ProjectFactory, SponsorshipFactory

pytestmark = pytest.mark.django_db

LEGAL = [(PHASE_ORDER[i], PHASE_ORDER[i + 1]) for i in range(len(PHASE_ORDER) - 1)] + [
    (phase, Phase.STOPPED) for phase in PHASE_ORDER[:-1]
]
ILLEGAL = [(source, target) for source in Phase.values for target in Phase.values if (source, target) not in LEGAL]


@pytest.mark.parametrize(("source", "target"), LEGAL)
def test_legal_step_is_taken_and_audited(secretariat, source, target):
    project = ProjectFactory(phase=source)
    if target == Phase.IMPLEMENTATION:
        SponsorshipFactory(project=project, state=SponsorshipState.APPROVED)
    project_change_phase(project=project, phase=target, reason="Beschluss LK-2026-07", actor=secretariat)
    assert Project.objects.get(pk=project.pk).phase == target
    event = AuditEvent.objects.get(verb=AuditVerb.PROJECT_PHASE_CHANGED)
    assert event.payload == {"from": source, "to": target, "reason": "Beschluss LK-2026-07"}
    assert event.actor == secretariat


@pytest.mark.parametrize(("source", "target"), ILLEGAL)
def test_illegal_jump_is_refused_in_german(secretariat, source, target):
    project = ProjectFactory(phase=source)
    with pytest.raises(ValidationError) as error:
        project_change_phase(project=project, phase=target, reason="Versuch", actor=secretariat)
    assert "ist kein Wechsel nach" in error.value.messages[0]
    assert Project.objects.get(pk=project.pk).phase == source
    assert not AuditEvent.objects.exists()


@pytest.mark.parametrize("state", [None, *[s for s in SponsorshipState.values if s != SponsorshipState.APPROVED]])
def test_implementation_needs_an_approved_sponsorship(secretariat, state):
    """Rule 3 of the brief; a requested, declined or ended sponsorship is not enough."""
    project = ProjectFactory(phase=Phase.PILOT)
    if state:
        SponsorshipFactory(project=project, state=state)
    with pytest.raises(ValidationError, match="Ohne übernommene CIO-Patenschaft"):
        project_change_phase(project=project, phase=Phase.IMPLEMENTATION, reason="Gate 3", actor=secretariat)
    assert Project.objects.get(pk=project.pk).phase == Phase.PILOT


def test_a_reason_is_required(secretariat):
    project = ProjectFactory(phase=Phase.IDEA)
    with pytest.raises(ValidationError, match="Bitte begründen Sie den Phasenwechsel."):
        project_change_phase(project=project, phase=Phase.CONCEPT, reason="  ", actor=secretariat)
    assert Project.objects.get(pk=project.pk).phase == Phase.IDEA


def test_only_the_secretariat_changes_phases(project_lead, project):
    with pytest.raises(PermissionDenied):
        project_change_phase(project=project, phase=Phase.PILOT, reason="Erprobung", actor=project_lead)
    assert Project.objects.get(pk=project.pk).phase == Phase.CONCEPT
