"""One factory per model (factory_boy). Rows that a service writes with side effects are built
here as plain rows: where a test needs the side effect (a guardian grant, an audit event), it
calls the service instead. `AuditEvent` has no factory: only `audit_record` may write the chain."""

import secrets
from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from governance.models import (
    AgendaItem,
    AgendaItemKind,
    Agreement,
    AgreementKind,
    Attendance,
    Ballot,
    BallotVote,
    CalendarFeed,
    Capacity,
    Delivery,
    FocusArea,
    Meeting,
    MeetingResponse,
    MeetingState,
    Minutes,
    Network,
    NetworkMembership,
    Notification,
    NotificationKind,
    NotificationPreference,
    Partner,
    PartnerKind,
    RequestKind,
    Resolution,
    ResolutionCounter,
    ResolutionResult,
    ResolutionVote,
    ResponseChoice,
    Role,
    RoleAssignment,
    RoleGrant,
    RulesOfProcedure,
    State,
    SteeringCircle,
    SteeringDocument,
    SteeringRequest,
    SteeringSeat,
    User,
    VoteChoice,
    VoteDelegation,
    token_digest,
)
from projects.models import (
    Contribution,
    ContributionKind,
    EvaluationIndicator,
    LinkKind,
    Milestone,
    Participation,
    ParticipationRole,
    Phase,
    Project,
    ProjectDocument,
    ProjectEvaluation,
    ProjectLink,
    RoundOutcome,
    Sponsorship,
    SponsorshipAttachment,
    SponsorshipRound,
    SponsorshipScope,
    SponsorshipState,
    StatusReport,
    TeamMember,
    TeamRole,
    TrafficLight,
)
from transfer.models import (
    Adoption,
    AdoptionStage,
    Inquiry,
    InquiryState,
    Licence,
    MaturityModel,
    OzgThemenfeld,
    ServiceCoverage,
    Solution,
    SolutionDocument,
    SolutionState,
)

PDF = b"%PDF-1.4\n"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name", locale="de_DE")
    last_name = factory.Faker("last_name", locale="de_DE")
    password = factory.PostGenerationMethodCall("set_password", "Testpasswort-123")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class PartnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Partner
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Stadt Beispiel {n}")
    slug = factory.Sequence(lambda n: f"stadt-beispiel-{n}")
    kind = PartnerKind.CITY
    state = State.RP


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Network

    name = factory.Sequence(lambda n: f"Verbund {n}")
    slug = factory.Sequence(lambda n: f"verbund-{n}")


class NetworkMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NetworkMembership

    network = factory.SubFactory(NetworkFactory)
    partner = factory.SubFactory(PartnerFactory)
    joined_on = factory.LazyFunction(timezone.localdate)


class FocusAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FocusArea

    name = factory.Sequence(lambda n: f"Schwerpunkt {n}")
    slug = factory.Sequence(lambda n: f"schwerpunkt-{n}")


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    person = factory.SubFactory(UserFactory)
    partner = factory.SubFactory(PartnerFactory)
    role = "project_contact"
    valid_from = factory.LazyFunction(timezone.localdate)


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    kind = AgreementKind.AGREEMENT
    title = factory.Sequence(lambda n: f"Kooperationsvereinbarung {n}")
    network = factory.SubFactory(NetworkFactory)
    valid_from = factory.LazyFunction(timezone.localdate)


class NotificationFactory(factory.django.DjangoModelFactory):
    """A stored row only; `notification_create` is what enqueues its delivery."""

    class Meta:
        model = Notification

    recipient = factory.SubFactory(UserFactory)
    kind = NotificationKind.SPONSORSHIP_REQUEST
    subject_de = "Neue Anfrage"
    subject_en = "New request"
    body_de = "Bitte prüfen Sie die Anfrage."
    body_en = "Please review the request."


class NotificationPreferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NotificationPreference

    person = factory.SubFactory(UserFactory)
    kind = NotificationKind.SPONSORSHIP_REQUEST
    delivery = Delivery.DAILY_DIGEST


class RoleGrantFactory(factory.django.DjangoModelFactory):
    """A pending proposal; `proposed_by` is another person, as the four-eyes rule requires."""

    class Meta:
        model = RoleGrant

    person = factory.SubFactory(UserFactory)
    partner = factory.SubFactory(PartnerFactory)
    role = Role.STEERING_MEMBER
    valid_from = factory.LazyFunction(timezone.localdate)
    proposed_by = factory.SubFactory(UserFactory)


