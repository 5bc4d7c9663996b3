"""The public catalogue: query counts that do not grow with the data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.models import FocusArea, Partner, PartnerKind, State
from projects.models import SponsorshipState
from tests.factories import PartnerFactory, ProjectFactory, SponsorshipFactory
from tests.transfer.catalogue.helpers import LIST, bulk_solutions
from transfer.models import (
    Adoption,
    AdoptionStage,
    MaturityModel,
    OzgThemenfeld,
    ServiceCoverage,
    Solution,
    SolutionDocument,
)

pytestmark = pytest.mark.django_db


# --- query counts -----------------------------------------------------------------------------------


def populate(count: int) -> Solution:
    """`count` published solutions, each with adopters, documents, services, areas and partners."""
    areas = FocusArea.objects.bulk_create([FocusArea(name=f"Thema {n}", slug=f"thema-{n}") for n in range(3)])
    partners = Partner.objects.bulk_create(
        [
            Partner(name=f"Kommune {count}-{n}", slug=f"kommune-{count}-{n}", kind=PartnerKind.CITY, state=State.HE)
            for n in range(3)
        ]
    )
    solutions = bulk_solutions(count, "massen")
    Adoption.objects.bulk_create(
        [
            Adoption(solution=s, organisation=f"Verwaltung {n}", stage=stage)
            for s in solutions
            for n, stage in enumerate(AdoptionStage.values)
        ]
    )
    SolutionDocument.objects.bulk_create(
        [SolutionDocument(solution=s, title="Handbuch", file="solutions/h.pdf") for s in solutions]
    )
    ServiceCoverage.objects.bulk_create(
        [
            ServiceCoverage(
                solution=s,
                leika_key=f"99{s.pk:012d}",
                name="Leistung",
                themenfeld=OzgThemenfeld.UMWELT,
                maturity_model=MaturityModel.V1,
                maturity_level=3,
            )
            for s in solutions
        ]
    )
    Solution.focus_areas.through.objects.bulk_create(
        [Solution.focus_areas.through(solution=s, focusarea=area) for s in solutions for area in areas]
    )
    Solution.partners.through.objects.bulk_create(
        [Solution.partners.through(solution=s, partner=partner) for s in solutions for partner in partners]
    )
    one = solutions[0]
    project = ProjectFactory(is_public=True)
    SponsorshipFactory(
        project=project,
        land=PartnerFactory(name="Baden-Württemberg", slug="bw", kind=PartnerKind.LAND, state=State.BW),
        state=SponsorshipState.APPROVED,
    )
    Solution.objects.filter(pk=one.pk).update(project=project)
    Adoption.objects.bulk_create(
        [Adoption(solution=one, organisation=f"Weitere {n}", stage=AdoptionStage.PILOT) for n in range(count)]
    )
    SolutionDocument.objects.bulk_create(
        [
            SolutionDocument(
                solution=one, title=f"Bild {n}", file="solutions/b.png", alt_text="Bildschirmfoto", is_image=True
            )
            for n in range(count)
        ]
    )
    return one


def count_queries(client, url: str, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, params or {}).status_code == 200
    return len(queries)


@pytest.mark.parametrize("params", [{}, {"q": "massen", "focus_area": "thema-1", "land": "HE"}])
def test_catalogue_queries_do_not_grow_with_the_data(client, params):
    one = populate(5)
    small_list, small_page = count_queries(client, LIST, params), count_queries(client, one.get_absolute_url())
    Solution.objects.all().delete()
    FocusArea.objects.all().delete()
    one = populate(200)
    assert count_queries(client, LIST, params) == small_list
    assert count_queries(client, one.get_absolute_url()) == small_page
    assert small_list <= 15 and small_page <= 10
