"""The demo portfolio: complete, realistic, built through the services, and safe to seed twice."""

from io import StringIO

import pytest
from django.core.management import call_command

from governance.models import AuditEvent, AuditVerb, FocusArea, Notification, User
from projects.demo import DEMO_NOTE, DEMO_PREFIX, PROJECTS
from projects.models import (
    PHASE_TRANSITIONS,
    Contribution,
    ContributionState,
    Milestone,
    Participation,
    Phase,
    Project,
    ProjectLink,
    Sponsorship,
    SponsorshipState,
    StatusReport,
    TeamMember,
    TrafficLight,
)
from projects.permissions import may_confirm_contribution
from projects.selectors import project_timeline, projects_visible_to

pytestmark = pytest.mark.django_db


def seed_demo() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    models = [
        Project,
        Participation,
        TeamMember,
        ProjectLink,
        Milestone,
        StatusReport,
        Contribution,
        Sponsorship,
        AuditEvent,
        Notification,
    ]
    return {model.__name__: model.objects.count() for model in models} | {
        "confirmed": Contribution.objects.filter(state=ContributionState.CONFIRMED).count()
    }


@pytest.fixture
def seeded(demo_for_module):
    """The demo data, seeded once for this module (tests/conftest.py); each test rolls back its own writes."""
    return demo_for_module


def test_seeding_twice_changes_nothing(seeded):
    first = counts()
    output = seed_demo()
    assert counts() == first
    assert "Projekte" in output and "Meilensteine" in output
    assert first["Project"] == len(PROJECTS)


def test_portfolio_covers_every_phase_and_focus_area(seeded):
    projects = Project.objects.all()
    assert 25 <= projects.count() <= 35
    assert set(projects.values_list("phase", flat=True)) == set(Phase.values)
    assert set(FocusArea.objects.filter(projects__isnull=False).values_list("slug", flat=True)) == set(
        FocusArea.objects.values_list("slug", flat=True)
    )
    assert projects.values("lead_partner").distinct().count() >= 10
    assert projects.filter(is_public=True).exists() and projects.filter(is_public=False).exists()


def test_every_project_is_marked_as_demo_content(seeded):
    for project in Project.objects.all():
        assert project.summary.startswith(DEMO_PREFIX.strip())
        assert DEMO_NOTE in project.description
    assert all("example.org" in url for url in ProjectLink.objects.values_list("url", flat=True))


def test_every_project_has_participants_besides_its_lead(seeded):
    for project in Project.objects.all():
        partners = project.participations.count()
        assert 2 <= partners <= 6, project


def test_phases_were_reached_through_legal_steps(seeded):
    for project in Project.objects.all():
        events = reversed(list(project_timeline(project=project)))
        steps = [(e.payload["from"], e.payload["to"]) for e in events if e.verb == AuditVerb.PROJECT_PHASE_CHANGED]
        phase = Phase.IDEA
        for before, after in steps:
            assert before == phase and after in PHASE_TRANSITIONS[before], project
            phase = after
        assert phase == project.phase


def test_implementation_and_later_rest_on_a_sponsorship(seeded):
    later = Project.objects.filter(phase__in=[Phase.IMPLEMENTATION, Phase.TRANSFER, Phase.COMPLETED])
    for project in later:
        assert project.sponsorships.filter(state__in=[SponsorshipState.APPROVED, SponsorshipState.ENDED]).exists()
    assert Sponsorship.objects.filter(state=SponsorshipState.REQUESTED).exists()  # something for a CIO to decide


def test_milestones_are_done_open_and_overdue(seeded):
    assert Milestone.objects.overdue().exists()
    assert Milestone.objects.filter(done_on__isnull=False).exists()
    assert Milestone.objects.filter(done_on__isnull=True).exclude(pk__in=Milestone.objects.overdue()).exists()
    # Closed projects do not nag with overdue milestones.
    assert not Milestone.objects.overdue().filter(project__phase__in=[Phase.COMPLETED, Phase.STOPPED]).exists()


def test_status_reports_show_every_traffic_light(seeded):
    lights = set()
    for report in StatusReport.objects.all():
        lights |= {report.schedule, report.budget, report.scope}
    assert lights == set(TrafficLight.values)
    assert max(Project.objects.all(), key=lambda p: p.status_reports.count()).status_reports.count() <= 3


def test_contributions_are_confirmed_only_by_the_partners_own_representative(seeded):
    confirmed = Contribution.objects.filter(state=ContributionState.CONFIRMED).select_related("confirmed_by")
    assert confirmed.exists()
    assert Contribution.objects.filter(state=ContributionState.PROPOSED).exists()
    for contribution in confirmed:
        assert may_confirm_contribution(contribution.confirmed_by, contribution)


@pytest.mark.parametrize(
    "email, lead_slug", [("projekt.mannheim@example.org", "mannheim"), ("projekt.koeln@example.org", "koeln")]
)
def test_demo_leads_see_their_projects_in_the_workspace(seeded, email, lead_slug):
    person = User.objects.get(email=email)
    visible = projects_visible_to(person)
    assert visible.filter(lead_partner__slug=lead_slug, team__person=person).exists()
    assert visible.count() < Project.objects.count()
