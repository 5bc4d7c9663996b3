"""Factories of projects: participations, team, milestones, reports, contributions, sponsorships."""

from datetime import timedelta

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

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
from tests.factories.people_and_partners import PDF, PartnerFactory, UserFactory

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
