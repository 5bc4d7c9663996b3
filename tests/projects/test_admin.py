"""Project admin: the secretariat sees raw data; phase, contribution state and team stay out of reach."""

import pytest
from django.contrib import admin
from django.core.files.base import ContentFile
from django.urls import reverse

from governance.models import AuditEvent, AuditVerb
from projects.models import (
    Contribution,
    ContributionState,
    Milestone,
    Participation,
    ParticipationRole,
    Phase,
    Project,
    ProjectDocument,
    ProjectLink,
    Sponsorship,
    SponsorshipScope,
    StatusReport,
    TeamMember,
)
from tests.factories import ContributionFactory, MilestoneFactory, PartnerFactory, StatusReportFactory

pytestmark = pytest.mark.django_db

INLINE_PREFIXES = ["participations", "team", "links", "documents", "milestones", "status_reports", "contributions"]


@pytest.fixture
def one_of_each(project, project_lead, secretariat, settings, tmp_path):
    """One saved row of every project model, so every change page has something to show."""
    settings.MEDIA_ROOT = tmp_path
    contribution = ContributionFactory(project=project, partner=project.lead_partner)
    return {
        Project: project,
        Participation: project.participations.get(),
        TeamMember: project.team.get(),
        ProjectLink: ProjectLink.objects.create(project=project, label="Quellcode", url="https://code.example.org/kfz"),
        ProjectDocument: ProjectDocument.objects.create(
            project=project,
            title="Konzept",
            file=ContentFile(b"%PDF-1.4\n", name="konzept.pdf"),
            uploaded_by=secretariat,
        ),
        Milestone: MilestoneFactory(project=project),
        StatusReport: StatusReportFactory(project=project),
        Contribution: contribution,
        Sponsorship: Sponsorship.objects.create(
            project=project,
            land=project.lead_partner,
            scope=SponsorshipScope.BOTH,
            term_start=project.start_date,
            justification="Verstetigung",
            requested_by=secretariat,
        ),
    }


def registered_project_models() -> list:
    return sorted(
        (model for model in admin.site._registry if model._meta.app_label == "projects"),
        key=lambda model: model._meta.model_name,
    )


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def test_every_project_model_is_registered():
    names = {model._meta.model_name for model in registered_project_models()}
    assert {
        "project",
        "participation",
        "teammember",
        "projectlink",
        "projectdocument",
        "milestone",
        "statusreport",
        "contribution",
    } <= names


def test_secretariat_opens_every_changelist_and_change_page(secretariat_client, one_of_each):
    for model in registered_project_models():
        assert secretariat_client.get(admin_url(model, "changelist")).status_code == 200, model
        obj = one_of_each[model]
        assert secretariat_client.get(admin_url(model, "change", obj.pk)).status_code == 200, model


@pytest.mark.parametrize("person", ["outsider", "cio_bw", "steering_member"])
def test_people_without_the_secretariat_role_are_sent_to_the_admin_login(client, request, person):
    client.force_login(request.getfixturevalue(person))
    for model in registered_project_models():
        response = client.get(admin_url(model, "changelist"))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))


def project_form(project: Project, **changes) -> dict:
    """A complete change-form submission for a project with only its lead participation."""
    lead = project.participations.get()
    data = {
        "title": project.title,
        "acronym": project.acronym,
        "slug": project.slug,
        "summary": project.summary,
        "description": project.description,
        "lead_partner": project.lead_partner_id,
        "start_date": project.start_date.isoformat(),
        "planned_end_date": project.planned_end_date.isoformat(),
        "participations-0-id": lead.pk,
        "participations-0-project": project.pk,
        "participations-0-partner": lead.partner_id,
        "participations-0-role": lead.role,
    }
    for prefix in INLINE_PREFIXES:
        total = 1 if prefix == "participations" else 0
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": total,
                f"{prefix}-INITIAL_FORMS": total,
                f"{prefix}-MIN_NUM_FORMS": 0,
                f"{prefix}-MAX_NUM_FORMS": 1000,
            }
        )
    return {**data, **changes}


def test_phase_cannot_be_changed_in_admin(secretariat_client, project):
    response = secretariat_client.post(
        admin_url(Project, "change", project.pk), project_form(project, title="Neuer Titel", phase=Phase.COMPLETED)
    )
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.title == "Neuer Titel"  # the form was saved ...
    assert project.phase == Phase.CONCEPT  # ... but the phase stayed
    assert AuditEvent.objects.filter(verb=AuditVerb.PROJECT_CHANGED).exists()
    assert not AuditEvent.objects.filter(verb=AuditVerb.PROJECT_PHASE_CHANGED).exists()


