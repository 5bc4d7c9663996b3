"""Rights that follow from roles: decided in governance.permissions, tested allowed and refused."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone

from governance.models import Agreement, AgreementKind, Role
from governance.permissions import has_role, is_secretariat, may_use_admin
from tests.conftest import person_with_role

pytestmark = pytest.mark.django_db


def test_current_secretariat_may_use_admin(secretariat):
    assert is_secretariat(secretariat)
    assert may_use_admin(secretariat)
    assert secretariat.has_perm("governance.change_partner")
    assert not secretariat.has_perm("governance.delete_roleassignment")


def test_secretariat_whose_role_ended_may_not(mrn):
    today = timezone.localdate()
    former = person_with_role(
        Role.SECRETARIAT, mrn, valid_from=today - timedelta(days=30), valid_until=today - timedelta(days=1)
    )
    assert not is_secretariat(former)
    assert not may_use_admin(former)
    assert not former.has_perm("governance.change_partner")


def test_other_roles_grant_no_master_data_rights(cio_bw, steering_member, outsider):
    for person in (cio_bw, steering_member, outsider):
        assert not may_use_admin(person)
        assert not person.has_perm("governance.change_partner")


def test_deactivated_person_loses_role_rights(secretariat):
    secretariat.is_active = False
    secretariat.save()
    assert not may_use_admin(secretariat)
    assert not secretariat.has_perm("governance.change_partner")


def test_cio_role_is_bound_to_their_land(cio_bw, land_bw, land_he, former_cio_bw):
    assert has_role(cio_bw, Role.CIO, partner=land_bw)
    assert not has_role(cio_bw, Role.CIO, partner=land_he)
    assert not has_role(former_cio_bw, Role.CIO, partner=land_bw)


class TestAdminAccess:
    url = "/admin/governance/partner/"

    def test_anonymous_goes_to_login(self, client):
        response = client.get(self.url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))

    def test_person_without_secretariat_role_is_refused(self, client, cio_bw):
        client.force_login(cio_bw)
        response = client.get(self.url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("admin:login"))

    def test_secretariat_sees_partners(self, client, secretariat, land_bw):
        client.force_login(secretariat)
        response = client.get(self.url)
        assert response.status_code == 200
        assert "Baden-Württemberg" in response.content.decode()


class TestAgreementDocument:
    @pytest.fixture
    def agreement(self, db, settings, tmp_path):
        settings.MEDIA_ROOT = tmp_path
        agreement = Agreement(kind=AgreementKind.AGREEMENT, title="Vereinbarung", valid_from=timezone.localdate())
        agreement.document.save("vereinbarung.pdf", ContentFile(b"%PDF-1.4 signed"), save=True)
        return agreement

    def url(self, pk):
        return reverse("governance:agreement-document", args=[pk])

    def test_anonymous_goes_to_login(self, client, agreement):
        response = client.get(self.url(agreement.pk))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("login"))

    def test_person_without_permission_is_refused(self, client, agreement, outsider):
        client.force_login(outsider)
        assert client.get(self.url(agreement.pk)).status_code == 403

    def test_secretariat_downloads_the_signed_document(self, client, agreement, secretariat):
        client.force_login(secretariat)
        response = client.get(self.url(agreement.pk))
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"%PDF-1.4 signed"

    def test_secretariat_gets_404_for_another_missing_document(self, client, agreement, secretariat):
        client.force_login(secretariat)
        assert client.get(self.url(agreement.pk + 1)).status_code == 404
