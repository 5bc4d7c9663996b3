"""The demo transfer platform: built through the services, realistic, marked as demo, and safe to seed twice."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from governance.models import AuditEvent, AuditVerb, Notification
from transfer.demo import DEMO_PREFIX, SECRETARIAT_EMAIL, SOLUTIONS
from transfer.models import (
    Adoption,
    AdoptionStage,
    BaseComponent,
    Inquiry,
    InquiryState,
    Licence,
    MaturityModel,
    ServiceCoverage,
    Solution,
    SolutionState,
)
from transfer.selectors import catalogue

pytestmark = pytest.mark.django_db


def seed_demo() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    models = [Solution, ServiceCoverage, Adoption, Inquiry, AuditEvent, Notification]
    return {model.__name__: model.objects.count() for model in models} | {
        "published": Solution.objects.published().count(),
        "adoption_stages": Adoption.objects.values("stage").distinct().count(),
    }


@pytest.fixture
def seeded():
    return seed_demo()


def test_seeding_twice_changes_nothing(seeded):
    first = counts()
    stored = list(Solution.objects.order_by("pk").values("slug", "state", "published_at", "updated_at"))
    output = seed_demo()
    assert counts() == first
    assert list(Solution.objects.order_by("pk").values("slug", "state", "published_at", "updated_at")) == stored
    assert "Lösungen" in output and "Nachnutzungen" in output
    assert first["Solution"] == len(SOLUTIONS)


def test_demo_catalogue_is_realistic_and_marked(seeded):
    solutions = Solution.objects.all()
    published = solutions.filter(state=SolutionState.PUBLISHED)
    assert 13 <= published.count() <= 17
    assert 3 <= solutions.exclude(state=SolutionState.PUBLISHED).count() <= 6
    assert set(solutions.values_list("state", flat=True)) >= {SolutionState.DRAFT, SolutionState.UNPUBLISHED}
    assert catalogue(filters={}).solutions.count() == published.count()

    # Demo content is marked, built from the demo projects, with functional contacts only.
    assert all(solution.short_description.startswith(DEMO_PREFIX) for solution in solutions)
    assert not solutions.filter(project=None).exists()
    for solution in published:
        assert solution.readiness().ready, solution.slug
        assert solution.contact_email.endswith("@kooperationsraum.example.org")
        assert solution.last_reviewed_on and solution.published_at
    assert any(not solution.readiness().ready for solution in solutions.filter(state=SolutionState.DRAFT))

    # Licences: EUPL mostly, the Datenlizenz Deutschland for open data, one proprietary.
    licences = list(solutions.values_list("licence", flat=True))
    assert licences.count(Licence.EUPL_12) > len(licences) / 2
    assert {Licence.DL_DE_BY_2, Licence.DL_DE_ZERO_2} <= set(licences)
    assert licences.count(Licence.PROPRIETARY) == 1
    assert all(solution.publiccode_yml for solution in published.filter(is_software=True))

    # OZG services with 14-digit LeiKa keys under both maturity models, levels inside each model.
    services = ServiceCoverage.objects.all()
    assert all(re.fullmatch(r"\d{14}", key) for key in services.values_list("leika_key", flat=True))
    assert set(services.values_list("maturity_model", flat=True)) == set(MaturityModel.values)
    assert not services.filter(maturity_model=MaturityModel.V1, maturity_level__gt=4).exists()
    components = {value for solution in solutions for value in solution.base_components}
    assert components <= set(BaseComponent.values) and len(components) >= 4

    # Adoptions: every stage, by partners and by outside administrations.
    adoptions = Adoption.objects.all()
    assert set(adoptions.values_list("stage", flat=True)) == set(AdoptionStage.values)
    assert adoptions.filter(partner__isnull=False).exists() and adoptions.filter(partner__isnull=True).exists()

    # Requests: some confirmed, one unconfirmed, one already taken over as an adoption.
    inquiries = Inquiry.objects.all()
    assert inquiries.filter(state=InquiryState.UNCONFIRMED).count() == 1
    assert inquiries.filter(state__in=[InquiryState.CONFIRMED, InquiryState.ADOPTED]).count() >= 2
    assert inquiries.filter(state=InquiryState.ADOPTED, adoption__isnull=False).exists()

    # Everything went through the services, by the demo secretariat.
    events = AuditEvent.objects.filter(actor__email=SECRETARIAT_EMAIL)
    assert events.filter(verb=AuditVerb.SOLUTION_PUBLISHED).count() == published.count() + 1  # one withdrawn
    assert events.filter(verb=AuditVerb.SOLUTION_UNPUBLISHED).count() == 1
    assert events.filter(verb=AuditVerb.ADOPTION_CHANGED).count() == adoptions.count()
