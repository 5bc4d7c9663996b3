"""Constraints and validity periods of partners, memberships and roles."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from governance.models import (
    Agreement,
    AgreementKind,
    NetworkMembership,
    Partner,
    PartnerKind,
    Role,
    RoleAssignment,
    State,
    periods_overlap,
)
from tests.factories import (
    NetworkFactory,
    NetworkMembershipFactory,
    PartnerFactory,
    RoleAssignmentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 24)


def messages(error: ValidationError) -> str:
    return " ".join(error.messages)


@pytest.mark.parametrize(
    ("a", "b", "overlap"),
    [
        ((date(2020, 1, 1), date(2020, 12, 31)), (date(2021, 1, 1), None), False),
        ((date(2020, 1, 1), date(2021, 1, 1)), (date(2021, 1, 1), None), True),  # last day counts
        ((date(2020, 1, 1), None), (date(2030, 1, 1), date(2030, 2, 1)), True),
        ((date(2022, 1, 1), date(2022, 6, 1)), (date(2021, 1, 1), date(2021, 12, 31)), False),
    ],
)
def test_periods_overlap(a, b, overlap):
    assert periods_overlap(*a, *b) is overlap
    assert periods_overlap(*b, *a) is overlap


class TestPartner:
    def test_duplicate_name_refused_whatever_the_case(self):
        PartnerFactory(name="Stadt Mannheim", slug="mannheim")
        duplicate = Partner(name="stadt mannheim", slug="mannheim-2", kind=PartnerKind.CITY, state=State.BW)
        with pytest.raises(ValidationError) as error:
            duplicate.full_clean()
        assert "Einen Partner mit diesem Namen gibt es bereits." in messages(error.value)
        with pytest.raises(IntegrityError), transaction.atomic():
            duplicate.save()

    def test_a_land_exists_once(self):
        PartnerFactory(name="Hessen", slug="he", kind=PartnerKind.LAND, state=State.HE)
        twin = Partner(name="Land Hessen", slug="land-hessen", kind=PartnerKind.LAND, state=State.HE)
        with pytest.raises(ValidationError) as error:
            twin.full_clean()
        assert "Dieses Land ist bereits als Partner angelegt." in messages(error.value)

    def test_municipality_must_name_its_land(self):
        town = Partner(name="Gemeinde Beispiel", slug="beispiel", kind=PartnerKind.MUNICIPALITY)
        with pytest.raises(ValidationError) as error:
            town.full_clean()
        assert "brauchen die Angabe ihres Landes" in messages(error.value)
        town.state = State.RP
        town.full_clean()

    def test_federal_level_belongs_to_no_land(self):
        bund = Partner(name="Bund", slug="bund", kind=PartnerKind.FEDERAL, state=State.BE)
        with pytest.raises(ValidationError) as error:
            bund.full_clean()
        assert "Der Bund gehört zu keinem Land." in messages(error.value)


class TestNetworkMembership:
    def test_leaving_before_joining_refused(self):
        membership = NetworkMembershipFactory.build(
            network=NetworkFactory(),
            partner=PartnerFactory(),
            joined_on=date(2020, 5, 1),
            left_on=date(2020, 4, 30),
        )
        with pytest.raises(ValidationError) as error:
            membership.full_clean()
        assert "Der Austritt kann nicht vor dem Beitritt liegen." in messages(error.value)

    def test_overlapping_membership_refused_and_rejoining_after_leaving_allowed(self):
        first = NetworkMembershipFactory(joined_on=date(2012, 11, 12), left_on=date(2020, 12, 31))
        overlapping = NetworkMembership(network=first.network, partner=first.partner, joined_on=date(2020, 6, 1))
        with pytest.raises(ValidationError) as error:
            overlapping.full_clean()
        assert "in diesem Zeitraum bereits Mitglied" in messages(error.value)
        rejoined = NetworkMembership(network=first.network, partner=first.partner, joined_on=date(2021, 1, 1))
        rejoined.full_clean()

    def test_current_memberships_on_a_day(self):
        left = NetworkMembershipFactory(joined_on=date(2012, 11, 12), left_on=date(2020, 12, 31))
        stays = NetworkMembershipFactory(network=left.network, joined_on=date(2012, 11, 12))
        future = NetworkMembershipFactory(network=left.network, joined_on=date(2027, 1, 1))
        assert set(NetworkMembership.objects.current(TODAY)) == {stays}
        assert set(NetworkMembership.objects.current(date(2015, 1, 1))) == {left, stays}
        assert future in NetworkMembership.objects.current(date(2027, 1, 1))


class TestAgreement:
    def test_term_ending_before_it_starts_refused(self):
        agreement = Agreement(
            kind=AgreementKind.AGREEMENT,
            title="Vereinbarung",
            valid_from=date(2025, 11, 25),
            valid_until=date(2025, 11, 24),
        )
        with pytest.raises(ValidationError) as error:
            agreement.full_clean()
        assert "Das Ende der Laufzeit kann nicht vor ihrem Beginn liegen." in messages(error.value)


class TestRoleAssignment:
    def test_role_ending_before_it_starts_refused_by_form_and_database(self):
        role = RoleAssignmentFactory.build(
            person=UserFactory(),
            partner=PartnerFactory(),
            valid_from=date(2026, 1, 1),
            valid_until=date(2025, 12, 31),
        )
        with pytest.raises(ValidationError) as error:
            role.full_clean()
        assert "Das Ende der Gültigkeit kann nicht vor ihrem Beginn liegen." in messages(error.value)
        with pytest.raises(IntegrityError), transaction.atomic():
            role.save()

    def test_cio_only_for_a_land(self):
        city = PartnerFactory()
        role = RoleAssignment(person=UserFactory(), partner=city, role=Role.CIO, valid_from=TODAY)
        with pytest.raises(ValidationError) as error:
            role.full_clean()
        assert "gibt es nur für ein Land" in messages(error.value)

    def test_same_role_twice_in_overlapping_periods_refused(self):
        held = RoleAssignmentFactory(role=Role.STEERING_MEMBER, valid_from=date(2024, 1, 1))
        again = RoleAssignment(person=held.person, partner=held.partner, role=Role.STEERING_MEMBER, valid_from=TODAY)
        with pytest.raises(ValidationError) as error:
            again.full_clean()
        assert "hat diese Rolle für diesen Partner in diesem Zeitraum bereits" in messages(error.value)

    def test_validity_period_decides_what_is_current(self):
        today = timezone.localdate()
        current = RoleAssignmentFactory(valid_from=today - timedelta(days=10))
        ended = RoleAssignmentFactory(valid_from=today - timedelta(days=100), valid_until=today - timedelta(days=1))
        ends_today = RoleAssignmentFactory(valid_from=today - timedelta(days=5), valid_until=today)
        future = RoleAssignmentFactory(valid_from=today + timedelta(days=1))
        assert set(RoleAssignment.objects.current()) == {current, ends_today}
        assert ended in RoleAssignment.objects.current(today - timedelta(days=50))
        assert future in RoleAssignment.objects.current(today + timedelta(days=1))
