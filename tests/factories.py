"""One factory per model (factory_boy). Rows that a service writes with side effects are built
here as plain rows: where a test needs the side effect (a guardian grant, an audit event), it
calls the service instead. `AuditEvent` has no factory: only `audit_record` may write the chain."""

from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from governance.models import (
    Agreement,
    AgreementKind,
    Delivery,
    FocusArea,
    Network,
    NetworkMembership,
    Notification,
    NotificationKind,
    NotificationPreference,
    Partner,
    PartnerKind,
    RoleAssignment,
    State,
    User,
)
from projects.models import (
    Contribution,
    ContributionKind,
    LinkKind,
    Milestone,
    Participation,
    ParticipationRole,
    Phase,
    Project,
    ProjectDocument,
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
