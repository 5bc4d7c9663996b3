"""Public project and partner pages: query counts that do not grow with the data."""

from datetime import date, timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from governance.models import State
from projects.models import Participation, ProjectDocument, SponsorshipState
from tests.factories import (
    AdoptionFactory,
    FocusAreaFactory,
    NetworkFactory,
    NetworkMembershipFactory,
    PartnerFactory,
    ProjectFactory,
    SolutionFactory,
    SponsorshipFactory,
)
from tests.transfer.public_pages.helpers import PARTNERS, PROJECTS, land

pytestmark = pytest.mark.django_db


# --- query counts --------------------------------------------------------------------------------


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def make_projects(count: int, area, lead=None) -> None:
    for _n in range(count):
        project = ProjectFactory(is_public=True, **({"lead_partner": lead} if lead else {}))
        project.focus_areas.add(area)


@pytest.mark.parametrize("url", [PROJECTS, f"{PROJECTS}?phase=concept&focus_area=qc"])
def test_project_list_queries_do_not_grow(client, url):
    area = FocusAreaFactory(slug="qc")
    make_projects(5, area)
    few = queries_for(client, url)
    make_projects(195, area)
    assert queries_for(client, url) == few <= 6


def test_project_detail_queries_do_not_grow(client):
    lands = [
        land("bw", "Baden-Württemberg", State.BW),
        land("he", "Hessen", State.HE),
        land("rp", "Rheinland-Pfalz", State.RP),
    ]

    def fill(project, count, approved):
        for n in range(count):
            partner = PartnerFactory()
            Participation.objects.create(project=project, partner=partner)
            SolutionFactory(project=project).partners.add(partner)
            ProjectDocument.objects.create(
                project=project, title="Dok", is_public=True, file=ContentFile(b"%PDF-1.4\n", name="d.pdf")
            )
            SponsorshipFactory(project=project, land=lands[n % 3], state=SponsorshipState.DECLINED)
        for sponsor in lands[:approved]:
            SponsorshipFactory(project=project, land=sponsor, state=SponsorshipState.APPROVED)

    small, large = ProjectFactory(is_public=True), ProjectFactory(is_public=True)
    fill(small, 5, approved=1)
    fill(large, 200, approved=3)
    few = queries_for(client, f"/projekte/{small.slug}/")
    assert queries_for(client, f"/projekte/{large.slug}/") == few <= 10


def test_partner_pages_queries_do_not_grow(client):
    network = NetworkFactory()

    def partners(count):
        made = [PartnerFactory() for _n in range(count)]
        for partner in made:
            NetworkMembershipFactory(network=network, partner=partner, joined_on=date(2015, 1, 1))
        return made

    def fill(partner, count):
        area = FocusAreaFactory()
        make_projects(count, area, lead=partner)
        for _n in range(count):
            SolutionFactory().partners.add(partner)
            AdoptionFactory(partner=partner)
            NetworkMembershipFactory(
                network=NetworkFactory(),
                partner=partner,
                joined_on=date(2015, 1, 1),
                left_on=date(2016, 1, 1) + timedelta(days=_n),
            )

    small = partners(5)[0]
    fill(small, 5)
    few_list = queries_for(client, PARTNERS)
    few_detail = queries_for(client, f"/partner/{small.slug}/")
    large = partners(195)[0]
    fill(large, 200)
    assert queries_for(client, PARTNERS) == few_list <= 4
    assert queries_for(client, f"/partner/{large.slug}/") == few_detail <= 8
