"""Machine access to the open data: Atom feed, JSON API, DCAT-AP.de, CSV, sitemap and robots.txt.

Every channel must carry the published solutions and leave out drafts, withdrawn solutions,
internal projects and the people behind them. The world here has one of each.
"""

import pytest

from governance.models import PartnerKind, State
from tests.factories import (
    AdoptionFactory,
    FocusAreaFactory,
    PartnerFactory,
    ProjectFactory,
    ServiceCoverageFactory,
    SolutionFactory,
    UserFactory,
)
from tests.transfer.machine_access.helpers import SECRET_EMAIL, SECRET_NAME, SITE
from transfer.models import AdoptionStage, Licence, MaturityModel, OzgThemenfeld, SolutionState


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


@pytest.fixture
def world(db):
    """A published solution with everything attached, and what must never leave the portal."""
    person = UserFactory(first_name="Hannelore", last_name="Verschwiegen", email=SECRET_EMAIL)
    area = FocusAreaFactory(name="Mobile Verwaltung", slug="mobile-verwaltung")
    land = PartnerFactory(
        name="Baden-Württemberg",
        slug="bw",
        kind=PartnerKind.LAND,
        state=State.BW,
        website="https://www.baden-wuerttemberg.de",
    )
    city = PartnerFactory(name="Stadt Mannheim", slug="mannheim", kind=PartnerKind.CITY, state=State.BW)
    public_project = ProjectFactory(
        title="Mängelmelder Rhein-Neckar", slug="maengel-rn", lead_partner=land, is_public=True
    )
    internal_project = ProjectFactory(title="Geheimes Vorhaben", slug="geheimes-vorhaben", lead_partner=land)
    published = SolutionFactory(
        title="Mängelmelder",
        slug="maengelmelder",
        contact_person=person,
        project=public_project,
        documentation_url="https://docs.example.org/maengelmelder",
        source_code_url="https://code.example.org/maengelmelder",
    )
    published.focus_areas.add(area)
    published.partners.add(land, city)
    ServiceCoverageFactory(
        solution=published,
        leika_key="99000000000001",
        themenfeld=OzgThemenfeld.RECHT_ORDNUNG,
        maturity_model=MaturityModel.V1,
        maturity_level=3,
    )
    AdoptionFactory(
        solution=published,
        organisation="Stadt Heidelberg",
        partner=city,
        stage=AdoptionStage.PRODUCTION,
        contact=SECRET_NAME,
    )
    from_internal = SolutionFactory(
        title="Datenlizenzierte Statistik",
        slug="statistik",
        project=internal_project,
        licence=Licence.DL_DE_BY_2,
        is_software=False,
        contact_person=person,
        documentation_url="https://docs.example.org/statistik",
    )
    draft = SolutionFactory(
        title="Unfertiger Entwurf", slug="entwurf", state=SolutionState.DRAFT, published_at=None, contact_person=person
    )
    withdrawn = SolutionFactory(
        title="Zurückgezogene Lösung", slug="zurueckgezogen", state=SolutionState.UNPUBLISHED, contact_person=person
    )
    return {
        "published": published,
        "from_internal": from_internal,
        "hidden": [draft, withdrawn],
        "public_project": public_project,
        "internal_project": internal_project,
        "land": land,
        "city": city,
        "area": area,
    }
