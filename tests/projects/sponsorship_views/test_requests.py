"""CIO sponsorship pages: requesting, attachments, the whole round trip, the project page, the admin."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from governance.models import AuditEvent, AuditVerb, PartnerKind
from projects.models import (
    EndReason,
    Project,
    RoundOutcome,
    Sponsorship,
    SponsorshipAttachment,
    SponsorshipScope,
    SponsorshipState,
)
from tests.conftest import MINIMAL_PDF, assert_login_redirect, login
from tests.factories import PartnerFactory
from tests.projects.sponsorship_views.helpers import EXE, NOT_SEEING, create_url, flash, fresh, url

pytestmark = pytest.mark.django_db


# --- requesting -----------------------------------------------------------------------------------


def request_data(land, **extra) -> dict:
    return {
        "land": land.pk,
        "scope": SponsorshipScope.EXECUTION,
        "term_start": "01.02.2026",
        "term_end": "31.12.2027",
        "justification": "Das Land trägt die Umsetzung.",
        **extra,
    }


def test_create_access(client, people, project, land_bw):
    assert_login_redirect(client.get(create_url(project)))
    assert_login_redirect(client.post(create_url(project), request_data(land_bw)))
    assert login(client, people["project_lead"]).get(create_url(project)).status_code == 403
    assert client.post(create_url(project), request_data(land_bw)).status_code == 403
    for role in ("outsider", "cio", "former_cio"):  # they do not see the project in the workspace
        assert login(client, people[role]).post(create_url(project), request_data(land_bw)).status_code == 404
    login(client, people["secretariat"])
    assert client.get(reverse("projects:sponsorship-create", args=["gibt-es-nicht"])).status_code == 404
    assert not Sponsorship.objects.exists()


def test_secretariat_requests_with_german_dates_and_attachments(client, people, project, land_bw, land_he):
    city = PartnerFactory(kind=PartnerKind.CITY, name="Stadt Heidelberg")
    login(client, people["secretariat"])
    response = client.get(create_url(project))
    assert response.status_code == 200
    land_choices = list(response.context["form"].fields["land"].queryset)
    assert land_choices == [land_bw, land_he] and city not in land_choices
    data = request_data(
        land_bw,
        attachment_1_title="Projektskizze",
        attachment_1_file=SimpleUploadedFile("skizze.pdf", MINIMAL_PDF, content_type="application/pdf"),
    )
    response = client.post(create_url(project), data)
    sponsorship = Sponsorship.objects.get()
    assert response.status_code == 302 and response["Location"] == sponsorship.get_absolute_url()
    assert "Die Anfrage ist an Baden-Württemberg gesendet." in flash(response)
    assert (sponsorship.state, sponsorship.term_start.isoformat(), sponsorship.term_end.isoformat()) == (
        SponsorshipState.REQUESTED,
        "2026-02-01",
        "2027-12-31",
    )
    assert list(sponsorship.attachments.values_list("title", flat=True)) == ["Projektskizze"]


def test_term_end_before_start_is_a_form_error(client, people, project, land_bw):
    response = login(client, people["secretariat"]).post(
        create_url(project), request_data(land_bw, term_start="01.06.2026", term_end="01.05.2026")
    )
    assert response.status_code == 200
    assert "Die Laufzeit kann nicht enden, bevor sie beginnt." in response.context["form"].errors["term_end"]
    assert not Sponsorship.objects.exists()


def test_second_open_request_for_the_same_project_and_land_is_refused(client, people, project, land_bw, bw_request):
    response = login(client, people["secretariat"]).post(create_url(project), request_data(land_bw))
    assert response.status_code == 200
    assert (
        "Für dieses Projekt und dieses Land gibt es bereits eine offene Anfrage oder eine laufende Patenschaft."
    ) in response.context["form"].errors["land"]
    assert Sponsorship.objects.count() == 1


def test_a_partner_that_is_not_a_land_is_refused(client, people, project):
    city = PartnerFactory(kind=PartnerKind.CITY)
    response = login(client, people["secretariat"]).post(create_url(project), request_data(city))
    assert response.status_code == 200
    assert "Bitte wählen Sie ein Land aus der Liste." in response.context["form"].errors["land"]
    assert not Sponsorship.objects.exists()


def test_a_renamed_executable_is_refused_and_nothing_is_saved(client, people, project, land_bw, tmp_path):
    data = request_data(
        land_bw,
        attachment_1_title="Anlage",
        attachment_1_file=SimpleUploadedFile("antrag.pdf", EXE, content_type="application/pdf"),
    )
    response = login(client, people["secretariat"]).post(create_url(project), data)
    assert response.status_code == 200
    assert "Der Inhalt der Datei passt nicht zur Endung „.pdf“." in response.context["form"].errors["attachment_1_file"]
    assert not Sponsorship.objects.exists() and not SponsorshipAttachment.objects.exists()
    assert not list(tmp_path.rglob("antrag*"))


def test_missing_fields_and_attachment_title_are_german_errors(client, people, project, land_bw):
    data = {
        "land": "",
        "scope": "",
        "term_start": "32.13.2026",
        "justification": "",
        "attachment_2_file": SimpleUploadedFile("skizze.pdf", MINIMAL_PDF, content_type="application/pdf"),
    }
    response = login(client, people["secretariat"]).post(create_url(project), data)
    errors = response.context["form"].errors
    assert errors["land"] == ["Bitte wählen Sie das Land."]
    assert errors["scope"] == ["Bitte wählen Sie den Umfang der Patenschaft."]
    assert errors["term_start"] == ["Bitte geben Sie ein gültiges Datum im Format TT.MM.JJJJ ein."]
    assert errors["justification"] == ["Bitte begründen Sie die Anfrage."]
    assert errors["attachment_2_title"] == ["Bitte geben Sie der Anlage einen Titel."]
    assert not Sponsorship.objects.exists()


# --- attachments ----------------------------------------------------------------------------------


def test_attachment_download(client, people, bw_request, he_request):
    attachment = bw_request.attachments.get()
    other = he_request.attachments.get()
    assert_login_redirect(client.get(url("attachment", bw_request, attachment.pk)))
    for role in NOT_SEEING:
        assert login(client, people[role]).get(url("attachment", bw_request, attachment.pk)).status_code == 404
    login(client, people["cio"])
    response = client.get(url("attachment", bw_request, attachment.pk))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    assert client.get(url("attachment", he_request, other.pk)).status_code == 404  # another Land
    assert client.get(url("attachment", bw_request, other.pk)).status_code == 404  # not this request's
    assert login(client, people["secretariat"]).get(url("attachment", he_request, other.pk)).status_code == 200


# --- the whole round trip -------------------------------------------------------------------------


def test_round_trip_request_decline_revise_approve_end(client, people, project, land_bw):
    login(client, people["secretariat"])
    response = client.post(create_url(project), request_data(land_bw, scope=SponsorshipScope.BOTH))
    sponsorship = Sponsorship.objects.get()
    assert response["Location"] == sponsorship.get_absolute_url()

    login(client, people["cio"])
    assert (
        client.post(url("decide", sponsorship), {"decision": "decline", "reason": "Umfang zu groß"}).status_code == 302
    )
    assert fresh(sponsorship).state == SponsorshipState.DECLINED

    login(client, people["secretariat"])
    assert url("resubmit", sponsorship) in client.get(url("detail", sponsorship)).content.decode()
    assert (
        client.post(
            url("resubmit", sponsorship),
            {
                "scope": SponsorshipScope.CONCEPT,
                "term_start": "01.03.2026",
                "term_end": "",
                "justification": "Nur die Konzeption.",
            },
        ).status_code
        == 302
    )

    login(client, people["deputy"])
    assert (
        client.post(url("decide", sponsorship), {"decision": "approve", "reason": "So tragen wir es."}).status_code
        == 302
    )
    assert fresh(sponsorship).state == SponsorshipState.APPROVED

    login(client, people["secretariat"])
    assert client.post(url("end", sponsorship), {"reason": EndReason.COMPLETED}).status_code == 302
    assert fresh(sponsorship).state == SponsorshipState.ENDED

    response = client.get(url("detail", sponsorship))
    html = response.content.decode()
    rounds = list(response.context["sponsorship"].rounds.all())
    assert [(r.number, r.scope, r.outcome, r.decided_by) for r in rounds] == [
        (1, SponsorshipScope.BOTH, RoundOutcome.DECLINED, people["cio"]),
        (2, SponsorshipScope.CONCEPT, RoundOutcome.APPROVED, people["deputy"]),
    ]
    for text in (
        "Runde 1",
        "Runde 2",
        "Umfang zu groß",
        "So tragen wir es.",
        "Nur die Konzeption.",
        "beendet",
        "Projekt abgeschlossen",
    ):
        assert text in html, text
    assert list(
        AuditEvent.objects.filter(verb__startswith="sponsorship.").order_by("id").values_list("verb", flat=True)
    ) == [
        AuditVerb.SPONSORSHIP_REQUESTED,
        AuditVerb.SPONSORSHIP_DECLINED,
        AuditVerb.SPONSORSHIP_REQUESTED,
        AuditVerb.SPONSORSHIP_APPROVED,
        AuditVerb.SPONSORSHIP_ENDED,
    ]


# --- the project page -----------------------------------------------------------------------------


def test_project_page_lists_sponsorships_and_offers_the_request_to_the_secretariat(client, people, project, bw_request):
    project_url = reverse("projects:project-detail", args=[project.slug])
    html = login(client, people["secretariat"]).get(project_url).content.decode()
    assert create_url(project) in html and "CIO-Patenschaft anfragen" in html
    assert bw_request.get_absolute_url() in html
    html = login(client, people["project_lead"]).get(project_url).content.decode()
    assert "Baden-Württemberg" in html and "angefragt" in html
    assert create_url(project) not in html and bw_request.get_absolute_url() not in html


# --- Django admin: read-only --------------------------------------------------------------------


def test_admin_shows_sponsorships_to_the_secretariat_but_never_changes_them(client, people, bw_request):
    login(client, people["secretariat"])
    change = reverse("admin:projects_sponsorship_change", args=[bw_request.pk])
    assert client.get(change).status_code == 200
    response = client.post(
        change, {"state": SponsorshipState.APPROVED, "justification": "geändert", "scope": SponsorshipScope.CONCEPT}
    )
    assert response.status_code == 403
    delete = reverse("admin:projects_sponsorship_delete", args=[bw_request.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    sponsorship = fresh(bw_request)
    assert (sponsorship.state, sponsorship.scope) == (SponsorshipState.REQUESTED, SponsorshipScope.BOTH)
    assert Project.objects.filter(pk=bw_request.project_id).exists()