class CalendarFeedFactory(factory.django.DjangoModelFactory):
    """Only the hash is stored; pass `token_hash=token_digest(token)` to know the address."""

    class Meta:
        model = CalendarFeed

    person = factory.SubFactory(UserFactory)
    token_hash = factory.LazyFunction(lambda: token_digest(secrets.token_urlsafe(32)))


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


# --- projects ------------------------------------------------------------------------------------


class ProjectFactory(factory.django.DjangoModelFactory):
    """A project whose lead partner also participates in the lead role, as services ensure."""

    class Meta:
        model = Project
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Digitale Kfz-Zulassung {n}")
    acronym = factory.Sequence(lambda n: f"KFZ{n}")
    slug = factory.Sequence(lambda n: f"kfz-{n}")
    summary = "Kreisübergreifende Zulassung von Fahrzeugen, online und ohne Behördengang."
    lead_partner = factory.SubFactory(PartnerFactory)
    phase = Phase.CONCEPT
    start_date = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=200))
    planned_end_date = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=400))

    @factory.post_generation
    def lead_participation(obj, create, extracted, **kwargs):
        if create:
            Participation.objects.get_or_create(
                project=obj, partner=obj.lead_partner, defaults={"role": ParticipationRole.LEAD}
            )


class ParticipationFactory(factory.django.DjangoModelFactory):
    """Another partner on the project (the lead partner's row comes with `ProjectFactory`)."""

    class Meta:
        model = Participation

    project = factory.SubFactory(ProjectFactory)
    partner = factory.SubFactory(PartnerFactory)
    role = ParticipationRole.PARTNER


class TeamMemberFactory(factory.django.DjangoModelFactory):
    """The row only, without the object permission: `project_team_add` grants that."""

    class Meta:
        model = TeamMember

    project = factory.SubFactory(ProjectFactory)
    person = factory.SubFactory(UserFactory)
    role = TeamRole.LEAD


class ProjectLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectLink

    project = factory.SubFactory(ProjectFactory)
    kind = LinkKind.REPOSITORY
    label = "Quellcode"
    url = "https://code.example.org/kfz"


class ProjectDocumentFactory(factory.django.DjangoModelFactory):
    """Writes a file: set `settings.MEDIA_ROOT` to a temporary directory first."""

    class Meta:
        model = ProjectDocument

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Konzept {n}")
    file = factory.LazyFunction(lambda: ContentFile(PDF, name="konzept.pdf"))
    uploaded_by = factory.SubFactory(UserFactory)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    project = factory.SubFactory(ProjectFactory)
    title = factory.Sequence(lambda n: f"Meilenstein {n}")
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


class StatusReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StatusReport

    project = factory.SubFactory(ProjectFactory)
    period_start = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=90))
    period_end = factory.LazyFunction(timezone.localdate)
    schedule = TrafficLight.GREEN
    budget = TrafficLight.GREEN
    scope = TrafficLight.GREEN
    text = "Alles im Plan."
    author = factory.SubFactory(UserFactory)


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    project = factory.SubFactory(ProjectFactory)
    partner = factory.SubFactory(PartnerFactory)
    kind = ContributionKind.PERSON_DAYS
    amount = 20
    description = "Fachliche Begleitung der Erprobung"
    proposed_by = factory.SubFactory(UserFactory)


class SponsorshipFactory(factory.django.DjangoModelFactory):
    """A request already sent to the Land's CIO (state requested)."""

    class Meta:
        model = Sponsorship

    project = factory.SubFactory(ProjectFactory)
    land = factory.SubFactory(PartnerFactory, name="Baden-Württemberg", slug="bw", kind="land", state="BW")
    scope = SponsorshipScope.BOTH
    term_start = factory.LazyFunction(timezone.localdate)
    justification = "Das Land erprobt die Lösung bereits in zwei Kreisen."
    state = SponsorshipState.REQUESTED
    requested_by = factory.SubFactory(UserFactory)
    requested_at = factory.LazyFunction(timezone.now)


class SponsorshipRoundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SponsorshipRound

    sponsorship = factory.SubFactory(SponsorshipFactory)
    number = factory.Sequence(lambda n: n + 1)
    scope = SponsorshipScope.BOTH
    term_start = factory.LazyFunction(timezone.localdate)
    justification = "Das Land erprobt die Lösung bereits in zwei Kreisen."
    submitted_by = factory.SubFactory(UserFactory)
    outcome = RoundOutcome.APPROVED


class SponsorshipAttachmentFactory(factory.django.DjangoModelFactory):
    """Writes a file: set `settings.MEDIA_ROOT` to a temporary directory first."""

    class Meta:
        model = SponsorshipAttachment

    sponsorship = factory.SubFactory(SponsorshipFactory)
    title = "Projektskizze"
    file = factory.LazyFunction(lambda: ContentFile(PDF, name="skizze.pdf"))


class ProjectEvaluationFactory(factory.django.DjangoModelFactory):
    """The evaluation record of a project in its pilot (internal until marked public)."""

    class Meta:
        model = ProjectEvaluation

    project = factory.SubFactory(ProjectFactory, phase=Phase.PILOT)
    hypothesis = "Die Online-Zulassung halbiert die Bearbeitungszeit."
    pilot_sites = "Kreis Beispiel\nStadt Beispiel"
    runtime_start = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=120))
    runtime_end = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=60))


class EvaluationIndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EvaluationIndicator

    evaluation = factory.SubFactory(ProjectEvaluationFactory)
    name = "Bearbeitungszeit"
    unit = "Tage"
    target_value = 5
    position = factory.Sequence(lambda n: n)


# --- transfer ------------------------------------------------------------------------------------


class SolutionFactory(factory.django.DjangoModelFactory):
    """A published, transfer-ready solution (call `search_vector_refresh` for PostgreSQL search)."""

    class Meta:
        model = Solution

    title = factory.Sequence(lambda n: f"Mängelmelder {n}")
    slug = factory.Sequence(lambda n: f"maengelmelder-{n}")
    short_description = "Schäden im öffentlichen Raum per App melden."
    problem = "Bürgerinnen und Bürger melden Schlaglöcher bisher per Telefon."
    target_group = "Städte und Gemeinden"
    how_it_works = "Eine App übermittelt Foto und Ort an das Fachverfahren."
    licence = Licence.EUPL_12
    publiccode_yml = "publiccodeYmlVersion: '0.4'"
    operating_model = "Betrieb durch einen kommunalen IT-Dienstleister"
    contact_label = "Geschäftsstelle Kooperationsraum"
    contact_email = "transfer@kooperationsraum.example.org"
    state = SolutionState.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)
    last_reviewed_on = factory.LazyFunction(timezone.localdate)


class ServiceCoverageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceCoverage

    solution = factory.SubFactory(SolutionFactory)
    leika_key = factory.Sequence(lambda n: f"99{n:012d}")
    name = "Mängelmeldung im öffentlichen Raum"
    themenfeld = OzgThemenfeld.RECHT_ORDNUNG
    maturity_model = MaturityModel.V1
    maturity_level = 3


class AdoptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Adoption

    solution = factory.SubFactory(SolutionFactory)
    organisation = factory.Sequence(lambda n: f"Stadt Nachnutzung {n}")
    stage = AdoptionStage.PRODUCTION


class SolutionDocumentFactory(factory.django.DjangoModelFactory):
    """Writes a file: set `settings.MEDIA_ROOT` to a temporary directory first."""

    class Meta:
        model = SolutionDocument

    solution = factory.SubFactory(SolutionFactory)
    title = "Handbuch"
    file = factory.LazyFunction(lambda: ContentFile(PDF, name="handbuch.pdf"))


class InquiryFactory(factory.django.DjangoModelFactory):
    """A confirmed request (the public form plus the e-mail link make one)."""

    class Meta:
        model = Inquiry

    solution = factory.SubFactory(SolutionFactory)
    administration = factory.Sequence(lambda n: f"Stadt Anfrage {n}, Bürgeramt")
    contact_name = "Max Beispiel"
    contact_email = factory.Sequence(lambda n: f"anfrage{n}@example.org")
    message = "Wir möchten die Lösung erproben."
    consent = True
    state = InquiryState.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)
