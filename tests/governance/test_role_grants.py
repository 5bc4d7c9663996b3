"""Rule 1, roles: nobody grants a role to themselves; CIO, CIO-deputy and steering roles take a
second person (four eyes), in the service and in the admin."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from governance.models import (
    AuditEvent,
    AuditVerb,
    Notification,
    NotificationKind,
    Role,
    RoleAssignment,
    RoleGrant,
    RoleGrantState,
    person_ref,
)
from governance.services import grants
from governance.services.roles import role_assignment_save
from tests.conftest import person_with_role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def second_secretariat(mrn):
    return person_with_role(Role.SECRETARIAT, mrn)


def propose(actor, person, partner, role=Role.CIO, **extra):
    return grants.role_grant_propose(
        person=person, partner=partner, role=role, valid_from=extra.pop("valid_from", TODAY), actor=actor, **extra
    )


# --- no self-grant, no direct grant of a deciding role (service) -----------------------------------


@pytest.mark.parametrize("role", [Role.SECRETARIAT, Role.PROJECT_CONTACT, Role.CIO])
def test_nobody_grants_a_role_to_themselves(secretariat, land_bw, role):
    with pytest.raises(ValidationError, match="sich selbst"):
        role_assignment_save(
            assignment=RoleAssignment(person=secretariat, partner=land_bw, role=role), actor=secretariat
        )
    with pytest.raises(ValidationError, match="sich selbst"):
        propose(secretariat, secretariat, land_bw)
    assert not RoleAssignment.objects.filter(person=secretariat, partner=land_bw).exists()


@pytest.mark.parametrize("role", [Role.CIO, Role.CIO_DEPUTY, Role.STEERING_MEMBER, Role.STEERING_DEPUTY])
def test_deciding_roles_are_not_granted_directly(secretariat, land_bw, role):
    with pytest.raises(ValidationError, match="Vier-Augen-Prinzip"):
        role_assignment_save(
            assignment=RoleAssignment(person=UserFactory(), partner=land_bw, role=role), actor=secretariat
        )


def test_other_roles_the_secretariat_grants_directly(secretariat, land_bw):
    person = UserFactory()
    role_assignment_save(
        assignment=RoleAssignment(person=person, partner=land_bw, role=Role.PROJECT_CONTACT), actor=secretariat
    )
    assert RoleAssignment.objects.filter(person=person).exists()


def test_people_without_the_secretariat_role_grant_nothing(cio_bw, land_bw):
    with pytest.raises(PermissionDenied):
        role_assignment_save(
            assignment=RoleAssignment(person=UserFactory(), partner=land_bw, role=Role.PROJECT_CONTACT), actor=cio_bw
        )
    with pytest.raises(PermissionDenied):
        propose(cio_bw, UserFactory(), land_bw, role=Role.CIO_DEPUTY)


def test_ending_a_cio_role_is_direct_but_extending_it_takes_four_eyes(secretariat, cio_bw, land_bw):
    assignment = RoleAssignment.objects.get(person=cio_bw)
    assignment.valid_until = TODAY + timedelta(days=30)
    role_assignment_save(assignment=assignment, actor=secretariat)
    assignment.valid_until = TODAY + timedelta(days=60)
    with pytest.raises(ValidationError, match="Vier-Augen-Prinzip"):
        role_assignment_save(assignment=assignment, actor=secretariat)
    assert RoleAssignment.objects.get(pk=assignment.pk).valid_until == TODAY + timedelta(days=30)


# --- propose, confirm, decline ---------------------------------------------------------------------


def test_a_proposal_grants_nothing_until_a_second_person_confirms(
    secretariat, second_secretariat, cio_bw, land_bw, django_capture_on_commit_callbacks
):
    person = UserFactory()
    grant = propose(secretariat, person, land_bw, role=Role.CIO_DEPUTY)
    assert grant.state == RoleGrantState.PENDING and not RoleAssignment.objects.filter(person=person).exists()
    assert Notification.objects.filter(recipient=second_secretariat, kind=NotificationKind.ACCOUNT).exists()
    with pytest.raises(PermissionDenied, match="zweite Person"):
        grants.role_grant_confirm(grant=grant, actor=secretariat)
    with pytest.raises(PermissionDenied):
        grants.role_grant_confirm(grant=grant, actor=cio_bw)
    assert not RoleAssignment.objects.filter(person=person).exists()
    with django_capture_on_commit_callbacks(execute=True):
        assignment = grants.role_grant_confirm(grant=grant, actor=second_secretariat)
    assert assignment.person == person and assignment.role == Role.CIO_DEPUTY
    assert RoleGrant.objects.get(pk=grant.pk).decided_by == second_secretariat
    # The person concerned and the Land's CIO are told.
    told = set(Notification.objects.filter(kind=NotificationKind.ACCOUNT).values_list("recipient", flat=True))
    assert {person.pk, cio_bw.pk} <= told
    verbs = list(AuditEvent.objects.order_by("id").values_list("verb", flat=True))
    assert verbs == [AuditVerb.ROLE_PROPOSED, AuditVerb.ROLE_GRANTED, AuditVerb.ROLE_GRANT_CONFIRMED]
    with pytest.raises(ValidationError, match="bereits entschieden"):
        grants.role_grant_confirm(grant=grant, actor=second_secretariat)


def test_the_person_concerned_cannot_confirm_their_own_grant(secretariat, second_secretariat, land_bw):
    grant = propose(secretariat, second_secretariat, land_bw, role=Role.STEERING_MEMBER)
    with pytest.raises(PermissionDenied, match="eigene Rolle"):
        grants.role_grant_confirm(grant=grant, actor=second_secretariat)


def test_a_declined_proposal_grants_nothing(secretariat, second_secretariat, land_bw):
    person = UserFactory()
    grant = propose(secretariat, person, land_bw)
    with pytest.raises(PermissionDenied):
        grants.role_grant_decline(grant=grant, actor=secretariat)
    grants.role_grant_decline(grant=grant, actor=second_secretariat, reason="falsche Person")
    assert RoleGrant.objects.get(pk=grant.pk).state == RoleGrantState.DECLINED
    assert not RoleAssignment.objects.filter(person=person).exists()


def test_an_extension_changes_the_existing_role_once_confirmed(secretariat, second_secretariat, land_bw):
    person = person_with_role(Role.CIO, land_bw, valid_until=TODAY + timedelta(days=10))
    assignment = RoleAssignment.objects.get(person=person)
    grant = propose(
        secretariat,
        person,
        land_bw,
        valid_from=assignment.valid_from,
        valid_until=date(2030, 11, 24),
        assignment=assignment,
    )
    assert RoleAssignment.objects.get(pk=assignment.pk).valid_until == TODAY + timedelta(days=10)
    grants.role_grant_confirm(grant=grant, actor=second_secretariat)
    assert RoleAssignment.objects.get(pk=assignment.pk).valid_until == date(2030, 11, 24)


def test_a_steering_resolution_can_confirm(secretariat, land_bw):
    person = UserFactory()
    grant = propose(secretariat, person, land_bw, role=Role.STEERING_DEPUTY)
    grants.role_grant_confirm_by_resolution(grant=grant, resolution="LK-2026-07")
    grant.refresh_from_db()
    assert grant.state == RoleGrantState.CONFIRMED and grant.resolution == "LK-2026-07"
    assert RoleAssignment.objects.filter(person=person, role=Role.STEERING_DEPUTY).exists()


def test_a_proposal_is_checked_like_the_role_itself(secretariat, mrn):
    with pytest.raises(ValidationError):
        propose(secretariat, UserFactory(), mrn, role=Role.CIO)  # only a Land has a CIO


# --- the admin --------------------------------------------------------------------------------------


def login(client, person):
    client.force_login(person)
    return client


def test_admin_refuses_the_secretariat_granting_itself_the_cio_role(client, secretariat, land_bw):
    response = login(client, secretariat).post(
        "/admin/governance/roleassignment/add/",
        {"person": secretariat.pk, "partner": land_bw.pk, "role": "cio", "valid_from": TODAY.strftime("%d.%m.%Y")},
    )
    assert response.status_code == 200
    assert "sich selbst eine Rolle" in response.content.decode()
    assert not RoleAssignment.objects.filter(person=secretariat, role=Role.CIO).exists()


def test_admin_refuses_a_direct_cio_grant_and_points_to_the_proposal(client, secretariat, land_bw):
    person = UserFactory()
    response = login(client, secretariat).post(
        "/admin/governance/roleassignment/add/",
        {"person": person.pk, "partner": land_bw.pk, "role": "cio", "valid_from": TODAY.strftime("%d.%m.%Y")},
    )
    assert response.status_code == 200 and "Vier-Augen-Prinzip" in response.content.decode()
    assert not RoleAssignment.objects.filter(person=person).exists()


def test_admin_inline_on_the_person_refuses_a_direct_cio_grant(client, secretariat, land_bw):
    person = UserFactory()
    response = login(client, secretariat).post(
        f"/admin/governance/user/{person.pk}/change/",
        {
            "email": person.email,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "preferred_language": "de",
            "is_active": "on",
            "role_assignments-TOTAL_FORMS": "1",
            "role_assignments-INITIAL_FORMS": "0",
            "role_assignments-0-partner": land_bw.pk,
            "role_assignments-0-role": "cio",
            "role_assignments-0-valid_from": TODAY.strftime("%d.%m.%Y"),
        },
    )
    assert response.status_code == 200 and "Vier-Augen-Prinzip" in response.content.decode()
    assert not RoleAssignment.objects.filter(person=person).exists()


def test_admin_propose_and_confirm_by_two_people(client, secretariat, second_secretariat, land_bw):
    person = UserFactory()
    response = login(client, secretariat).post(
        "/admin/governance/rolegrant/add/",
        {"person": person.pk, "partner": land_bw.pk, "role": "cio", "valid_from": TODAY.strftime("%d.%m.%Y")},
    )
    assert response.status_code == 302
    grant = RoleGrant.objects.get(person=person)
    changelist = "/admin/governance/rolegrant/"
    action = {"action": "confirm", "_selected_action": [grant.pk], "index": 0}
    client.post(changelist, action)
    assert not RoleAssignment.objects.filter(person=person).exists()
    assert RoleGrant.objects.get(pk=grant.pk).state == RoleGrantState.PENDING
    login(client, second_secretariat).post(changelist, action)
    assert RoleAssignment.objects.filter(person=person, role=Role.CIO).exists()
    assert client.get(f"/admin/governance/rolegrant/{grant.pk}/change/").status_code == 200


def test_admin_refuses_proposing_a_role_for_oneself(client, secretariat, land_bw):
    response = login(client, secretariat).post(
        "/admin/governance/rolegrant/add/",
        {"person": secretariat.pk, "partner": land_bw.pk, "role": "cio", "valid_from": TODAY.strftime("%d.%m.%Y")},
    )
    assert response.status_code == 200 and "sich selbst" in response.content.decode()
    assert not RoleGrant.objects.exists()


def test_a_role_added_on_the_person_page_is_audited(client, secretariat, land_bw):
    person = UserFactory()
    response = login(client, secretariat).post(
        f"/admin/governance/user/{person.pk}/change/",
        {
            "email": person.email,
            "first_name": person.first_name,
            "last_name": person.last_name,
            "preferred_language": "de",
            "is_active": "on",
            "role_assignments-TOTAL_FORMS": "1",
            "role_assignments-INITIAL_FORMS": "0",
            "role_assignments-0-partner": land_bw.pk,
            "role_assignments-0-role": "project_contact",
            "role_assignments-0-valid_from": TODAY.strftime("%d.%m.%Y"),
        },
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(verb=AuditVerb.ROLE_GRANTED)
    assert event.actor == secretariat and event.payload["person"] == person_ref(person)


def test_people_outside_the_secretariat_cannot_propose_in_admin(client, cio_bw, land_bw):
    person = UserFactory()
    response = login(client, cio_bw).post(
        "/admin/governance/rolegrant/add/",
        {"person": person.pk, "partner": land_bw.pk, "role": "cio", "valid_from": TODAY.strftime("%d.%m.%Y")},
    )
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert not RoleGrant.objects.exists()
