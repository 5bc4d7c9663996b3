"""Project services: creation, editing, the team's object permissions, progress and contributions."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from governance.models import AuditEvent, AuditVerb, Role
from projects.models import (
    Contribution,
    ContributionKind,
    ContributionState,
    Milestone,
    Participation,
    ParticipationRole,
    Phase,
    Project,
    StatusReport,
    TeamMember,
    TeamRole,
    TrafficLight,
)
from projects.permissions import EDIT_PROGRESS, may_edit_progress
from projects.selectors import contribution_sums, project_list_for_user, projects_visible_to
from projects.services.progress import contribution_confirm, contribution_propose, milestone_save, status_report_create
from projects.services.projects import project_create, project_team_add, project_team_remove, project_update
from tests.conftest import person_with_role
from tests.factories import ContributionFactory, MilestoneFactory, PartnerFactory, ProjectFactory, UserFactory

pytestmark = pytest.mark.django_db


def new_project(lead, **fields) -> Project:
    data = {
        "title": "Mängelmelder",
        "acronym": "MM",
        "slug": "maengelmelder",
        "summary": "Schäden im öffentlichen Raum mobil melden.",
        "lead_partner": lead,
    }
    return Project(**{**data, **fields})


class TestCreateAndEdit:
    def test_secretariat_creates_a_project_with_its_lead_participating(self, secretariat, land_bw):
        project = project_create(project=new_project(land_bw), actor=secretariat)
        participation = Participation.objects.get(project=project)
        assert (participation.partner, participation.role) == (land_bw, ParticipationRole.LEAD)
        assert AuditEvent.objects.get().verb == AuditVerb.PROJECT_CREATED

    def test_others_may_not_create(self, cio_bw, land_bw):
        with pytest.raises(PermissionDenied):
            project_create(project=new_project(land_bw), actor=cio_bw)
        assert not Project.objects.exists()

    @pytest.mark.parametrize(
        ("fields", "message"),
        [
            (
                {"start_date": date(2026, 5, 1), "planned_end_date": date(2026, 4, 30)},
                "Das geplante Ende kann nicht vor dem Beginn liegen.",
            ),
            ({"acronym": "kfz1"}, "Dieses Kürzel ist bereits vergeben."),
            ({"slug": "kfz-1"}, "Diese Kurzadresse ist bereits vergeben."),
        ],
    )
    def test_bad_input_is_refused_and_nothing_saved(self, secretariat, land_bw, fields, message):
        ProjectFactory(acronym="KFZ1", slug="kfz-1")
        with pytest.raises(ValidationError) as error:
            project_create(project=new_project(land_bw, **fields), actor=secretariat)
        assert message in " ".join(error.value.messages)
        assert Project.objects.count() == 1
        assert not AuditEvent.objects.exists()

    def test_edit_records_what_changed_and_moves_the_lead(self, secretariat, project, land_he):
        project.title = "Digitale Zulassung"
        project.lead_partner = land_he
        project_update(project=project, actor=secretariat)
        event = AuditEvent.objects.get(verb=AuditVerb.PROJECT_CHANGED)
        assert event.payload["changes"]["title"][1] == "Digitale Zulassung"
        roles = dict(Participation.objects.filter(project=project).values_list("partner__slug", "role"))
        assert roles == {"bw": ParticipationRole.PARTNER, "he": ParticipationRole.LEAD}

    def test_edit_cannot_sneak_a_phase_change(self, secretariat, project):
        project.phase = Phase.COMPLETED
        with pytest.raises(ValidationError):
            project_update(project=project, actor=secretariat)
        assert Project.objects.get(pk=project.pk).phase == Phase.CONCEPT


class TestTeamPermissions:
    def test_adding_to_the_team_grants_and_removing_revokes(self, secretariat, project):
        person = UserFactory()
        assert not may_edit_progress(person, project)
        member = project_team_add(project=project, person=person, role=TeamRole.CONTACT, actor=secretariat)
        person = type(person).objects.get(pk=person.pk)  # fresh permission cache
        assert person.has_perm(EDIT_PROGRESS, project)
        project_team_remove(member=member, actor=secretariat)
        person = type(person).objects.get(pk=person.pk)
        assert not person.has_perm(EDIT_PROGRESS, project)
        assert not TeamMember.objects.exists()
        assert AuditEvent.objects.filter(verb=AuditVerb.PROJECT_TEAM_CHANGED).count() == 2

    def test_grant_is_for_that_project_only(self, project_lead, project):
        other = ProjectFactory()
        assert may_edit_progress(project_lead, project)
        assert not may_edit_progress(project_lead, other)

    def test_workspace_list_is_scoped_even_with_a_global_grant(self, project_lead, project):
        """guardian's default would let one global permission reveal every project."""
        from django.contrib.auth.models import Permission

        ProjectFactory.create_batch(3)
        project_lead.user_permissions.add(Permission.objects.get(codename="edit_progress"))
        project_lead = type(project_lead).objects.get(pk=project_lead.pk)
        assert list(projects_visible_to(project_lead)) == [project]
        assert list(project_list_for_user(user=project_lead, filters={})) == [project]

    def test_secretariat_sees_the_whole_portfolio_and_outsiders_nothing(self, secretariat, outsider, project):
        ProjectFactory.create_batch(2)
        assert projects_visible_to(secretariat).count() == 3
        assert projects_visible_to(outsider).count() == 0


