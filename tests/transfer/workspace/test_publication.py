"""The solution workspace: readiness checklist, publishing, withdrawing, review."""

from datetime import timedelta

import pytest
from django.utils import timezone

from governance.models import AuditEvent, AuditVerb
from tests.factories import ServiceCoverageFactory, SolutionFactory
from tests.transfer.workspace.helpers import draft, ready_draft, url
from transfer.models import SolutionState
from transfer.selectors import catalogue

pytestmark = pytest.mark.django_db


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
