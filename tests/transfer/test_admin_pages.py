"""The secretariat reads solutions' raw data in admin (view only): every change page answers."""

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from tests.factories import ServiceCoverageFactory, SolutionFactory
from transfer.models import SolutionDocument

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_secretariat_opens_the_view_only_change_pages(client, secretariat):
    solution = SolutionFactory()
    coverage = ServiceCoverageFactory(solution=solution)
    document = SolutionDocument(solution=solution, title="Handbuch")
    document.file.save("handbuch.pdf", ContentFile(PDF))
    client.force_login(secretariat)
    for name, obj in [
        ("admin:transfer_servicecoverage_change", coverage),
        ("admin:transfer_solutiondocument_change", document),
        ("admin:transfer_solution_change", solution),
    ]:
        response = client.get(reverse(name, args=[obj.pk]))
        assert response.status_code == 200, name
        # View only: the secretariat's rights here are to read, not to edit.
        assert 'name="leika_key"' not in response.content.decode()