class TestProgress:
    def test_team_keeps_milestones_and_reports(self, project_lead, project):
        milestone = milestone_save(
            milestone=Milestone(project=project, title="Pilot startet", due_on=date(2026, 3, 1)), actor=project_lead
        )
        report = status_report_create(
            report=StatusReport(
                project=project,
                period_start=date(2026, 1, 1),
                period_end=date(2026, 3, 31),
                schedule=TrafficLight.GREEN,
                budget=TrafficLight.YELLOW,
                scope=TrafficLight.GREEN,
                text="Budget knapp.",
            ),
            actor=project_lead,
        )
        assert milestone.pk and report.author == project_lead and report.worst_light == TrafficLight.YELLOW

    def test_outsider_may_not(self, outsider, project):
        with pytest.raises(PermissionDenied):
            milestone_save(milestone=Milestone(project=project, title="x", due_on=date(2026, 3, 1)), actor=outsider)
        assert not Milestone.objects.exists()

    def test_report_period_ending_before_it_starts_is_refused(self, project_lead, project):
        with pytest.raises(ValidationError, match="Der Berichtszeitraum kann nicht vor seinem Beginn enden."):
            status_report_create(
                report=StatusReport(
                    project=project,
                    period_start=date(2026, 4, 1),
                    period_end=date(2026, 3, 31),
                    schedule="green",
                    budget="green",
                    scope="green",
                    text="x",
                ),
                actor=project_lead,
            )

    def test_overdue_means_due_in_the_past_and_not_done(self, project):
        today = timezone.localdate()
        late = MilestoneFactory(project=project, due_on=today - timedelta(days=1))
        MilestoneFactory(project=project, due_on=today - timedelta(days=5), done_on=today - timedelta(days=6))
        MilestoneFactory(project=project, due_on=today)
        assert list(Milestone.objects.overdue()) == [late]
        assert late.is_overdue()


