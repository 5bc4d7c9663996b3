"""Fixtures of the CIO sponsorship page tests: the people who look at a request, and requests of two Länder.

Every view gets the four checks (anonymous → login; no permission → 403/404; permission → effect;
permission on another object → 404). The services' own matrix lives in tests/projects/test_sponsorship_services.py.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from governance.models import Role
from tests.conftest import MINIMAL_PDF, person_with_role
from tests.factories import ProjectFactory
from tests.projects.sponsorship_views.helpers import make_request


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def people(secretariat, cio_bw, former_cio_bw, land_bw, land_he, project_lead, outsider):
    return {
        "secretariat": secretariat,
        "cio": cio_bw,
        "deputy": person_with_role(Role.CIO_DEPUTY, land_bw),
        "cio_he": person_with_role(Role.CIO, land_he),
        "former_cio": former_cio_bw,
        "steering_member": person_with_role(Role.STEERING_MEMBER, land_bw),
        "project_lead": project_lead,
        "outsider": outsider,
    }


@pytest.fixture
def bw_request(project, land_bw, secretariat):
    return make_request(
        project,
        land_bw,
        secretariat,
        attachments=[("Projektskizze", SimpleUploadedFile("skizze.pdf", MINIMAL_PDF, content_type="application/pdf"))],
    )


@pytest.fixture
def he_project(land_he):
    return ProjectFactory(lead_partner=land_he, acronym="HES", title="Hessischer Antragsassistent")


@pytest.fixture
def he_request(he_project, land_he, secretariat):
    return make_request(
        he_project,
        land_he,
        secretariat,
        attachments=[("Hessische Skizze", SimpleUploadedFile("he.pdf", MINIMAL_PDF, content_type="application/pdf"))],
    )
