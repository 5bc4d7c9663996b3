"""The secretariat maintains master data in admin; bad input gets a German message, nothing saved."""

from datetime import date

import pytest

from governance.models import NetworkMembership, Partner, RoleAssignment, User
from tests.factories import NetworkFactory, PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_secretariat_adds_a_partner(secretariat_client):
    response = secretariat_client.post(
        "/admin/governance/partner/add/",
        {"name": "Stadt Speyer", "slug": "speyer", "kind": "city", "state": "RP"},
    )
    assert response.status_code == 302
    assert Partner.objects.filter(slug="speyer", state="RP").exists()


def test_duplicate_partner_refused(secretariat_client):
    PartnerFactory(name="Stadt Speyer", slug="speyer")
    response = secretariat_client.post(
        "/admin/governance/partner/add/",
        {"name": "Stadt Speyer", "slug": "speyer-2", "kind": "city", "state": "RP"},
    )
    assert response.status_code == 200
    assert "Einen Partner mit diesem Namen gibt es bereits." in response.content.decode()
    assert Partner.objects.filter(name="Stadt Speyer").count() == 1


def test_role_ending_before_it_starts_refused(secretariat_client, land_bw):
    person = UserFactory()
    response = secretariat_client.post(
        "/admin/governance/roleassignment/add/",
        {
            "person": person.pk,
            "partner": land_bw.pk,
            "role": "cio",
            "valid_from": "01.01.2026",
            "valid_until": "31.12.2025",
        },
    )
    assert response.status_code == 200
    assert "Das Ende der Gültigkeit kann nicht vor ihrem Beginn liegen." in response.content.decode()
    assert not RoleAssignment.objects.filter(person=person).exists()


def test_secretariat_records_who_holds_a_role_since_when(secretariat_client, land_bw):
    person = UserFactory()
    response = secretariat_client.post(
        "/admin/governance/roleassignment/add/",
        {"person": person.pk, "partner": land_bw.pk, "role": "project_contact", "valid_from": "01.05.2022"},
    )
    assert response.status_code == 302
    assert RoleAssignment.objects.get(person=person).valid_from == date(2022, 5, 1)


def membership_inline(rows):
    data = {
        "memberships-TOTAL_FORMS": str(len(rows)),
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    for i, (partner, joined, left) in enumerate(rows):
        data.update(
            {
                f"memberships-{i}-partner": partner.pk,
                f"memberships-{i}-joined_on": joined,
                f"memberships-{i}-left_on": left,
            }
        )
    return data


def test_overlapping_memberships_in_one_submission_refused(secretariat_client):
    network = NetworkFactory()
    partner = PartnerFactory()
    response = secretariat_client.post(
        f"/admin/governance/network/{network.pk}/change/",
        {
            "name": network.name,
            "slug": network.slug,
            **membership_inline([(partner, "12.11.2012", ""), (partner, "01.01.2020", "")]),
        },
    )
    assert response.status_code == 200
    assert "überschneiden sich" in response.content.decode()
    assert not NetworkMembership.objects.exists()


def test_leaving_and_rejoining_is_recorded(secretariat_client):
    network = NetworkFactory()
    partner = PartnerFactory()
    response = secretariat_client.post(
        f"/admin/governance/network/{network.pk}/change/",
        {
            "name": network.name,
            "slug": network.slug,
            **membership_inline([(partner, "12.11.2012", "31.12.2019"), (partner, "01.01.2020", "")]),
        },
    )
    assert response.status_code == 302
    assert NetworkMembership.objects.filter(partner=partner).count() == 2


def test_secretariat_creates_a_person_without_setting_a_password(secretariat_client):
    response = secretariat_client.post(
        "/admin/governance/user/add/",
        {
            "email": "Neu.Person@Example.org",
            "first_name": "Neu",
            "last_name": "Person",
            "preferred_language": "de",
            "password1": "ein-langes-Passwort-2026",
            "password2": "ein-langes-Passwort-2026",
            "role_assignments-TOTAL_FORMS": "0",
            "role_assignments-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    person = User.objects.get(email="neu.person@example.org")
    # A password sent along is ignored: the person sets their own through the invitation.
    assert not person.has_usable_password()
