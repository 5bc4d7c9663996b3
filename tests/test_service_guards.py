"""Every service re-checks the right itself: called directly by a person the page would never
offer the action to, it refuses (PermissionDenied) and changes nothing, not even the audit trail.

Each case builds its objects, calls the service as the refused person and names the row that
must stay as it was. The allowed person is tested beside each service (tests/<app>/test_*services*).
"""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile

from governance.models import AuditEvent, NotificationState, Role
from governance.services.notifications import notification_retry
from projects.models import (
    ContributionState,
    Milestone,
    Phase,
    Project,
    ProjectDocument,
    StatusReport,
    TeamRole,
    TrafficLight,
)
from projects.services import documents, progress
from projects.services import projects as project_services
from projects.services.imports import import_read, project_import
from tests.conftest import person_with_role
from tests.factories import (
    ContributionFactory,
    InquiryFactory,
    NotificationFactory,
    ParticipationFactory,
    PartnerFactory,
    ProjectFactory,
    SolutionFactory,
    TeamMemberFactory,
    UserFactory,
)
from transfer import services as transfer_services
from transfer.models import Adoption, SolutionState

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Case:
    call: Callable  # (actor) -> anything; builds what it needs first
    unchanged: Callable | None = None  # () -> a value that must be the same before and after


def project_cases() -> dict[str, Callable]:
    """Each returns (call, unchanged) for a fresh project."""

    def create():
        project = ProjectFactory.build(lead_partner=PartnerFactory())
        return Case(lambda actor: project_services.project_create(project=project, actor=actor))

    def update():
        project = ProjectFactory(title="Alt")
        project.title = "Neu"
        return Case(
            lambda actor: project_services.project_update(project=project, actor=actor),
            lambda: type(project).objects.get(pk=project.pk).title,
        )

    def change_phase():
        project = ProjectFactory()
        return Case(
            lambda actor: project_services.project_change_phase(
                project=project, phase=Phase.PILOT, reason="Konzept steht", actor=actor
            ),
            lambda: type(project).objects.get(pk=project.pk).phase,
        )

    def team_add():
        project, person = ProjectFactory(), UserFactory()
        return Case(
            lambda actor: project_services.project_team_add(
                project=project, person=person, role=TeamRole.CONTACT, actor=actor
            ),
            lambda: project.team.count(),
        )

    def team_remove():
        member = TeamMemberFactory()
        return Case(
            lambda actor: project_services.project_team_remove(member=member, actor=actor),
            lambda: member.project.team.count(),
        )

    def participation_set():
        project, partner = ProjectFactory(), PartnerFactory()
        return Case(
            lambda actor: project_services.project_participation_set(
                project=project, partner=partner, role="partner", actor=actor
            ),
            lambda: project.participations.count(),
        )

    def participation_remove():
        participation = ParticipationFactory()
        return Case(
            lambda actor: project_services.project_participation_remove(participation=participation, actor=actor),
            lambda: participation.project.participations.count(),
        )

    def document_create():
        project = ProjectFactory()
        document = ProjectDocument(project=project, title="Konzept", file=ContentFile(b"%PDF-1.4\n", name="k.pdf"))
        return Case(
            lambda actor: documents.project_document_create(document=document, actor=actor),
            lambda: project.documents.count(),
        )

    def project_import_():
        text = "kuerzel;titel;kurzbeschreibung;federfuehrung\nMM;Mängelmelder;Mängel melden.;bw\n"
        return Case(
            lambda actor: project_import(import_file=import_read(text), expected_lines=[2], actor=actor),
            lambda: Project.objects.count(),
        )

    def milestone_save():
        milestone = Milestone(project=ProjectFactory(), title="Pilot gestartet", due_on="2027-01-31")
        return Case(
            lambda actor: progress.milestone_save(milestone=milestone, actor=actor),
            lambda: Milestone.objects.count(),
        )

    def status_report_create():
        report = StatusReport(
            project=ProjectFactory(),
            period_start="2026-10-01",
            period_end="2026-11-30",
            schedule=TrafficLight.GREEN,
            budget=TrafficLight.GREEN,
            scope=TrafficLight.GREEN,
            text="Im Plan.",
        )
        return Case(
            lambda actor: progress.status_report_create(report=report, actor=actor),
            lambda: StatusReport.objects.count(),
        )

    def contribution_propose():
        contribution = ContributionFactory.build(project=ProjectFactory(), partner=PartnerFactory())
        return Case(
            lambda actor: progress.contribution_propose(contribution=contribution, actor=actor),
            lambda: contribution.project.contributions.count(),
        )

    def contribution_confirm():
        contribution = ContributionFactory()
        return Case(
            lambda actor: progress.contribution_confirm(contribution=contribution, actor=actor),
            lambda: type(contribution).objects.get(pk=contribution.pk).state,
        )

    return {
        "project_create": create,
        "project_update": update,
        "project_change_phase": change_phase,
        "project_team_add": team_add,
        "project_team_remove": team_remove,
        "project_participation_set": participation_set,
        "project_participation_remove": participation_remove,
        "project_document_create": document_create,
        "project_import": project_import_,
        "milestone_save": milestone_save,
        "status_report_create": status_report_create,
        "contribution_propose": contribution_propose,
        "contribution_confirm": contribution_confirm,
    }


