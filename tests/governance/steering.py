"""A steering circle to test with: four seats (BW, HE, RP, MRN), each with holder and deputy."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from governance.models import (
    AgendaItemKind,
    Meeting,
    PartnerKind,
    Role,
    RulesOfProcedure,
    State,
    SteeringCircle,
    SteeringSeat,
    User,
)
from governance.services.steering import meetings
from tests.factories import PartnerFactory, RoleAssignmentFactory, UserFactory

SEATS = [
    ("bw", "Baden-Württemberg", PartnerKind.LAND, State.BW),
    ("he", "Hessen", PartnerKind.LAND, State.HE),
    ("rp", "Rheinland-Pfalz", PartnerKind.LAND, State.RP),
    ("mrn", "Metropolregion Rhein-Neckar GmbH", PartnerKind.METROPOLITAN_REGION, ""),
]


@dataclass
class Circle:
    circle: SteeringCircle
    rules: RulesOfProcedure
    secretariat: User
    seats: dict[str, SteeringSeat] = field(default_factory=dict)
    holders: dict[str, User] = field(default_factory=dict)
    deputies: dict[str, User] = field(default_factory=dict)


def build_circle(**rules) -> Circle:
    # The migration creates the circle; transactional tests flush it, so create it where missing.
    circle, _created = SteeringCircle.objects.get_or_create(slug="lenkungskreis", defaults={"name": "Lenkungskreis"})
    today = timezone.localdate()
    RulesOfProcedure.objects.filter(circle=circle).delete()
    rules_row = RulesOfProcedure.objects.create(circle=circle, valid_from=today - timedelta(days=365), **rules)
    result = None
    for position, (slug, name, kind, state) in enumerate(SEATS):
        partner = PartnerFactory(slug=slug, name=name, kind=kind, state=state)
        if result is None:
            secretariat = UserFactory(email="gs@example.org")
            RoleAssignmentFactory(person=secretariat, partner=partner, role=Role.SECRETARIAT)
            result = Circle(circle=circle, rules=rules_row, secretariat=secretariat)
        seat = SteeringSeat.objects.create(circle=circle, partner=partner, position=position)
        holder = UserFactory(email=f"lk.{slug}@example.org")
        deputy = UserFactory(email=f"lk-vertretung.{slug}@example.org")
        RoleAssignmentFactory(
            person=holder, partner=partner, role=Role.STEERING_MEMBER, valid_from=today - timedelta(days=30)
        )
        RoleAssignmentFactory(
            person=deputy, partner=partner, role=Role.STEERING_DEPUTY, valid_from=today - timedelta(days=30)
        )
        result.seats[slug], result.holders[slug], result.deputies[slug] = seat, holder, deputy
    return result


def plan_meeting(c: Circle, *, days: int = 10, **fields) -> Meeting:
    starts = timezone.now() + timedelta(days=days)
    meeting = Meeting(
        circle=c.circle,
        title=fields.pop("title", "Sitzung des Lenkungskreises"),
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place=fields.pop("place", "Mannheim, M 1"),
        **fields,
    )
    return meetings.meeting_create(meeting=meeting, actor=c.secretariat)


def held_meeting(c: Circle, *, days_ago: int = 1, attend: tuple = ("bw", "he", "rp")) -> Meeting:
    """A meeting that has started, with the given seats' holders recorded as present."""
    meeting = plan_meeting(c)
    starts = timezone.now() - timedelta(days=days_ago)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=starts, ends_at=starts + timedelta(hours=2))
    meeting.refresh_from_db()
    meetings.attendance_record(
        meeting=meeting, present={c.seats[s].pk: c.holders[s] for s in attend}, actor=c.secretariat
    )
    return meeting


def decision_item(c: Circle, meeting: Meeting, *, title="Beschlusspunkt", subject=None, steering_request=None):
    from governance.models import AgendaItem

    return meetings.agenda_item_save(
        item=AgendaItem(meeting=meeting, title=title, kind=AgendaItemKind.DECISION),
        subject=subject,
        steering_request=steering_request,
        actor=c.secretariat,
    )
