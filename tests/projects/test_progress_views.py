"""Milestones, status reports, contributions, team and documents in the workspace: access and effect."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from governance.models import AuditEvent, AuditVerb, Role
from projects.models import (
    Contribution,
    ContributionKind,
    ContributionState,
    Milestone,
    Participation,
    ParticipationRole,
    ProjectDocument,
    StatusReport,
    TeamMember,
    TeamRole,
    TrafficLight,
)
from projects.permissions import EDIT_PROGRESS
from projects.services.documents import project_document_create
from projects.services.projects import project_team_add
from tests.conftest import MINIMAL_PDF, assert_login_redirect, login
from tests.factories import (
    ContributionFactory,
    MilestoneFactory,
    RoleAssignmentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
PENDING = reverse("projects:contribution-pending")


def url(name: str, project, *args) -> str:
    return reverse(f"projects:{name}", args=[project.slug, *args])


@pytest.fixture
def team_contact(project, secretariat):
    """On the team (sees the project, keeps progress) but not its lead."""
    person = UserFactory()
    project_team_add(project=project, person=person, role=TeamRole.CONTACT, actor=secretariat)
    return person


def representative(partner, **dates):
    person = UserFactory()
    RoleAssignmentFactory(person=person, partner=partner, role=Role.PROJECT_CONTACT, **dates)
    return person


@pytest.fixture
def rep_bw(land_bw):
    return representative(land_bw)


@pytest.fixture
def rep_he(land_he):
    return representative(land_he)


# --- milestones --------------------------------------------------------------------------------------


def milestone_data(**changes) -> dict:
    return {"title": "Pilotkreis angebunden", "due_on": "30.06.2026", "done_on": "", **changes}


def test_milestone_pages_send_anonymous_visitors_to_login(client, project):
    milestone = MilestoneFactory(project=project)
    for target in (url("milestone-create", project), url("milestone-edit", project, milestone.pk)):
        assert_login_redirect(client.get(target))
        assert_login_redirect(client.post(target, milestone_data()))
    assert Milestone.objects.count() == 1


@pytest.mark.parametrize("person", ["outsider", "cio_bw"])
def test_milestones_are_not_found_for_people_who_do_not_see_the_project(client, request, project, person):
    milestone = MilestoneFactory(project=project, title="Alt")
    login(client, request.getfixturevalue(person))
    assert client.get(url("milestone-create", project)).status_code == 404
    assert client.post(url("milestone-create", project), milestone_data()).status_code == 404
    assert client.post(url("milestone-edit", project, milestone.pk), milestone_data()).status_code == 404
    milestone.refresh_from_db()
    assert milestone.title == "Alt" and Milestone.objects.count() == 1


def test_project_lead_adds_a_milestone(client, project, project_lead):
    login(client, project_lead)
    page = client.get(url("milestone-create", project)).content.decode()
    assert page.count("<h1") == 1 and 'for="id_title"' in page and 'for="id_due_on"' in page
    response = client.post(
        url("milestone-create", project), milestone_data(responsible_partner=project.lead_partner.pk)
    )
    assert response.status_code == 302
    assert response["Location"] == project.get_absolute_url() + "#meilensteine"
    milestone = Milestone.objects.get(project=project)
    assert milestone.title == "Pilotkreis angebunden" and milestone.due_on.isoformat() == "2026-06-30"
    assert milestone.responsible_partner == project.lead_partner
    event = AuditEvent.objects.get(verb=AuditVerb.MILESTONE_SAVED)
    assert event.actor == project_lead and event.payload["created"] is True


def test_project_lead_gets_404_on_another_project(client, project_lead, other_project):
    milestone = MilestoneFactory(project=other_project)
    login(client, project_lead)
    assert client.post(url("milestone-create", other_project), milestone_data()).status_code == 404
    assert client.get(url("milestone-edit", other_project, milestone.pk)).status_code == 404
    assert client.post(url("status-report-create", other_project), {}).status_code == 404
    assert not Milestone.objects.filter(project=other_project).exclude(pk=milestone.pk).exists()


def test_milestone_of_another_project_is_404_under_this_slug(client, project, project_lead, other_project, secretariat):
    foreign = MilestoneFactory(project=other_project, title="Fremd")
    for person in (project_lead, secretariat):
        login(client, person)
        assert client.get(url("milestone-edit", project, foreign.pk)).status_code == 404
        assert client.post(url("milestone-edit", project, foreign.pk), milestone_data()).status_code == 404
    foreign.refresh_from_db()
    assert foreign.title == "Fremd"


def test_team_member_marks_a_milestone_done(client, project, team_contact):
    milestone = MilestoneFactory(project=project, title="Konzept abgenommen", due_on=TODAY - timedelta(days=3))
    login(client, team_contact)
    page = client.get(url("milestone-edit", project, milestone.pk)).content.decode()
    assert 'value="Konzept abgenommen"' in page and milestone.due_on.strftime("%d.%m.%Y") in page
    done = (TODAY - timedelta(days=1)).strftime("%d.%m.%Y")
    response = client.post(
        url("milestone-edit", project, milestone.pk),
        milestone_data(title="Konzept abgenommen", due_on=milestone.due_on.strftime("%d.%m.%Y"), done_on=done),
    )
    assert response.status_code == 302
    milestone.refresh_from_db()
    assert milestone.done_on == TODAY - timedelta(days=1)
    assert not milestone.is_overdue()


def test_milestone_form_explains_invalid_input(client, project, project_lead):
    response = login(client, project_lead).post(
        url("milestone-create", project), milestone_data(title="", due_on="31.02.2026")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="alert"' in html
    assert "Bitte geben Sie ein gültiges Datum im Format TT.MM.JJJJ ein." in html
    assert 'href="#id_due_on"' in html  # the summary links to the field
    assert not Milestone.objects.exists()


# --- status reports ----------------------------------------------------------------------------------


def report_data(**changes) -> dict:
    return {
        "period_start": "01.01.2026",
        "period_end": "31.03.2026",
        "schedule": "green",
        "budget": "yellow",
        "scope": "red",
        "text": "## Stand\n\nDer **Pilot** läuft.",
        **changes,
    }


def test_status_report_access(client, project, outsider, cio_bw, other_project, project_lead):
    target = url("status-report-create", project)
    assert_login_redirect(client.get(target))
    for person in (outsider, cio_bw):
        assert login(client, person).post(target, report_data()).status_code == 404
    assert (
        login(client, project_lead).post(url("status-report-create", other_project), report_data()).status_code == 404
    )
    assert not StatusReport.objects.exists()


def test_project_lead_files_a_status_report(client, project, project_lead):
    login(client, project_lead)
    page = client.get(url("status-report-create", project)).content.decode()
    assert "<legend>Zeitplan:</legend>" in page and 'value="red"' in page and "---------" not in page
    response = client.post(url("status-report-create", project), report_data())
    assert response.status_code == 302
    report = StatusReport.objects.get(project=project)
    assert (report.schedule, report.budget, report.scope) == ("green", "yellow", "red")
    assert report.author == project_lead and report.worst_light == TrafficLight.RED
    assert AuditEvent.objects.filter(verb=AuditVerb.STATUS_REPORT_FILED, actor=project_lead).exists()
    html = client.get(project.get_absolute_url()).content.decode()
    assert '<span class="light light-red">kritisch</span>' in html and "<strong>Pilot</strong>" in html


def test_status_report_period_must_not_end_before_it_starts(client, project, secretariat):
    response = login(client, secretariat).post(
        url("status-report-create", project), report_data(period_start="01.04.2026", period_end="31.03.2026")
    )
    assert response.status_code == 200
    assert "Der Berichtszeitraum kann nicht vor seinem Beginn enden." in response.context["form"].errors["period_end"]
    assert not StatusReport.objects.exists()


def test_status_report_needs_all_three_lights(client, project, secretariat):
    data = report_data()
    del data["budget"]
    response = login(client, secretariat).post(url("status-report-create", project), data)
    assert response.status_code == 200 and "budget" in response.context["form"].errors
    assert not StatusReport.objects.exists()


# --- contributions: propose ----------------------------------------------------------------------------


def contribution_data(partner, **changes) -> dict:
    return {
        "partner": partner.pk,
        "kind": ContributionKind.PERSON_DAYS,
        "amount": "25",
        "description": "Fachliche Begleitung",
        **changes,
    }


def test_contribution_create_access(client, project, land_bw, outsider, team_contact, other_project, project_lead):
    target = url("contribution-create", project)
    assert_login_redirect(client.get(target))
    assert login(client, outsider).post(target, contribution_data(land_bw)).status_code == 404
    # On the team, but only the lead (or the secretariat) proposes contributions.
    assert login(client, team_contact).get(target).status_code == 403
    assert client.post(target, contribution_data(land_bw)).status_code == 403
    assert (
        login(client, project_lead)
        .post(url("contribution-create", other_project), contribution_data(other_project.lead_partner))
        .status_code
        == 404
    )
    assert not Contribution.objects.exists()


@pytest.mark.parametrize("person", ["project_lead", "secretariat"])
def test_lead_and_secretariat_propose_a_contribution(client, request, project, land_bw, person):
    actor = request.getfixturevalue(person)
    response = login(client, actor).post(url("contribution-create", project), contribution_data(land_bw))
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert contribution.state == ContributionState.PROPOSED and contribution.proposed_by == actor
    assert contribution.partner == land_bw and contribution.amount == 25
    assert AuditEvent.objects.filter(verb=AuditVerb.CONTRIBUTION_PROPOSED).exists()


def test_contribution_needs_an_amount_for_person_days(client, project, land_bw, secretariat):
    response = login(client, secretariat).post(
        url("contribution-create", project), contribution_data(land_bw, amount="")
    )
    assert response.status_code == 200
    assert "Personentage und Euro brauchen einen Umfang größer als null." in response.context["form"].errors["amount"]
    assert not Contribution.objects.exists()


def test_contribution_only_for_participating_partners(client, project, land_he, secretariat):
    response = login(client, secretariat).post(url("contribution-create", project), contribution_data(land_he))
    assert response.status_code == 200 and "partner" in response.context["form"].errors
    Participation.objects.create(project=project, partner=land_he, role=ParticipationRole.PARTNER)
    assert client.post(url("contribution-create", project), contribution_data(land_he)).status_code == 302
    assert Contribution.objects.get().partner == land_he


# --- contributions: confirm ----------------------------------------------------------------------------


@pytest.fixture
def proposed(project, land_bw, secretariat):
    return ContributionFactory(project=project, partner=land_bw, proposed_by=secretariat)


def confirm_url(contribution) -> str:
    return url("contribution-confirm", contribution.project, contribution.pk)


def test_confirm_sends_anonymous_visitors_to_login(client, proposed):
    assert_login_redirect(client.get(confirm_url(proposed)))
    assert_login_redirect(client.post(confirm_url(proposed)))
    proposed.refresh_from_db()
    assert proposed.state == ContributionState.PROPOSED


def test_representative_confirms_their_partners_contribution(client, proposed, rep_bw):
    response = login(client, rep_bw).post(confirm_url(proposed), follow=True)
    # Not on the team, so not sent to the project page they cannot see, but to their own list.
    assert response.redirect_chain == [(PENDING, 302)]
    assert "Sie haben den Beitrag von Baden-Württemberg verbindlich bestätigt." in response.content.decode()
    proposed.refresh_from_db()
    assert proposed.state == ContributionState.CONFIRMED and proposed.confirmed_by == rep_bw
    assert AuditEvent.objects.filter(verb=AuditVerb.CONTRIBUTION_CONFIRMED, actor=rep_bw).exists()

    again = client.post(confirm_url(proposed), follow=True)
    assert "Dieser Beitrag ist bereits bestätigt." in again.content.decode()
    assert AuditEvent.objects.filter(verb=AuditVerb.CONTRIBUTION_CONFIRMED).count() == 1


def test_representative_on_the_team_returns_to_the_project(client, proposed, rep_bw, secretariat):
    project_team_add(project=proposed.project, person=rep_bw, role=TeamRole.CONTACT, actor=secretariat)
    response = login(client, rep_bw).post(confirm_url(proposed))
    assert response["Location"] == proposed.project.get_absolute_url() + "#beitraege"


def test_secretariat_cannot_confirm_for_a_partner(client, proposed, secretariat):
    response = login(client, secretariat).post(confirm_url(proposed))
    assert response.status_code == 403
    assert "Nur eine Vertretung von Baden-Württemberg kann diesen Beitrag bestätigen." in response.content.decode()
    proposed.refresh_from_db()
    assert proposed.state == ContributionState.PROPOSED


def test_representative_of_another_partner_is_refused(client, proposed, rep_he, secretariat):
    # Without sight of the project the contribution does not exist for them.
    assert login(client, rep_he).post(confirm_url(proposed)).status_code == 404
    # On the team, they see it, and the service refuses with its reason.
    project_team_add(project=proposed.project, person=rep_he, role=TeamRole.CONTACT, actor=secretariat)
    response = client.post(confirm_url(proposed))
    assert response.status_code == 403
    assert "Nur eine Vertretung von Baden-Württemberg" in response.content.decode()
    proposed.refresh_from_db()
    assert proposed.state == ContributionState.PROPOSED


def test_former_representative_and_outsider_are_refused(client, proposed, land_bw, outsider):
    former = representative(land_bw, valid_from=TODAY - timedelta(days=100), valid_until=TODAY - timedelta(days=1))
    for person in (former, outsider):
        assert login(client, person).post(confirm_url(proposed)).status_code == 404
    proposed.refresh_from_db()
    assert proposed.state == ContributionState.PROPOSED


def test_contribution_of_another_project_is_404_under_this_slug(client, project, other_project, land_bw, rep_bw):
    foreign = ContributionFactory(project=other_project, partner=land_bw)
    response = login(client, rep_bw).post(url("contribution-confirm", project, foreign.pk))
    assert response.status_code == 404
    foreign.refresh_from_db()
    assert foreign.state == ContributionState.PROPOSED


def test_confirm_is_post_only(client, proposed, rep_bw):
    assert login(client, rep_bw).get(confirm_url(proposed)).status_code == 405


def test_project_page_offers_confirmation_only_to_the_representative(
    client, proposed, rep_bw, secretariat, project_lead
):
    project_team_add(project=proposed.project, person=rep_bw, role=TeamRole.CONTACT, actor=secretariat)
    assert confirm_url(proposed) in login(client, rep_bw).get(proposed.project.get_absolute_url()).content.decode()
    assert (
        confirm_url(proposed)
        not in login(client, project_lead).get(proposed.project.get_absolute_url()).content.decode()
    )


# --- my open contributions ---------------------------------------------------------------------------


def test_pending_page_sends_anonymous_visitors_to_login(client):
    assert_login_redirect(client.get(PENDING))


def test_pending_lists_only_open_contributions_of_represented_partners(
    client, project, other_project, land_bw, land_he, rep_bw
):
    mine = ContributionFactory(project=project, partner=land_bw, description="Meiner, offen")
    mine_elsewhere = ContributionFactory(project=other_project, partner=land_bw, description="Meiner, anderswo")
    ContributionFactory(
        project=project,
        partner=land_bw,
        description="Meiner, bestätigt",
        state=ContributionState.CONFIRMED,
        confirmed_at=timezone.now(),
    )
    ContributionFactory(project=project, partner=land_he, description="Hessens")
    response = login(client, rep_bw).get(PENDING)
    assert response.status_code == 200
    assert set(response.context["page_obj"].object_list) == {mine, mine_elsewhere}
    html = response.content.decode()
    assert html.count("<h1") == 1 and "2 offene Beiträge" in html
    assert confirm_url(mine) in html and "Hessens" not in html and "Meiner, bestätigt" not in html
    assert f'href="{project.get_absolute_url()}"' not in html  # not on the team: the title without a link


def test_pending_is_empty_for_people_without_a_representative_role(client, proposed, outsider):
    response = login(client, outsider).get(PENDING)
    assert response.status_code == 200
    assert "Es gibt keine offenen Beiträge" in response.content.decode()


# --- team ----------------------------------------------------------------------------------------------


def test_team_add_access(client, project, outsider, project_lead, other_project):
    newcomer = UserFactory()
    data = {"person": newcomer.pk, "role": TeamRole.CONTACT}
    assert_login_redirect(client.get(url("team-add", project)))
    assert_login_redirect(client.post(url("team-add", project), data))
    assert login(client, outsider).post(url("team-add", project), data).status_code == 404
    assert login(client, project_lead).post(url("team-add", project), data).status_code == 403
    assert client.post(url("team-add", other_project), data).status_code == 404
    assert not TeamMember.objects.filter(person=newcomer).exists()


def test_secretariat_adds_and_removes_a_team_member(client, project, secretariat):
    newcomer = UserFactory()
    login(client, secretariat)
    response = client.post(url("team-add", project), {"person": newcomer.pk, "role": TeamRole.CONTACT})
    assert response.status_code == 302 and response["Location"].endswith("#team")
    member = TeamMember.objects.get(project=project, person=newcomer)
    assert newcomer.has_perm(EDIT_PROGRESS, project)
    assert login(client, newcomer).get(project.get_absolute_url()).status_code == 200

    assert login(client, secretariat).get(url("team-remove", project, member.pk)).status_code == 405
    response = client.post(url("team-remove", project, member.pk))
    assert response.status_code == 302
    assert not TeamMember.objects.filter(pk=member.pk).exists()
    newcomer = type(newcomer).objects.get(pk=newcomer.pk)  # fresh permission cache
    assert not newcomer.has_perm(EDIT_PROGRESS, project)
    assert login(client, newcomer).get(project.get_absolute_url()).status_code == 404
    verbs = AuditEvent.objects.filter(verb=AuditVerb.PROJECT_TEAM_CHANGED).values_list("payload", flat=True)
    assert {"removed": f"Person #{newcomer.pk}", "role": TeamRole.CONTACT} in list(verbs)


def test_team_add_without_person_reshows_the_form(client, project, secretariat):
    response = login(client, secretariat).post(url("team-add", project), {"role": TeamRole.CONTACT})
    assert response.status_code == 200
    assert "Bitte wählen Sie eine Person." in response.content.decode()
    assert 'role="alert"' in response.content.decode()


def test_team_remove_access(client, project, project_lead, outsider, other_project, secretariat):
    member = TeamMember.objects.get(project=project, person=project_lead)
    assert_login_redirect(client.post(url("team-remove", project, member.pk)))
    assert login(client, outsider).post(url("team-remove", project, member.pk)).status_code == 404
    assert login(client, project_lead).post(url("team-remove", project, member.pk)).status_code == 403
    # A member of one project cannot be removed through another project's address.
    assert login(client, secretariat).post(url("team-remove", other_project, member.pk)).status_code == 404
    assert TeamMember.objects.filter(pk=member.pk).exists()


# --- documents -----------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def upload(name: str = "konzept.pdf", content: bytes = MINIMAL_PDF, **extra) -> dict:
    return {"title": "Grobkonzept", "file": SimpleUploadedFile(name, content), **extra}


def test_document_upload_access(client, project, outsider, project_lead, other_project):
    target = url("document-create", project)
    assert_login_redirect(client.get(target))
    assert login(client, outsider).post(target, upload()).status_code == 404
    assert login(client, project_lead).post(target, upload()).status_code == 403
    assert client.post(url("document-create", other_project), upload()).status_code == 404
    assert not ProjectDocument.objects.exists()


def test_secretariat_uploads_and_team_downloads(client, project, secretariat, project_lead, tmp_path):
    login(client, secretariat)
    assert 'enctype="multipart/form-data"' in client.get(url("document-create", project)).content.decode()
    response = client.post(url("document-create", project), upload(is_public="on"))
    assert response.status_code == 302
    document = ProjectDocument.objects.get()
    assert document.uploaded_by == secretariat and document.is_public and document.project == project
    download = login(client, project_lead).get(url("document-download", project, document.pk))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment;")
    assert b"".join(download.streaming_content) == MINIMAL_PDF


def test_renamed_executable_is_refused(client, project, secretariat, tmp_path):
    fake = b"MZ\x90\x00" + b"\x00" * 200
    response = login(client, secretariat).post(url("document-create", project), upload("bericht.pdf", fake))
    assert response.status_code == 200
    assert "Der Inhalt der Datei passt nicht zur Endung „.pdf“." in response.context["form"].errors["file"]
    assert 'role="alert"' in response.content.decode()
    assert not ProjectDocument.objects.exists()
    assert not any(tmp_path.rglob("*.pdf"))


def test_oversized_document_is_refused(client, project, secretariat, settings):
    settings.UPLOAD_MAX_SIZE = 1024
    response = login(client, secretariat).post(
        url("document-create", project), upload(content=MINIMAL_PDF + b" " * 2048)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"][0].startswith("Die Datei ist zu groß")
    assert not ProjectDocument.objects.exists()


def make_document(project, secretariat, name="plan.pdf") -> ProjectDocument:
    document = ProjectDocument(project=project, title="Plan", file=SimpleUploadedFile(name, MINIMAL_PDF))
    return project_document_create(document=document, actor=secretariat)


def test_document_download_access(client, project, other_project, secretariat, project_lead, outsider, cio_bw):
    mine, foreign = make_document(project, secretariat), make_document(other_project, secretariat)
    assert_login_redirect(client.get(url("document-download", project, mine.pk)))
    for person in (outsider, cio_bw):
        assert login(client, person).get(url("document-download", project, mine.pk)).status_code == 404
    login(client, project_lead)
    assert client.get(url("document-download", other_project, foreign.pk)).status_code == 404
    assert client.get(url("document-download", project, foreign.pk)).status_code == 404
    assert client.get(url("document-download", project, mine.pk)).status_code == 200


def test_document_service_is_for_the_secretariat_only(project, project_lead):
    document = ProjectDocument(project=project, title="Plan", file=SimpleUploadedFile("plan.pdf", MINIMAL_PDF))
    with pytest.raises(PermissionDenied):
        project_document_create(document=document, actor=project_lead)
    assert not ProjectDocument.objects.exists()
