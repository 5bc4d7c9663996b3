"""The secretariat's solution workspace: access, readiness and publication, adoptions, inquiries,
and refused input with German messages."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from governance.models import AuditEvent, AuditVerb
from tests.conftest import PNG, assert_login_redirect
from tests.factories import (
    AdoptionFactory,
    FocusAreaFactory,
    InquiryFactory,
    PartnerFactory,
    ServiceCoverageFactory,
    SolutionFactory,
)
from transfer.models import (
    Adoption,
    AdoptionStage,
    Inquiry,
    InquiryState,
    ServiceCoverage,
    Solution,
    SolutionDocument,
    SolutionState,
)
from transfer.selectors import catalogue

pytestmark = pytest.mark.django_db

MISSING = 999_999


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def url(name: str, *args) -> str:
    return reverse(f"transfer:{name}", args=args)


def make_inquiry(solution, state=InquiryState.CONFIRMED, administration="Stadt Musterhausen") -> Inquiry:
    return InquiryFactory(
        solution=solution,
        administration=administration,
        contact_name="Erika Beispiel",
        contact_email="erika.beispiel@example.org",
        message="Wir möchten die Lösung nachnutzen.",
        state=state,
        confirmed_at=timezone.now() if state != InquiryState.UNCONFIRMED else None,
    )


def draft(**kwargs) -> Solution:
    """A draft that is not transfer-ready: no OZG service, no operating model."""
    return SolutionFactory(state=SolutionState.DRAFT, published_at=None, operating_model="", **kwargs)


def ready_draft() -> Solution:
    solution = SolutionFactory(state=SolutionState.DRAFT, published_at=None)
    ServiceCoverageFactory(solution=solution)
    return solution


# --- access: anonymous → login, others → 403, secretariat → works, another object → 404 -----------


@pytest.fixture
def objects(project):
    solution = SolutionFactory()
    adoption = AdoptionFactory(solution=solution)
    other = SolutionFactory()
    return {
        "solution": solution,
        "adoption": adoption,
        "project": project,
        "inquiry": make_inquiry(solution),
        "unconfirmed": make_inquiry(solution, state=InquiryState.UNCONFIRMED),
        "foreign_adoption": AdoptionFactory(solution=other),
    }


# (method, url for the object, url for "another object" or None, expected status for the secretariat)
ROUTES = {
    "list": ("get", lambda o: url("workspace-solution-list"), None, 200),
    "create": ("get", lambda o: url("workspace-solution-create"), None, 200),
    "from-project": (
        "post",
        lambda o: url("workspace-solution-from-project", o["project"].slug),
        lambda o: url("workspace-solution-from-project", "gibt-es-nicht"),
        302,
    ),
    "detail": (
        "get",
        lambda o: url("workspace-solution-detail", o["solution"].pk),
        lambda o: url("workspace-solution-detail", MISSING),
        200,
    ),
    "edit": (
        "get",
        lambda o: url("workspace-solution-edit", o["solution"].pk),
        lambda o: url("workspace-solution-edit", MISSING),
        200,
    ),
    "publish": (
        "post",
        lambda o: url("workspace-solution-publish", o["solution"].pk),
        lambda o: url("workspace-solution-publish", MISSING),
        409,
    ),  # already published
    "unpublish": (
        "post",
        lambda o: url("workspace-solution-unpublish", o["solution"].pk),
        lambda o: url("workspace-solution-unpublish", MISSING),
        200,
    ),  # no reason given
    "review": (
        "post",
        lambda o: url("workspace-solution-review", o["solution"].pk),
        lambda o: url("workspace-solution-review", MISSING),
        302,
    ),
    "adoption-create": (
        "post",
        lambda o: url("workspace-adoption-create", o["solution"].pk),
        lambda o: url("workspace-adoption-create", MISSING),
        200,
    ),  # empty form
    "adoption-edit": (
        "get",
        lambda o: url("workspace-adoption-edit", o["solution"].pk, o["adoption"].pk),
        lambda o: url("workspace-adoption-edit", o["solution"].pk, o["foreign_adoption"].pk),
        200,
    ),
    "inquiry-list": ("get", lambda o: url("inquiry-list"), None, 200),
    "inquiry-adopt": (
        "post",
        lambda o: url("inquiry-adopt", o["inquiry"].pk),
        lambda o: url("inquiry-adopt", o["unconfirmed"].pk),
        302,
    ),
}


@pytest.mark.parametrize("route", ROUTES)
def test_anonymous_visitors_are_sent_to_the_login(client, objects, route):
    method, target, _other, _status = ROUTES[route]
    assert_login_redirect(getattr(client, method)(target(objects)))


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("who", ["outsider", "steering_member", "cio_bw"])
def test_anyone_but_the_secretariat_is_refused(client, objects, route, who, request):
    method, target, _other, _status = ROUTES[route]
    client.force_login(request.getfixturevalue(who))
    before = (Solution.objects.count(), Adoption.objects.count(), AuditEvent.objects.count())
    assert getattr(client, method)(target(objects)).status_code == 403
    assert (Solution.objects.count(), Adoption.objects.count(), AuditEvent.objects.count()) == before


@pytest.mark.parametrize("route", ROUTES)
def test_the_secretariat_gets_the_page_or_the_effect(client, secretariat, objects, route):
    method, target, _other, status = ROUTES[route]
    client.force_login(secretariat)
    assert getattr(client, method)(target(objects)).status_code == status


@pytest.mark.parametrize("route", [name for name, spec in ROUTES.items() if spec[2]])
def test_another_object_is_not_found(client, secretariat, objects, route):
    method, _target, other, _status = ROUTES[route]
    client.force_login(secretariat)
    assert getattr(client, method)(other(objects)).status_code == 404


def test_navigation_and_project_page_offer_the_workspace_only_to_the_secretariat(
    client, secretariat, outsider, project
):
    client.force_login(secretariat)
    html = client.get(reverse("projects:project-detail", args=[project.slug])).content.decode()
    assert url("workspace-solution-list") in html
    assert url("workspace-solution-from-project", project.slug) in html and "Als Lösung anbieten" in html
    client.force_login(outsider)
    assert url("workspace-solution-list") not in client.get(reverse("home")).content.decode()


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


# --- readiness and publication ------------------------------------------------------------------------


def test_checklist_is_shown_as_text_with_not_applicable_items(client, secretariat):
    solution = draft(is_software=False, publiccode_yml="")
    client.force_login(secretariat)
    html = client.get(url("workspace-solution-detail", solution.pk)).content.decode()
    assert "✓ erfüllt:</strong> Lizenz angegeben" in html
    assert "✗ fehlt:</strong> Betriebsmodell beschrieben" in html
    assert "– entfällt:</strong> publiccode.yml hinterlegt" in html
    assert "3 von 5 Prüfpunkten erfüllt." in html


def test_publishing_is_refused_with_what_is_missing(client, secretariat):
    solution = draft()
    client.force_login(secretariat)
    response = client.post(url("workspace-solution-publish", solution.pk))
    assert response.status_code == 409
    html = response.content.decode()
    assert "Noch nicht bereit für den Transfer:" in html
    assert "Reifegrad mindestens einer OZG-Leistung angegeben; Betriebsmodell beschrieben" in html
    solution.refresh_from_db()
    assert solution.state == SolutionState.DRAFT
    assert not AuditEvent.objects.filter(verb=AuditVerb.SOLUTION_PUBLISHED).exists()


def test_publishing_a_ready_solution_puts_it_in_the_catalogue(client, secretariat):
    solution = ready_draft()
    client.force_login(secretariat)
    response = client.post(url("workspace-solution-publish", solution.pk))
    assert response["Location"] == url("workspace-solution-detail", solution.pk)
    solution.refresh_from_db()
    assert solution.state == SolutionState.PUBLISHED and solution.published_at is not None
    assert solution in catalogue(filters={}).solutions
    assert AuditEvent.objects.filter(verb=AuditVerb.SOLUTION_PUBLISHED, target_id=str(solution.pk)).exists()


def test_unpublishing_needs_a_reason_and_removes_it_from_the_catalogue(client, secretariat):
    solution = SolutionFactory()
    ServiceCoverageFactory(solution=solution)
    assert solution in catalogue(filters={}).solutions
    client.force_login(secretariat)
    refused = client.post(url("workspace-solution-unpublish", solution.pk), {"reason": ""})
    assert "Bitte geben Sie an, warum die Lösung zurückgezogen wird." in refused.content.decode()
    solution.refresh_from_db()
    assert solution.state == SolutionState.PUBLISHED

    response = client.post(url("workspace-solution-unpublish", solution.pk), {"reason": "Sicherheitslücke"})
    assert response.status_code == 302
    solution.refresh_from_db()
    assert solution.state == SolutionState.UNPUBLISHED
    assert solution not in catalogue(filters={}).solutions
    event = AuditEvent.objects.get(verb=AuditVerb.SOLUTION_UNPUBLISHED)
    assert event.payload == {"reason": "Sicherheitslücke"}


def test_marking_reviewed_dates_it_today(client, secretariat):
    solution = SolutionFactory(last_reviewed_on=timezone.localdate() - timedelta(days=400))
    client.force_login(secretariat)
    client.post(url("workspace-solution-review", solution.pk))
    solution.refresh_from_db()
    assert solution.last_reviewed_on == timezone.localdate()


# --- adoptions -----------------------------------------------------------------------------------


def test_adding_an_adoption_by_a_partner_takes_its_name(client, secretariat):
    solution = SolutionFactory()
    partner = PartnerFactory(name="Stadt Ludwigshafen am Rhein")
    client.force_login(secretariat)
    response = client.post(
        url("workspace-adoption-create", solution.pk),
        {
            "nachnutzung-partner": partner.pk,
            "nachnutzung-stage": AdoptionStage.EVALUATION,
            "nachnutzung-contact": "Bereich Digitalisierung",
        },
    )
    assert response.status_code == 302
    adoption = solution.adoptions.get()
    assert (adoption.organisation, adoption.partner, adoption.stage) == (
        partner.name,
        partner,
        AdoptionStage.EVALUATION,
    )


def test_an_adoption_needs_a_partner_or_an_organisation(client, secretariat):
    solution = SolutionFactory()
    client.force_login(secretariat)
    response = client.post(url("workspace-adoption-create", solution.pk), {"nachnutzung-stage": "interest"})
    assert "Bitte wählen Sie einen Partner oder nennen Sie die Verwaltung." in response.content.decode()
    assert not Adoption.objects.exists()


def test_adoptions_are_listed_in_pipeline_order(client, secretariat):
    solution = SolutionFactory()
    for stage, name in [
        (AdoptionStage.ENDED, "Amt A"),
        (AdoptionStage.PRODUCTION, "Amt B"),
        (AdoptionStage.INTEREST, "Amt C"),
        (AdoptionStage.PILOT, "Amt D"),
    ]:
        AdoptionFactory(solution=solution, stage=stage, organisation=name)
    client.force_login(secretariat)
    response = client.get(url("workspace-solution-detail", solution.pk))
    assert [a.organisation for a in response.context["solution"].adoptions.all()] == [
        "Amt C",
        "Amt D",
        "Amt B",
        "Amt A",
    ]


def test_moving_an_adoption_along_the_pipeline_is_audited(client, secretariat):
    adoption = AdoptionFactory(
        stage=AdoptionStage.PILOT, organisation="Kreis Beispiel", stage_since=timezone.localdate() - timedelta(days=90)
    )
    client.force_login(secretariat)
    response = client.post(
        url("workspace-adoption-edit", adoption.solution.pk, adoption.pk),
        {"organisation": "Kreis Beispiel", "stage": AdoptionStage.PRODUCTION, "contact": "IT-Amt"},
    )
    assert response["Location"] == url("workspace-solution-detail", adoption.solution.pk) + "#nachnutzung"
    adoption.refresh_from_db()
    assert adoption.stage == AdoptionStage.PRODUCTION and adoption.stage_since == timezone.localdate()
    event = AuditEvent.objects.get(verb=AuditVerb.ADOPTION_CHANGED)
    assert event.payload["from"] == AdoptionStage.PILOT and event.payload["to"] == AdoptionStage.PRODUCTION
    assert event.actor == secretariat


# --- reuse requests --------------------------------------------------------------------------------


def test_inquiry_list_shows_confirmed_requests_only(client, secretariat):
    solution = SolutionFactory()
    make_inquiry(solution, administration="Bestätigte Stadt")
    make_inquiry(solution, state=InquiryState.ADOPTED, administration="Übernommener Kreis")
    make_inquiry(solution, state=InquiryState.UNCONFIRMED, administration="Unbestätigte Gemeinde")
    client.force_login(secretariat)
    html = client.get(url("inquiry-list")).content.decode()
    assert "Bestätigte Stadt" in html and "Übernommener Kreis" in html
    assert "Unbestätigte Gemeinde" not in html
    assert "erika.beispiel@example.org" in html and "Wir möchten die Lösung nachnutzen." in html
    assert html.count("In Nachnutzung übernehmen") == 1
    detail = client.get(url("workspace-solution-detail", solution.pk)).content.decode()
    assert "Bestätigte Stadt" in detail and "Unbestätigte Gemeinde" not in detail


def test_a_confirmed_inquiry_becomes_an_adoption_once(client, secretariat):
    inquiry = make_inquiry(SolutionFactory(), administration="Stadt Musterhausen")
    client.force_login(secretariat)
    response = client.post(url("inquiry-adopt", inquiry.pk))
    inquiry.refresh_from_db()
    assert inquiry.state == InquiryState.ADOPTED
    assert (inquiry.adoption.organisation, inquiry.adoption.stage) == ("Stadt Musterhausen", AdoptionStage.INTEREST)
    assert response["Location"] == url("workspace-solution-detail", inquiry.solution.pk) + "#nachnutzung"
    assert AuditEvent.objects.filter(verb=AuditVerb.ADOPTION_CHANGED).count() == 1

    again = client.post(url("inquiry-adopt", inquiry.pk), follow=True)
    assert "Nur bestätigte, noch offene Anfragen werden zur Nachnutzung." in again.content.decode()
    assert Adoption.objects.count() == 1


# --- admin ---------------------------------------------------------------------------------------


@pytest.fixture
def admin_secretariat(secretariat):
    secretariat.is_staff = secretariat.is_superuser = True
    secretariat.save()
    return secretariat


def test_admin_cannot_publish_or_move_stages(client, admin_secretariat):
    solution = draft()
    adoption = AdoptionFactory(solution=solution, stage=AdoptionStage.INTEREST)
    inquiry = make_inquiry(solution)
    client.force_login(admin_secretariat)
    page = client.get(reverse("admin:transfer_solution_change", args=[solution.pk])).content.decode()
    assert 'name="state"' not in page and 'name="published_at"' not in page
    assert "Veröffentlichen" not in client.get(reverse("admin:transfer_solution_changelist")).content.decode()
    adoption_page = client.get(reverse("admin:transfer_adoption_change", args=[adoption.pk])).content.decode()
    assert 'name="stage"' not in adoption_page
    inquiry_page = client.get(reverse("admin:transfer_inquiry_change", args=[inquiry.pk])).content.decode()
    assert 'name="state"' not in inquiry_page
    assert client.get(reverse("admin:transfer_inquiry_add")).status_code == 403
