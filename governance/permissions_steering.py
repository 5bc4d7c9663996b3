"""Who may do what in the steering circle: the one place for these rules.

The secretariat runs the circle (seats, meetings, agenda, minutes, ballots, rules). Members and
deputies see their circle's meetings, ballots, minutes and resolutions and act for their own seat
only. Both follow from the current role records; nothing is granted per object.
"""

from datetime import date

from django.utils import timezone

from governance.models import Role, RoleAssignment, SteeringCircle, SteeringSeat
from governance.permissions import current_roles, is_secretariat

STEERING_ROLES = (Role.STEERING_MEMBER, Role.STEERING_DEPUTY)


def may_manage_steering(user) -> bool:
    return is_secretariat(user)


def steering_partner_ids(user, on: date | None = None) -> set[int]:
    """Partners for which the person is a steering member or deputy on that day."""
    return {partner for role, partner in current_roles(user, on) if role in STEERING_ROLES}


def member_seats(user, circle: SteeringCircle | None = None, on: date | None = None):
    """The active seats the person holds or deputises for."""
    seats = SteeringSeat.objects.filter(partner_id__in=steering_partner_ids(user, on), is_active=True)
    return seats.filter(circle=circle) if circle is not None else seats


def is_circle_member(user, circle: SteeringCircle | int, on: date | None = None) -> bool:
    partner_ids = steering_partner_ids(user, on)
    if not partner_ids:
        return False
    circle_id = getattr(circle, "pk", circle)
    return SteeringSeat.objects.filter(circle_id=circle_id, partner_id__in=partner_ids, is_active=True).exists()


def may_view_circle(user, circle: SteeringCircle | int) -> bool:
    """Meetings, agendas, documents, ballots, minutes and internal resolutions of a circle."""
    return may_manage_steering(user) or is_circle_member(user, circle)


def may_use_steering_workspace(user) -> bool:
    return may_manage_steering(user) or bool(steering_partner_ids(user))


def seat_role_of(user, seat: SteeringSeat, on: date | None = None) -> str | None:
    """Role.STEERING_MEMBER or Role.STEERING_DEPUTY if the person sits on that seat that day."""
    on = on or timezone.localdate()
    roles = {role for role, partner in current_roles(user, on) if partner == seat.partner_id}
    for role in STEERING_ROLES:
        if role in roles:
            return role
    return None


def seat_has_holder(seat: SteeringSeat, on: date | None = None) -> bool:
    """False where the holder's term has a gap: then the deputy votes without a delegation."""
    return (
        RoleAssignment.objects.current(on or timezone.localdate())
        .filter(partner_id=seat.partner_id, role=Role.STEERING_MEMBER, person__is_active=True)
        .exists()
    )