def transfer_cases() -> dict[str, Callable]:
    def solution_state(solution):
        return lambda: type(solution).objects.get(pk=solution.pk).state

    def create_from_project():
        project = ProjectFactory()
        return Case(
            lambda actor: transfer_services.solution_create_from_project(project=project, actor=actor),
            lambda: project.solutions.count(),
        )

    def save():
        solution = SolutionFactory(title="Alt")
        solution.title = "Neu"
        return Case(
            lambda actor: transfer_services.solution_save(solution=solution, actor=actor),
            lambda: type(solution).objects.get(pk=solution.pk).title,
        )

    def publish():
        solution = SolutionFactory(state=SolutionState.DRAFT, published_at=None)
        return Case(
            lambda actor: transfer_services.solution_publish(solution=solution, actor=actor), solution_state(solution)
        )

    def unpublish():
        solution = SolutionFactory()
        return Case(
            lambda actor: transfer_services.solution_unpublish(solution=solution, actor=actor, reason="veraltet"),
            solution_state(solution),
        )

    def mark_reviewed():
        solution = SolutionFactory(last_reviewed_on="2025-01-01")
        return Case(
            lambda actor: transfer_services.solution_mark_reviewed(solution=solution, actor=actor),
            lambda: str(type(solution).objects.get(pk=solution.pk).last_reviewed_on),
        )

    def adoption_save():
        adoption = Adoption(solution=SolutionFactory(), organisation="Stadt Speyer")
        return Case(
            lambda actor: transfer_services.adoption_save(adoption=adoption, actor=actor),
            lambda: Adoption.objects.count(),
        )

    def inquiry_to_adoption():
        inquiry = InquiryFactory()
        return Case(
            lambda actor: transfer_services.inquiry_to_adoption(inquiry=inquiry, actor=actor),
            lambda: Adoption.objects.count(),
        )

    return {
        "solution_create_from_project": create_from_project,
        "solution_save": save,
        "solution_publish": publish,
        "solution_unpublish": unpublish,
        "solution_mark_reviewed": mark_reviewed,
        "adoption_save": adoption_save,
        "inquiry_to_adoption": inquiry_to_adoption,
    }


CASES = {**project_cases(), **transfer_cases()}
REFUSED = ["outsider", "cio_bw", "steering_member"]


@pytest.mark.parametrize("refused", REFUSED)
@pytest.mark.parametrize("service", sorted(CASES))
def test_service_refuses_a_person_without_the_right(request, settings, tmp_path, service, refused):
    settings.MEDIA_ROOT = tmp_path
    case = CASES[service]()
    actor = request.getfixturevalue(refused)
    before = case.unchanged() if case.unchanged else None
    with pytest.raises(PermissionDenied):
        case.call(actor)
    if case.unchanged:
        assert case.unchanged() == before
    assert not AuditEvent.objects.exists()


def test_contribution_is_confirmed_only_by_its_own_partners_representative(land_bw, land_he):
    """The secretariat may do much, but not bind a partner: only that partner's representative."""
    contribution = ContributionFactory(partner=land_bw)
    for person in (person_with_role(Role.SECRETARIAT, PartnerFactory()), person_with_role(Role.CIO, land_he)):
        with pytest.raises(PermissionDenied):
            progress.contribution_confirm(contribution=contribution, actor=person)
    contribution.refresh_from_db()
    assert contribution.state == ContributionState.PROPOSED


@pytest.mark.parametrize("refused", REFUSED)
def test_notification_retry_refuses_a_person_without_the_right(request, refused):
    notification = NotificationFactory(state=NotificationState.FAILED, attempts=5)
    with pytest.raises(PermissionError):
        notification_retry(notification=notification, actor=request.getfixturevalue(refused))
    notification.refresh_from_db()
    assert (notification.state, notification.attempts) == (NotificationState.FAILED, 5)
    assert not AuditEvent.objects.exists()