def test_project_added_in_admin_goes_through_the_service(secretariat_client, land_bw):
    data = {
        "title": "Mängelmelder",
        "acronym": "MM",
        "slug": "maengelmelder",
        "summary": "Mängel melden.",
        "lead_partner": land_bw.pk,
        "phase": Phase.TRANSFER,
    }
    for prefix in INLINE_PREFIXES:
        data.update({f"{prefix}-TOTAL_FORMS": 0, f"{prefix}-INITIAL_FORMS": 0})
    response = secretariat_client.post(admin_url(Project, "add"), data)
    assert response.status_code == 302
    project = Project.objects.get(slug="maengelmelder")
    assert project.phase == Phase.IDEA
    assert project.participations.get().role == ParticipationRole.LEAD
    assert AuditEvent.objects.filter(verb=AuditVerb.PROJECT_CREATED).exists()


def test_second_lead_refused_in_participation_inline(secretariat_client, project):
    other = PartnerFactory()
    data = project_form(
        project,
        **{
            "participations-TOTAL_FORMS": 2,
            "participations-1-project": project.pk,
            "participations-1-partner": other.pk,
            "participations-1-role": ParticipationRole.LEAD,
        },
    )
    response = secretariat_client.post(admin_url(Project, "change", project.pk), data)
    assert response.status_code == 200
    # The service's rule, not a copy in the admin (which said something else).
    assert "Die Federführung legen Sie in den Projektdaten fest" in response.content.decode()
    assert not Participation.objects.filter(partner=other).exists()


def contribution_form(contribution: Contribution, **changes) -> dict:
    return {
        "project": contribution.project_id,
        "partner": contribution.partner_id,
        "kind": contribution.kind,
        "amount": str(contribution.amount),
        "description": contribution.description,
        **changes,
    }


def test_contribution_state_cannot_be_changed_in_admin(secretariat_client, project, secretariat):
    contribution = ContributionFactory(project=project, partner=project.lead_partner)
    response = secretariat_client.post(
        admin_url(Contribution, "change", contribution.pk),
        contribution_form(
            contribution,
            description="Begleitung der Erprobung",
            state=ContributionState.CONFIRMED,
            confirmed_by=secretariat.pk,
            confirmed_at="2026-01-01 10:00",
        ),
    )
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert contribution.description == "Begleitung der Erprobung"
    assert (contribution.state, contribution.confirmed_by, contribution.confirmed_at) == (
        ContributionState.PROPOSED,
        None,
        None,
    )


def test_confirmed_contribution_is_view_only(secretariat_client, project, cio_bw):
    from projects.services.progress import contribution_confirm

    contribution = contribution_confirm(
        contribution=ContributionFactory(project=project, partner=project.lead_partner), actor=cio_bw
    )
    url = admin_url(Contribution, "change", contribution.pk)
    assert secretariat_client.get(url).status_code == 200
    assert secretariat_client.post(url, contribution_form(contribution, amount="999")).status_code == 403
    contribution.refresh_from_db()
    assert contribution.amount == 20
    assert contribution.state == ContributionState.CONFIRMED


def test_confirmed_contribution_cannot_be_changed_in_project_inline(secretariat_client, project, cio_bw):
    from projects.services.progress import contribution_confirm

    contribution = contribution_confirm(
        contribution=ContributionFactory(project=project, partner=project.lead_partner), actor=cio_bw
    )
    data = project_form(
        project,
        **{
            "contributions-TOTAL_FORMS": 1,
            "contributions-INITIAL_FORMS": 1,
            "contributions-0-id": contribution.pk,
            "contributions-0-project": project.pk,
            "contributions-0-partner": contribution.partner_id,
            "contributions-0-kind": contribution.kind,
            "contributions-0-amount": "999",
            "contributions-0-description": contribution.description,
        },
    )
    response = secretariat_client.post(admin_url(Project, "change", project.pk), data)
    assert response.status_code == 200
    contribution.refresh_from_db()
    assert contribution.amount == 20


def test_team_cannot_be_changed_in_admin(secretariat_client, project, project_lead):
    member = project.team.get()
    url = admin_url(TeamMember, "change", member.pk)
    response = secretariat_client.post(url, {"project": project.pk, "person": project_lead.pk, "role": "contact"})
    assert response.status_code == 403
    assert secretariat_client.get(admin_url(TeamMember, "add")).status_code == 403
    member.refresh_from_db()
    assert member.role == "lead"