class TestContributions:
    """Rule 4: a contribution binds only its own partner, and only after its representative confirmed."""

    def test_lead_proposes_and_the_partners_representative_confirms(self, project_lead, project):
        city = PartnerFactory(name="Stadt Mannheim", slug="mannheim", state="BW")
        contact = person_with_role(Role.PROJECT_CONTACT, city)
        contribution = contribution_propose(
            contribution=Contribution(
                project=project,
                partner=city,
                kind=ContributionKind.PERSON_DAYS,
                amount=40,
                description="Erprobung im Bürgerbüro",
            ),
            actor=project_lead,
        )
        assert contribution.state == ContributionState.PROPOSED
        contribution_confirm(contribution=contribution, actor=contact)
        contribution.refresh_from_db()
        assert (contribution.state, contribution.confirmed_by) == (ContributionState.CONFIRMED, contact)
        verbs = list(AuditEvent.objects.order_by("id").values_list("verb", flat=True))
        assert verbs[-2:] == [AuditVerb.CONTRIBUTION_PROPOSED, AuditVerb.CONTRIBUTION_CONFIRMED]

    @pytest.mark.parametrize("who", ["secretariat", "other_partner", "former_contact", "lead"])
    def test_nobody_else_can_bind_the_partner(self, who, secretariat, project_lead, project, land_he):
        city = PartnerFactory(name="Stadt Mannheim", slug="mannheim", state="BW")
        contribution = ContributionFactory(project=project, partner=city)
        today = timezone.localdate()
        actor = {
            "secretariat": secretariat,
            "other_partner": person_with_role(Role.PROJECT_CONTACT, land_he),
            "former_contact": person_with_role(
                Role.PROJECT_CONTACT, city, valid_from=today - timedelta(days=90), valid_until=today - timedelta(days=1)
            ),
            "lead": project_lead,
        }[who]
        with pytest.raises(PermissionDenied):
            contribution_confirm(contribution=contribution, actor=actor)
        assert Contribution.objects.get(pk=contribution.pk).state == ContributionState.PROPOSED

    def test_confirming_twice_is_refused(self, project):
        city = PartnerFactory(slug="mannheim")
        contact = person_with_role(Role.PROJECT_CONTACT, city)
        contribution = ContributionFactory(project=project, partner=city)
        contribution_confirm(contribution=contribution, actor=contact)
        with pytest.raises(ValidationError, match="bereits bestätigt"):
            contribution_confirm(contribution=contribution, actor=contact)

    def test_only_secretariat_or_lead_propose(self, project, outsider):
        with pytest.raises(PermissionDenied):
            contribution_propose(
                contribution=ContributionFactory.build(project=project, partner=PartnerFactory()), actor=outsider
            )

    def test_days_and_euros_need_an_amount(self, secretariat, project):
        with pytest.raises(ValidationError, match="Umfang größer als null"):
            contribution_propose(
                contribution=Contribution(
                    project=project,
                    partner=project.lead_partner,
                    kind=ContributionKind.EUROS,
                    amount=None,
                    description="Geld",
                ),
                actor=secretariat,
            )

    def test_sums_per_partner_never_apportion(self, project):
        a, b = PartnerFactory(name="A-Stadt", slug="a"), PartnerFactory(name="B-Kreis", slug="b")
        ContributionFactory(project=project, partner=a, kind="euros", amount=1000)
        ContributionFactory(
            project=project, partner=a, kind="euros", amount=500, state="confirmed", confirmed_at=timezone.now()
        )
        ContributionFactory(project=project, partner=b, kind="person_days", amount=10)
        ContributionFactory(project=project, partner=b, kind="service", amount=None, description="Hosting")
        sums = contribution_sums(list(project.contributions.select_related("partner")))
        assert [s.partner.name for s in sums] == ["A-Stadt", "B-Kreis"]
        assert (sums[0].proposed, sums[0].confirmed) == ({"euros": 1000}, {"euros": 500})
        assert sums[1].proposed == {"person_days": 10} and sums[1].confirmed == {}
        assert [c.description for c in sums[1].services] == ["Hosting"]


def test_sorting_by_phase_follows_the_gate_model(secretariat):
    for phase in (Phase.TRANSFER, Phase.IDEA, Phase.STOPPED, Phase.PILOT, Phase.CONCEPT):
        ProjectFactory(phase=phase)
    phases = [p.phase for p in project_list_for_user(user=secretariat, filters={"sort": "phase"})]
    assert phases == [Phase.IDEA, Phase.CONCEPT, Phase.PILOT, Phase.TRANSFER, Phase.STOPPED]
