"""Role and membership changes made in admin write audit events (rule 5 of the brief)."""

import pytest

from governance.models import AuditEvent, AuditVerb, RoleAssignment
from tests.factories import NetworkFactory, PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_granting_and_ending_a_role_is_audited(secretariat_client, secretariat, land_bw):
    person = UserFactory(email="neue.cio@example.org")
    secretariat_client.post(
        "/admin/governance/roleassignment/add/",
        {"person": person.pk, "partner": land_bw.pk, "role": "project_contact", "valid_from": "01.01.2026"},
        REMOTE_ADDR="192.0.2.8",
    )
    assignment = RoleAssignment.objects.get(person=person)
    secretariat_client.post(
        f"/admin/governance/roleassignment/{assignment.pk}/change/",
        {
            "person": person.pk,
            "partner": land_bw.pk,
            "role": "project_contact",
            "valid_from": "01.01.2026",
            "valid_until": "30.06.2026",
        },
    )
    granted, changed = AuditEvent.objects.order_by("id")
    assert granted.verb == AuditVerb.ROLE_GRANTED and granted.actor == secretariat
    assert granted.ip_address == "192.0.2.8"
    assert granted.payload["person"] == f"Person #{person.pk}"  # pseudonymous (GDPR Art. 17)
    assert changed.verb == AuditVerb.ROLE_CHANGED
    assert changed.payload["changes"] == {"valid_until": [None, "2026-06-30"]}


def test_refused_role_change_writes_no_event(secretariat_client, land_bw):
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
    # Refused by the model's rule, on the form: not by a failing request that never got there.
    assert response.status_code == 200
    assert "Das Ende der Gültigkeit kann nicht vor ihrem Beginn liegen." in response.content.decode()
    assert not RoleAssignment.objects.filter(person=person).exists()
    assert not AuditEvent.objects.exists()


def test_membership_added_and_removed_in_admin_is_audited(secretariat_client):
    network = NetworkFactory()
    partner = PartnerFactory()
    base = {
        "name": network.name,
        "slug": network.slug,
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    secretariat_client.post(
        f"/admin/governance/network/{network.pk}/change/",
        {
            **base,
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-0-partner": partner.pk,
            "memberships-0-joined_on": "12.11.2012",
        },
    )
    membership = network.memberships.get()
    secretariat_client.post(
        f"/admin/governance/network/{network.pk}/change/",
        {
            **base,
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "1",
            "memberships-0-id": membership.pk,
            "memberships-0-network": network.pk,
            "memberships-0-partner": partner.pk,
            "memberships-0-joined_on": "12.11.2012",
            "memberships-0-DELETE": "on",
        },
    )
    assert list(AuditEvent.objects.order_by("id").values_list("verb", flat=True)) == [
        AuditVerb.MEMBERSHIP_ADDED,
        AuditVerb.MEMBERSHIP_REMOVED,
    ]
    assert not network.memberships.exists()


def test_deactivating_a_person_is_audited(secretariat_client):
    person = UserFactory(email="weg@example.org")
    secretariat_client.post(
        f"/admin/governance/user/{person.pk}/change/",
        {
            "email": person.email,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "preferred_language": "de",
            "is_active": "",
            "date_joined_0": "01.01.2026",
            "date_joined_1": "10:00:00",
            "role_assignments-TOTAL_FORMS": "0",
            "role_assignments-INITIAL_FORMS": "0",
        },
    )
    person.refresh_from_db()
    assert person.is_active is False
    event = AuditEvent.objects.get()
    assert event.verb == AuditVerb.PERSON_ACCESS_CHANGED
    assert event.payload["changes"] == {"is_active": [True, False]}
