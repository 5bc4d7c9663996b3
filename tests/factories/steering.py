"""Factories of the steering circle: seats, meetings, agenda, minutes, ballots, resolutions."""

from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from governance.models import (
    AgendaItem,
    AgendaItemKind,
    Attendance,
    Ballot,
    BallotVote,
    Capacity,
    Meeting,
    MeetingResponse,
    MeetingState,
    Minutes,
    RequestKind,
    Resolution,
    ResolutionCounter,
    ResolutionResult,
    ResolutionVote,
    ResponseChoice,
    RulesOfProcedure,
    SteeringCircle,
    SteeringDocument,
    SteeringRequest,
    SteeringSeat,
    VoteChoice,
    VoteDelegation,
)
from tests.factories.people_and_partners import PDF, NetworkFactory, PartnerFactory, UserFactory

# --- steering circle -----------------------------------------------------------------------------


class SteeringCircleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SteeringCircle

    name = factory.Sequence(lambda n: f"Lenkungskreis {n}")
    slug = factory.Sequence(lambda n: f"lenkungskreis-{n}")
    number_prefix = "LK"


class RulesOfProcedureFactory(factory.django.DjangoModelFactory):
    """The model's defaults: simple majority of the votes cast, quorum 51 %, deadlines 3/14 days."""

    class Meta:
        model = RulesOfProcedure

    circle = factory.SubFactory(SteeringCircleFactory)
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=365))


class SteeringSeatFactory(factory.django.DjangoModelFactory):
    """The seat only: holder and deputy are the partner's steering `RoleAssignment`s."""

    class Meta:
        model = SteeringSeat

    circle = factory.SubFactory(SteeringCircleFactory)
    partner = factory.SubFactory(PartnerFactory)
    position = factory.Sequence(lambda n: n)


class MeetingFactory(factory.django.DjangoModelFactory):
    """A planned meeting in two weeks, two hours long, in a room and online."""

    class Meta:
        model = Meeting

    circle = factory.SubFactory(SteeringCircleFactory)
    title = factory.Sequence(lambda n: f"{n}. Sitzung des Lenkungskreises")
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=2))
    place = "Rathaus, Sitzungssaal 1"
    video_link = "https://video.example.org/lenkungskreis"
    state = MeetingState.PLANNED


class SteeringRequestFactory(factory.django.DjangoModelFactory):
    """A filed request of a partner to join a network."""

    class Meta:
        model = SteeringRequest

    circle = factory.SubFactory(SteeringCircleFactory)
    kind = RequestKind.MEMBERSHIP
    network = factory.SubFactory(NetworkFactory)
    partner = factory.SubFactory(PartnerFactory)
    description = "Wir möchten unsere Erfahrungen im Verbund teilen."
    contact_email = factory.Sequence(lambda n: f"antrag{n}@example.org")


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Tagesordnungspunkt {n}")
    kind = AgendaItemKind.DECISION


class MeetingResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MeetingResponse

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(UserFactory)
    response = ResponseChoice.CONFIRMED


class AttendanceFactory(factory.django.DjangoModelFactory):
    """A seat of the meeting's own circle, represented by its holder."""

    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    seat = factory.SubFactory(SteeringSeatFactory, circle=factory.SelfAttribute("..meeting.circle"))
    person = factory.SubFactory(UserFactory)
    capacity = Capacity.HOLDER


class MinutesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Minutes

    meeting = factory.SubFactory(MeetingFactory)
    notes = "Die Sitzung war beschlussfähig."


class BallotFactory(factory.django.DjangoModelFactory):
    """An open written procedure under the circle's rules, with the default deadline of 14 days."""

    class Meta:
        model = Ballot

    circle = factory.SubFactory(SteeringCircleFactory)
    title = factory.Sequence(lambda n: f"Umlaufverfahren {n}")
    motion = "Der Lenkungskreis stimmt dem Vorschlag zu."
    rules = factory.SubFactory(RulesOfProcedureFactory, circle=factory.SelfAttribute("..circle"))
    opened_at = factory.LazyFunction(timezone.now)
    deadline = factory.LazyAttribute(lambda o: o.opened_at + timedelta(days=14))
    opened_by = factory.SubFactory(UserFactory)


class BallotVoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BallotVote

    ballot = factory.SubFactory(BallotFactory)
    seat = factory.SubFactory(SteeringSeatFactory, circle=factory.SelfAttribute("..ballot.circle"))
    choice = VoteChoice.YES
    cast_by = factory.SubFactory(UserFactory)
    capacity = Capacity.HOLDER


class VoteDelegationFactory(factory.django.DjangoModelFactory):
    """For one meeting; for a ballot pass `meeting=None, ballot=...` (exactly one of the two)."""

    class Meta:
        model = VoteDelegation

    meeting = factory.SubFactory(MeetingFactory)
    ballot = None
    seat = factory.SubFactory(SteeringSeatFactory, circle=factory.SelfAttribute("..meeting.circle"))
    holder = factory.SubFactory(UserFactory)
    deputy = factory.SubFactory(UserFactory)


class SteeringDocumentFactory(factory.django.DjangoModelFactory):
    """On an agenda item; for a ballot pass `agenda_item=None, ballot=...` (exactly one of the two).
    Writes a file: set `settings.MEDIA_ROOT` to a temporary directory first."""

    class Meta:
        model = SteeringDocument

    agenda_item = factory.SubFactory(AgendaItemFactory)
    ballot = None
    title = factory.Sequence(lambda n: f"Sitzungsunterlage {n}")
    file = factory.LazyFunction(lambda: ContentFile(PDF, name="vorlage.pdf"))
    uploaded_by = factory.SubFactory(UserFactory)


class ResolutionCounterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResolutionCounter

    circle = factory.SubFactory(SteeringCircleFactory)
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    last = 0


class ResolutionFactory(factory.django.DjangoModelFactory):
    """An adopted meeting resolution with its number (LK-YYYY-NN). The number does not advance
    `ResolutionCounter`: where the next number matters, record it through the service. For a
    postponed one pass `result=ResolutionResult.POSTPONED, number="", number_year=None,
    number_seq=None` (year and sequence are set together or not at all)."""

    class Meta:
        model = Resolution

    circle = factory.SubFactory(SteeringCircleFactory)
    title = factory.Sequence(lambda n: f"Beschluss {n}")
    text = "Der Lenkungskreis beschließt den Vorschlag."
    result = ResolutionResult.ADOPTED
    decided_on = factory.LazyFunction(timezone.localdate)
    number_year = factory.LazyAttribute(lambda o: o.decided_on.year)
    number_seq = factory.Sequence(lambda n: n + 1)
    number = factory.LazyAttribute(lambda o: f"{o.circle.number_prefix}-{o.number_year}-{o.number_seq:02d}")


class ResolutionVoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResolutionVote

    resolution = factory.SubFactory(ResolutionFactory)
    seat = factory.SubFactory(SteeringSeatFactory, circle=factory.SelfAttribute("..resolution.circle"))
    choice = VoteChoice.YES
