"""What the public project and partner page tests share: addresses, page text, listed titles, a Land."""

import re

from governance.models import PartnerKind
from tests.factories import PartnerFactory

PROJECTS = "/projekte/"


PARTNERS = "/partner/"


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def listed_titles(response) -> list[str]:
    return re.findall(r'<h3 id="projekt-\d+"><a href="[^"]+">([^<]+)</a>', text(response))


def land(slug: str, name: str, state: str):
    return PartnerFactory(slug=slug, name=name, kind=PartnerKind.LAND, state=state)
