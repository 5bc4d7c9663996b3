"""Transfer services: readiness before publishing, reuse requests, adoptions, maturity rules."""

from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from governance.models import AuditEvent, AuditVerb, Notification, NotificationKind
from tests.conftest import require_service
from tests.factories import AdoptionFactory, ProjectFactory, ServiceCoverageFactory, SolutionFactory
from transfer import selectors, services
from transfer.models import (
    AdoptionStage,
    Inquiry,
    InquiryState,
    MaturityModel,
    ServiceCoverage,
    Solution,
    SolutionState,
)

pytestmark = pytest.mark.django_db


def draft(**fields) -> Solution:
    solution = SolutionFactory(state=SolutionState.DRAFT, published_at=None, **fields)
    ServiceCoverageFactory(solution=solution)
    return solution


class TestPublishing:
    def test_ready_draft_is_published_and_audited(self, secretariat):
        solution = services.solution_publish(solution=draft(), actor=secretariat)
        assert solution.state == SolutionState.PUBLISHED and solution.last_reviewed_on == timezone.localdate()
        assert AuditEvent.objects.get().verb == AuditVerb.SOLUTION_PUBLISHED

    @pytest.mark.parametrize(
        ("fields", "missing"),
        [
            ({"publiccode_yml": ""}, "publiccode.yml hinterlegt"),
            ({"operating_model": ""}, "Betriebsmodell beschrieben"),
            ({"contact_email": ""}, "Funktionale Kontaktstelle"),
            ({"how_it_works": "", "documentation_url": ""}, "Dokumentation verlinkt"),
        ],
    )
    def test_not_ready_is_refused_naming_what_is_missing(self, secretariat, fields, missing):
        solution = draft(**fields)
        with pytest.raises(ValidationError) as error:
            services.solution_publish(solution=solution, actor=secretariat)
        assert missing in error.value.messages[0]
        assert Solution.objects.get(pk=solution.pk).state == SolutionState.DRAFT

    def test_publiccode_is_not_required_for_data(self, secretariat):
        solution = draft(publiccode_yml="", is_software=False, licence="dl-de-by-2.0")
        services.solution_publish(solution=solution, actor=secretariat)
        assert Solution.objects.get(pk=solution.pk).state == SolutionState.PUBLISHED
        assert AuditEvent.objects.filter(verb=AuditVerb.SOLUTION_PUBLISHED).count() == 1

    def test_maturity_is_required(self, secretariat):
        solution = SolutionFactory(state=SolutionState.DRAFT)
        with pytest.raises(ValidationError, match="Reifegrad"):
            services.solution_publish(solution=solution, actor=secretariat)

    def test_unpublished_solution_leaves_the_catalogue(self, secretariat):
        solution = SolutionFactory()
        assert list(selectors.catalogue(filters={}).solutions) == [solution]
        services.solution_unpublish(solution=solution, actor=secretariat, reason="veraltet")
        assert list(selectors.catalogue(filters={}).solutions) == []

    def test_only_the_secretariat(self, cio_bw):
        with pytest.raises(PermissionDenied):
            services.solution_publish(solution=draft(), actor=cio_bw)

    def test_state_cannot_be_saved_around_the_publication(self, secretariat):
        solution = draft()
        solution.state = SolutionState.PUBLISHED
        with pytest.raises(ValidationError):
            services.solution_save(solution=solution, actor=secretariat)

    def test_created_from_a_project_carries_its_data(self, secretariat, project):
        solution = services.solution_create_from_project(project=project, actor=secretariat)
        assert (solution.title, solution.project, solution.state) == (project.title, project, SolutionState.DRAFT)
        assert list(solution.partners.all()) == list(project.partners.all())


class TestMaturity:
    @pytest.mark.parametrize(
        ("model", "level", "ok"),
        [
            (MaturityModel.V1, 4, True),
            (MaturityModel.V1, 5, False),
            (MaturityModel.V2, 7, True),
            (MaturityModel.V2, 8, False),
        ],
    )
    def test_level_within_the_models_range(self, model, level, ok):
        coverage = ServiceCoverageFactory.build(solution=SolutionFactory(), maturity_model=model, maturity_level=level)
        if ok:
            coverage.full_clean()
        else:
            with pytest.raises(ValidationError, match="außerhalb der Stufen"):
                coverage.full_clean()

    def test_online_is_not_ozg_compliant_and_model_2_makes_no_claim(self):
        assert ServiceCoverage(maturity_model=MaturityModel.V1, maturity_level=2).is_ozg_compliant is False
        assert ServiceCoverage(maturity_model=MaturityModel.V1, maturity_level=3).is_ozg_compliant is True
        assert ServiceCoverage(maturity_model=MaturityModel.V2, maturity_level=6).is_ozg_compliant is None


