"""A known data set for report content: November 2026, week 48 and the year 2026."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from governance.models import NotificationState, PartnerKind, Role, State
from projects.models import EvaluationIndicator, Phase, ProjectEvaluation, SponsorshipState, TrafficLight
from tests.conftest import person_with_role
from tests.factories import (
    AdoptionFactory,
    FocusAreaFactory,
    MilestoneFactory,
    PartnerFactory,
    ProjectFactory,
    SolutionFactory,
    SponsorshipFactory,
    StatusReportFactory,
    UserFactory,
)

BERLIN = ZoneInfo("Europe/Berlin")


def berlin(*args) -> datetime:
    return datetime(*args, tzinfo=BERLIN)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    """Report files of one test never meet those of another."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def dataset(db, land_bw, land_he, mrn):
    from governance.models import Notification

    rp_city = PartnerFactory(name="Stadt Ludwigshafen", slug="lu", kind=PartnerKind.CITY, state=State.RP)
    mobile = FocusAreaFactory(name="Mobile und vernetzte Verwaltung", slug="mobil")
    kfz = ProjectFactory(
        title="Digitale Kfz-Zulassung",
        acronym="KFZ",
        slug="kfz",
        lead_partner=land_bw,
        phase=Phase.PILOT,
        is_public=True,
    )
    kfz.focus_areas.add(mobile)
    mm = ProjectFactory(title="Mängelmelder", acronym="MM", slug="mm", lead_partner=land_he, phase=Phase.IMPLEMENTATION)
    bau = ProjectFactory(
        title="Digitaler Bauantrag", acronym="BAU", slug="bau", lead_partner=rp_city, phase=Phase.CONCEPT
    )
    ProjectFactory(title="Alte Idee", acronym="ALT", slug="alt", lead_partner=rp_city, phase=Phase.STOPPED)

    StatusReportFactory(project=kfz, period_end=date(2026, 10, 15), created_at=berlin(2026, 10, 15, 9))
    StatusReportFactory(
        project=kfz, period_end=date(2026, 11, 20), schedule=TrafficLight.RED, created_at=berlin(2026, 11, 20, 9)
    )
    StatusReportFactory(
        project=mm, period_end=date(2026, 10, 1), budget=TrafficLight.YELLOW, created_at=berlin(2026, 10, 1, 9)
    )

    MilestoneFactory(project=kfz, title="Pilot im Rhein-Neckar-Kreis", due_on=date(2026, 11, 30))
    MilestoneFactory(project=kfz, title="Schnittstelle zum KBA", due_on=date(2026, 11, 1))
    MilestoneFactory(project=mm, title="Rollout Darmstadt", due_on=date(2026, 11, 10), done_on=date(2026, 11, 9))
    MilestoneFactory(project=mm, title="Dezember-Meilenstein", due_on=date(2026, 12, 1))
    MilestoneFactory(project=bau, title="Fachkonzept", due_on=date(2026, 11, 15), done_on=date(2026, 11, 20))

    requester = UserFactory()
    approved = SponsorshipFactory(
        project=kfz,
        land=land_bw,
        state=SponsorshipState.APPROVED,
        requested_by=requester,
        requested_at=berlin(2026, 11, 1, 10),
        decided_at=berlin(2026, 11, 30, 23, 30),
    )
    declined = SponsorshipFactory(
        project=mm,
        land=land_he,
        state=SponsorshipState.DECLINED,
        requested_by=requester,
        requested_at=berlin(2026, 11, 10, 10),
        decided_at=berlin(2026, 12, 1, 0, 30),
    )

    solution = SolutionFactory(title="Bürgerkoffer")
    solution.focus_areas.add(mobile)
    hidden = SolutionFactory(title="Interne Lösung", state="draft", published_at=None)
    AdoptionFactory(
        solution=solution, organisation="Kreis Bergstraße", created_at=berlin(2026, 11, 5, 12), stage="interest"
    )
    AdoptionFactory(
        solution=solution,
        organisation="Stadt Worms",
        partner=rp_city,
        stage="pilot",
        created_at=berlin(2026, 1, 10, 12),
        stage_since=date(2026, 11, 12),
    )
    AdoptionFactory(
        solution=solution, organisation="Oktoberstadt", created_at=berlin(2026, 10, 31, 23, 30), stage="evaluation"
    )
    AdoptionFactory(
        solution=solution,
        organisation="Stadt Heidelberg",
        partner=land_bw,
        stage="production",
        created_at=berlin(2025, 5, 1, 12),
        stage_since=date(2026, 6, 1),
    )
    AdoptionFactory(solution=hidden, organisation="Geheime Stadt", stage="production", stage_since=date(2026, 6, 2))

    evaluation = ProjectEvaluation.objects.create(
        project=kfz,
        hypothesis="Die Online-Zulassung halbiert die Wege zur Behörde.",
        pilot_sites="Rhein-Neckar-Kreis\nStadt Mannheim",
        runtime_start=date(2026, 3, 1),
        runtime_end=date(2026, 9, 30),
        experimentation_clause="Experimentierklausel § 3 EGovG BW",
        result="confirmed",
        lessons_learned="Früh mit den Zulassungsstellen sprechen.",
        what_failed="Die Terminbuchung blieb offline.",
        internal_notes="GEHEIME NOTIZ",
        is_public=True,
    )
    EvaluationIndicator.objects.create(
        evaluation=evaluation, name="Online-Anteil", unit="%", target_value=Decimal(40), measured_value=Decimal(55)
    )
    ProjectEvaluation.objects.create(project=mm, hypothesis="Interne Hypothese", is_public=False)

    secretariat = person_with_role(Role.SECRETARIAT, mrn)
    steering = person_with_role(Role.STEERING_MEMBER, land_bw)
    steering_deputy = person_with_role(Role.STEERING_DEPUTY, land_he)
    failed = Notification.objects.create(
        recipient=steering,
        kind="general",
        subject_de="Einladung",
        subject_en="Invitation",
        body_de="x",
        body_en="x",
        state=NotificationState.FAILED,
        last_error="550 no such user",
    )
    Notification.objects.filter(pk=failed.pk).update(created_at=berlin(2026, 11, 20, 8))
    return {
        "kfz": kfz,
        "mm": mm,
        "bau": bau,
        "approved": approved,
        "declined": declined,
        "secretariat": secretariat,
        "steering": steering,
        "steering_deputy": steering_deputy,
    }
