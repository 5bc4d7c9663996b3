"""The workspace: the project team and its documents."""

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile

from governance.models import AuditEvent, AuditVerb
from projects.models import ProjectDocument, TeamMember, TeamRole
from projects.permissions import EDIT_PROGRESS
from projects.services.documents import project_document_create
from tests.conftest import MINIMAL_PDF, assert_login_redirect, login
from tests.factories import UserFactory
from tests.projects.progress_views.helpers import url

pytestmark = pytest.mark.django_db


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
