"""The solution workspace: the list, creating and editing, refused input in German."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from governance.models import AuditEvent, AuditVerb
from tests.conftest import PNG
from tests.factories import AdoptionFactory, FocusAreaFactory, PartnerFactory, ServiceCoverageFactory, SolutionFactory
from tests.transfer.workspace.helpers import draft, url
from transfer.models import ServiceCoverage, Solution, SolutionDocument, SolutionState

pytestmark = pytest.mark.django_db


# --- list ----------------------------------------------------------------------------------------


def test_list_shows_state_readiness_review_and_adoptions(client, secretariat):
    ready = SolutionFactory(title="Alpha-Lösung")
    ServiceCoverageFactory(solution=ready)
    AdoptionFactory.create_batch(2, solution=ready)
    draft(title="Beta-Lösung")
    client.force_login(secretariat)
    response = client.get(url("workspace-solution-list"))
    html = response.content.decode()
    rows = {row.solution.title: row for row in response.context["rows"]}
    alpha, beta = rows["Alpha-Lösung"].readiness, rows["Beta-Lösung"].readiness
    assert (alpha.passed, len(alpha.applicable)) == (6, 6)
    assert (beta.passed, len(beta.applicable)) == (4, 6)
    assert rows["Alpha-Lösung"].solution.adoption_count == 2
    assert "6 von 6 Prüfpunkten" in html and "4 von 6 Prüfpunkten" in html
    assert "veröffentlicht" in html and "Entwurf" in html


def test_list_filters_by_state_and_paginates(client, secretariat):
    SolutionFactory.create_batch(26)
    draft(title="Der einzige Entwurf")
    client.force_login(secretariat)
    filtered = client.get(url("workspace-solution-list"), {"state": SolutionState.DRAFT})
    assert [row.solution.title for row in filtered.context["rows"]] == ["Der einzige Entwurf"]
    first = client.get(url("workspace-solution-list"))
    assert first.context["page_obj"].paginator.num_pages == 2 and len(first.context["rows"]) == 25
    assert len(client.get(url("workspace-solution-list"), {"page": 2}).context["rows"]) == 2
    # An unknown state is not applied and is shown as an error.
    invalid = client.get(url("workspace-solution-list"), {"state": "geheim"})
    assert invalid.context["page_obj"].paginator.count == 27
    assert "Bitte wählen Sie einen Eintrag aus der Liste." in invalid.content.decode()


# --- create from a project, create, edit ------------------------------------------------------------


def test_offering_a_project_creates_a_draft_and_opens_it_for_editing(client, secretariat, project):
    area = FocusAreaFactory()
    project.focus_areas.add(area)
    client.force_login(secretariat)
    response = client.post(url("workspace-solution-from-project", project.slug))
    solution = Solution.objects.get(project=project)
    assert response["Location"] == url("workspace-solution-edit", solution.pk)
    assert solution.state == SolutionState.DRAFT and solution.title == project.title
    assert list(solution.focus_areas.all()) == [area]
    assert AuditEvent.objects.filter(verb=AuditVerb.SOLUTION_CREATED, target_id=str(solution.pk)).exists()


def form_data(**overrides) -> dict:
    data = {
        "title": "Digitaler Hundesteuerbescheid",
        "slug": "hundesteuer",
        "short_description": "Hundesteuer online.",
        "problem": "Anmeldungen kommen auf Papier.",
        "target_group": "Gemeinden",
        "licence": "EUPL-1.2",
        "is_software": "on",
        "how_it_works": "Ein Online-Formular.",
        "operating_model": "Kommunaler IT-Dienstleister",
        "contact_label": "Steueramt",
        "contact_email": "steuer@kooperationsraum.example.org",
        "publiccode_yml": "publiccodeYmlVersion: '0.4'\nname: Hundesteuer\n",
        "base_components": ["fit_connect", "epayment"],
        "leistungen-TOTAL_FORMS": "1",
        "leistungen-INITIAL_FORMS": "0",
        "leistungen-MIN_NUM_FORMS": "0",
        "leistungen-MAX_NUM_FORMS": "1000",
        "leistungen-0-leika_key": "99102013001000",
        "leistungen-0-name": "Hundesteuer anmelden",
        "leistungen-0-themenfeld": "steuern",
        "leistungen-0-maturity_model": "1.x",
        "leistungen-0-maturity_level": "3",
        "dokumente-TOTAL_FORMS": "1",
        "dokumente-INITIAL_FORMS": "0",
        "dokumente-MIN_NUM_FORMS": "0",
        "dokumente-MAX_NUM_FORMS": "1000",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_creating_a_solution_with_services_and_a_screenshot(client, secretariat):
    partner = PartnerFactory()
    client.force_login(secretariat)
    response = client.post(
        url("workspace-solution-create"),
        form_data(
            **{
                "partners": [partner.pk],
                "dokumente-0-file": SimpleUploadedFile("formular.png", PNG, content_type="image/png"),
                "dokumente-0-alt_text": "Das Formular zur Anmeldung eines Hundes",
            }
        ),
    )
    solution = Solution.objects.get(slug="hundesteuer")
    assert response["Location"] == url("workspace-solution-detail", solution.pk)
    assert solution.base_components == ["fit_connect", "epayment"]
    assert solution.state == SolutionState.DRAFT
    assert list(solution.partners.all()) == [partner]
    assert solution.services.get().maturity_level == 3
    document = solution.documents.get()
    assert document.is_image and document.title == "formular"
    assert AuditEvent.objects.filter(verb=AuditVerb.SOLUTION_CREATED, target_id=str(solution.pk)).exists()


def test_editing_keeps_the_state_and_updates_the_services(client, secretariat):
    solution = SolutionFactory(title="Alter Titel")
    service = ServiceCoverageFactory(solution=solution, maturity_level=2)
    client.force_login(secretariat)
    response = client.post(
        url("workspace-solution-edit", solution.pk),
        form_data(
            **{
                "title": "Neuer Titel",
                "slug": solution.slug,
                "state": "draft",  # a forged state is ignored
                "leistungen-TOTAL_FORMS": "1",
                "leistungen-INITIAL_FORMS": "1",
                "leistungen-0-id": str(service.pk),
                "leistungen-0-leika_key": service.leika_key,
                "leistungen-0-maturity_level": "4",
            }
        ),
    )
    assert response.status_code == 302
    solution.refresh_from_db()
    service.refresh_from_db()
    assert solution.title == "Neuer Titel" and solution.state == SolutionState.PUBLISHED
    assert service.maturity_level == 4


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"leistungen-0-leika_key": "99-1020-130"}, "Der LeiKa-Schlüssel besteht aus genau 14 Ziffern"),
        ({"leistungen-0-leika_key": "9910201300100"}, "Der LeiKa-Schlüssel besteht aus genau 14 Ziffern"),
        ({"leistungen-0-maturity_level": "5"}, "Der Reifegrad liegt außerhalb der Stufen des gewählten Modells."),
        (
            {"publiccode_yml": "publiccodeYmlVersion: '0.4'\nname: [nicht geschlossen\n"},
            "Die publiccode.yml ist kein gültiges YAML (Zeile",
        ),
        (
            {"publiccode_yml": "name: Hundesteuer\n"},
            "Eine publiccode.yml beginnt mit der Angabe „publiccodeYmlVersion“",
        ),
        (
            {"dokumente-0-file": "png", "dokumente-0-alt_text": ""},
            "Bitte beschreiben Sie im Alternativtext, was auf dem Bild zu sehen ist.",
        ),
        ({"dokumente-0-file": "exe"}, "Der Inhalt der Datei passt nicht zur Endung „.pdf“."),
        ({"title": ""}, "Dieses Feld ist zwingend erforderlich."),
    ],
)
def test_bad_input_is_refused_in_german_and_nothing_is_saved(client, secretariat, overrides, message):
    uploads = {
        "png": lambda: SimpleUploadedFile("bild.png", PNG, content_type="image/png"),
        "exe": lambda: SimpleUploadedFile("bericht.pdf", b"MZ\x90\x00" + b"\x00" * 200, content_type="application/pdf"),
    }
    if "dokumente-0-file" in overrides:
        overrides["dokumente-0-file"] = uploads[overrides["dokumente-0-file"]]()
    client.force_login(secretariat)
    events = AuditEvent.objects.count()
    response = client.post(url("workspace-solution-create"), form_data(**overrides))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Bitte prüfen Sie Ihre Eingaben." in html
    assert (Solution.objects.count(), ServiceCoverage.objects.count(), SolutionDocument.objects.count()) == (0, 0, 0)
    assert AuditEvent.objects.count() == events


def test_level_five_is_fine_under_model_two(client, secretariat):
    client.force_login(secretariat)
    response = client.post(
        url("workspace-solution-create"),
        form_data(**{"leistungen-0-maturity_model": "2.0", "leistungen-0-maturity_level": "5"}),
    )
    assert response.status_code == 302
    assert ServiceCoverage.objects.get().maturity_level == 5


def test_a_failed_edit_changes_nothing(client, secretariat):
    solution = SolutionFactory(title="Bleibt")
    client.force_login(secretariat)
    response = client.post(
        url("workspace-solution-edit", solution.pk),
        form_data(**{"title": "Wird nicht gespeichert", "slug": solution.slug, "leistungen-0-leika_key": "123"}),
    )
    assert response.status_code == 200
    solution.refresh_from_db()
    assert solution.title == "Bleibt" and not solution.services.exists()
    assert "Lösung bearbeiten: Bleibt" in response.content.decode()
