"""The Reallabor evaluation: kept by the team, shown publicly only where marked public."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from projects.models import Phase, ProjectEvaluation
from projects.services.evaluation import evaluation_save
from tests.factories import ProjectFactory, UserFactory

INDICATORS = [{"name": "Online-Anteil", "unit": "%", "target_value": Decimal(40), "measured_value": Decimal(55)}]


@pytest.fixture
def pilot(project):
    project.phase = Phase.PILOT
    project.is_public = True
    project.save()
    return project


def save(project, actor, **fields):
    evaluation = ProjectEvaluation(hypothesis="Online halbiert die Wege.", **fields)
    return evaluation_save(project=project, evaluation=evaluation, indicators=INDICATORS, actor=actor)


def test_the_team_keeps_the_evaluation(pilot, project_lead):
    evaluation = save(pilot, project_lead, pilot_sites="Mannheim\nHeidelberg")
    assert evaluation.pilot_site_list == ["Mannheim", "Heidelberg"]
    assert [(i.name, i.is_reached) for i in evaluation.indicators.all()] == [("Online-Anteil", True)]


def test_someone_outside_the_team_may_not(pilot, outsider, cio_bw):
    for person in (outsider, cio_bw):
        with pytest.raises(PermissionDenied):
            save(pilot, person)
    assert not ProjectEvaluation.objects.exists()


def test_only_from_the_pilot_phase_on(project, secretariat):
    assert project.phase == Phase.CONCEPT
    with pytest.raises(ValidationError):
        save(project, secretariat)


def test_runtime_cannot_end_before_it_starts(pilot, secretariat):
    with pytest.raises(ValidationError):
        save(pilot, secretariat, runtime_start=date(2026, 5, 1), runtime_end=date(2026, 4, 1))


def test_evaluation_page_the_four_checks(client, pilot, project_lead, secretariat):
    url = reverse("projects:evaluation-edit", args=[pilot.slug])
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404  # an internal workspace page of a project not theirs
    client.force_login(project_lead)
    assert client.get(url).status_code == 200
    other = ProjectFactory(lead_partner=pilot.lead_partner, phase=Phase.PILOT)
    assert client.get(reverse("projects:evaluation-edit", args=[other.slug])).status_code == 404
    data = {
        "hypothesis": "Online halbiert die Wege.",
        "pilot_sites": "Mannheim",
        "result": "confirmed",
        "is_public": "on",
        "indikatoren-TOTAL_FORMS": "1",
        "indikatoren-INITIAL_FORMS": "0",
        "indikatoren-0-name": "Online-Anteil",
        "indikatoren-0-unit": "%",
        "indikatoren-0-target_value": "40",
        "indikatoren-0-measured_value": "55",
    }
    assert client.post(url, data).status_code == 302
    assert pilot.evaluation.indicators.get().measured_value == 55


def test_public_page_shows_public_parts_only(client, pilot, secretariat):
    save(pilot, secretariat, lessons_learned="Früh anfangen.", internal_notes="GEHEIME NOTIZ", is_public=False)
    url = reverse("transfer:project-detail", args=[pilot.slug])
    assert "Evaluation im Reallabor" not in client.get(url).content.decode()
    ProjectEvaluation.objects.filter(project=pilot).update(is_public=True)
    content = client.get(url).content.decode()
    assert "Evaluation im Reallabor" in content and "Früh anfangen." in content and "Online-Anteil" in content
    assert "GEHEIME NOTIZ" not in content