class TestInquiries:
    def submit(self, solution, **fields):
        data = {
            "administration": "Stadt Speyer",
            "contact_name": "Poststelle",
            "contact_email": "it@speyer.example.org",
            "message": "Wir möchten den Mängelmelder nachnutzen.",
            "consent": True,
        }
        return services.inquiry_submit(inquiry=Inquiry(solution=solution, **{**data, **fields}))

    def test_confirmation_routes_it_to_the_secretariat_once(self, secretariat, django_capture_on_commit_callbacks):
        from django.core import mail

        solution = SolutionFactory()
        with django_capture_on_commit_callbacks(execute=True):
            inquiry = self.submit(solution)
        assert len(mail.outbox) == 1 and mail.outbox[0].to == ["it@speyer.example.org"]
        assert not Notification.objects.exists()  # unconfirmed requests are not routed
        token = services.inquiry_token(inquiry)
        services.inquiry_confirm(token=token)
        services.inquiry_confirm(token=token)
        inquiry.refresh_from_db()
        assert inquiry.state == InquiryState.CONFIRMED
        assert Notification.objects.filter(recipient=secretariat, kind=NotificationKind.REUSE_INQUIRY).count() == 1

    def test_bad_or_expired_token(self):
        inquiry = self.submit(SolutionFactory())
        with pytest.raises(ValidationError, match="ungültig"):
            services.inquiry_confirm(token=services.inquiry_token(inquiry) + "x")
        token = services.inquiry_token(inquiry)
        future = timezone.now() + timedelta(days=4)
        with pytest.raises(ValidationError, match="abgelaufen"), pytest.MonkeyPatch.context() as patch:
            patch.setattr("time.time", lambda: future.timestamp())
            services.inquiry_confirm(token=token)

    def test_consent_is_required(self):
        with pytest.raises(ValidationError, match="Ohne Einwilligung"):
            self.submit(SolutionFactory(), consent=False)
        assert not Inquiry.objects.exists()

    def test_unconfirmed_requests_are_deleted_after_three_days(self):
        old, new = self.submit(SolutionFactory()), self.submit(SolutionFactory())
        Inquiry.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=4))
        assert services.inquiry_purge_unconfirmed() == 1
        assert list(Inquiry.objects.values_list("pk", flat=True)) == [new.pk]

    def test_rate_limit_per_address(self):
        assert not any(services.inquiry_rate_limited(address="203.0.113.5") for _ in range(5))
        assert services.inquiry_rate_limited(address="203.0.113.5")
        assert not services.inquiry_rate_limited(address="203.0.113.6")

    def test_rate_limit_holds_across_the_clocks_hour(self):
        """Five requests at 13:59 and a sixth at 14:01: still the same hour's burst, refused."""
        before = timezone.make_aware(datetime(2026, 12, 1, 13, 59))
        with mock.patch("django.utils.timezone.now", return_value=before):
            assert not any(services.inquiry_rate_limited(address="203.0.113.7") for _ in range(5))
        with mock.patch("django.utils.timezone.now", return_value=before + timedelta(minutes=2)):
            assert services.inquiry_rate_limited(address="203.0.113.7")

    def test_confirmed_request_becomes_an_adoption(self, secretariat):
        inquiry = self.submit(SolutionFactory())
        services.inquiry_confirm(token=services.inquiry_token(inquiry))
        adoption = services.inquiry_to_adoption(inquiry=inquiry, actor=secretariat)
        assert (adoption.organisation, adoption.stage) == ("Stadt Speyer", AdoptionStage.INTEREST)
        with pytest.raises(ValidationError):
            services.inquiry_to_adoption(inquiry=inquiry, actor=secretariat)


def test_adoption_stage_change_is_audited(secretariat):
    adoption = AdoptionFactory(stage=AdoptionStage.PILOT)
    adoption.stage = AdoptionStage.PRODUCTION
    services.adoption_save(adoption=adoption, actor=secretariat)
    event = AuditEvent.objects.get(verb=AuditVerb.ADOPTION_CHANGED)
    assert (event.payload["from"], event.payload["to"]) == ("pilot", "production")


def test_german_full_text_search_with_a_stored_vector():
    require_service(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")
    hit = SolutionFactory(title="Mängelmelder", short_description="Meldungen von Schäden an Straßen")
    miss = SolutionFactory(
        title="Bürgerhaushalt",
        short_description="Beteiligung am Haushalt",
        problem="Haushaltsplanung",
        how_it_works="Abstimmung",
    )
    services.search_vector_refresh(solution_ids=[hit.pk, miss.pk])
    found = list(selectors.catalogue(filters={"q": "Meldung Straße"}).solutions)
    assert found == [hit]


def test_a_very_frequent_term_is_not_ranked(monkeypatch):
    require_service(connection.vendor == "postgresql", "PostgreSQL (set DATABASE_URL)")
    monkeypatch.setattr(selectors, "RANK_AT_MOST", 3)
    solutions = [SolutionFactory(short_description="Verwaltung digital") for _ in range(5)]
    services.search_vector_refresh(solution_ids=[s.pk for s in solutions])
    result = selectors.catalogue(filters={"q": "Verwaltung"})
    assert result.too_many_to_rank and not result.ranked
    assert len(result.solutions) == 5
    narrow = selectors.catalogue(filters={"q": "Verwaltung", "focus_area": "x"})
    assert list(narrow.solutions) == []


def test_project_origin_is_kept_when_the_project_is_internal(secretariat):
    project = ProjectFactory(is_public=False)
    solution = SolutionFactory(project=project)
    assert solution.project == project and not project.is_public
