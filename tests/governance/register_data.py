"""A small steering circle with public and internal parts, for the tests of the public register,
the meeting calendar, OParl and the members' calendar feed. Built straight through the ORM: these
tests are about what leaves the portal, not about how the secretariat records it."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone

from governance.models import (
    AgendaItem,
    AgendaItemKind,
    Ballot,
    BallotState,
    FocusArea,
    Meeting,
    MeetingState,
    PartnerKind,
    Resolution,
    ResolutionResult,
    Role,
    RulesOfProcedure,
    State,
    SteeringCircle,
    SteeringDocument,
    SteeringSeat,
    Visibility,
)
from tests.factories import PartnerFactory, ProjectFactory, RoleAssignmentFactory, UserFactory

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Register:
    circle: SteeringCircle
    past: Meeting
    upcoming: Meeting
    planned: Meeting
    cancelled: Meeting
    public_item: AgendaItem
    internal_item: AgendaItem
    public_resolution: Resolution
    internal_resolution: Resolution
    hidden_item_resolution: Resolution
    ballot_resolution: Resolution
    public_document: SteeringDocument
    internal_document: SteeringDocument
    member: object
    secretary: object
    public_project: object
    internal_project: object


def _meeting(circle, title, start, **fields) -> Meeting:
    fields.setdefault("invited_at", timezone.now() - timedelta(days=30))
    fields.setdefault("state", MeetingState.INVITED)
    return Meeting.objects.create(
        circle=circle, title=title, starts_at=start, ends_at=start + timedelta(hours=3), place="Mannheim", **fields
    )


def _resolution(circle, number: int, title: str, **fields) -> Resolution:
    fields.setdefault("result", ResolutionResult.ADOPTED)
    fields.setdefault("visibility", Visibility.PUBLIC)
    return Resolution.objects.create(
        circle=circle,
        number=f"LK-2026-{number:02d}" if number else "",
        number_year=2026 if number else None,
        number_seq=number or None,
        title=title,
        text=f"Der Lenkungskreis beschließt: {title}.",
        decided_on=date(2026, 3, number or 1),
        **fields,
    )


def build_register() -> Register:
    now = timezone.now()
    land = PartnerFactory(name="Hessen", slug="he", kind=PartnerKind.LAND, state=State.HE)
    mrn = PartnerFactory(name="Metropolregion Rhein-Neckar GmbH", slug="mrn", kind=PartnerKind.METROPOLITAN_REGION)
    circle = SteeringCircle.objects.create(name="Lenkungskreis Kooperationsraum", slug="lk")
    RulesOfProcedure.objects.create(circle=circle, valid_from=date(2020, 1, 1))
    SteeringSeat.objects.create(circle=circle, partner=land, position=1)
    SteeringSeat.objects.create(circle=circle, partner=mrn, position=2)
    member = UserFactory(first_name="Hanna", last_name="Geheimname", email="hanna.geheim@example.org")
    RoleAssignmentFactory(person=member, partner=land, role=Role.STEERING_MEMBER)
    secretary = UserFactory(first_name="Sekretariat", last_name="Vertraulich")
    RoleAssignmentFactory(person=secretary, partner=mrn, role=Role.SECRETARIAT)
    public_project = ProjectFactory(title="Digitale Kfz-Zulassung", is_public=True, lead_partner=land)
    internal_project = ProjectFactory(title="Internes Vorhaben Nordlicht", is_public=False, lead_partner=land)
    area = FocusArea.objects.create(name="Mobile Verwaltung", slug="mobil")

    past = _meeting(circle, "12. Sitzung des Lenkungskreises", now - timedelta(days=20), chair=secretary)
    upcoming = _meeting(circle, "13. Sitzung des Lenkungskreises", now + timedelta(days=10))
    planned = _meeting(
        circle, "Geplante Klausur", now + timedelta(days=40), state=MeetingState.PLANNED, invited_at=None
    )
    cancelled = _meeting(
        circle, "Abgesagte Sondersitzung", now + timedelta(days=5), state=MeetingState.CANCELLED, cancelled_at=now
    )
    public_item = AgendaItem.objects.create(
        meeting=past, number=1, title="Gate Verstetigung Kfz-Zulassung", kind=AgendaItemKind.DECISION
    )
    internal_item = AgendaItem.objects.create(
        meeting=past,
        number=2,
        title="Personalangelegenheit Geschäftsstelle",
        kind=AgendaItemKind.DECISION,
        is_public=False,
    )
    AgendaItem.objects.create(meeting=upcoming, number=1, title="Bericht der Geschäftsstelle")
    AgendaItem.objects.create(meeting=planned, number=1, title="Strategie 2030 (Entwurf)")
    public_resolution = _resolution(
        circle,
        1,
        "Verstetigung der Kfz-Zulassung",
        agenda_item=public_item,
        subject_type_id=_ct(public_project),
        subject_id=public_project.pk,
    )
    public_resolution.focus_areas.add(area)
    internal_resolution = _resolution(
        circle,
        2,
        "Vertraulicher Haushaltsbeschluss",
        visibility=Visibility.INTERNAL,
        subject_type_id=_ct(internal_project),
        subject_id=internal_project.pk,
    )
    hidden_item_resolution = _resolution(circle, 3, "Beschluss zu Personalfragen", agenda_item=internal_item)
    ballot = Ballot.objects.create(
        circle=circle,
        title="Neuer Arbeitsschwerpunkt Telemedizin",
        motion="Aufnahme des Themas.",
        rules=RulesOfProcedure.objects.get(circle=circle),
        opened_at=now - timedelta(days=30),
        deadline=now - timedelta(days=16),
        state=BallotState.CLOSED,
        opened_by=secretary,
    )
    ballot_resolution = _resolution(circle, 4, "Arbeitsschwerpunkt Telemedizin", ballot=ballot)
    _resolution(circle, 0, "Vertagte Frage", result=ResolutionResult.POSTPONED)
    public_document = SteeringDocument(agenda_item=public_item, title="Gate-Bericht Kfz", is_public=True)
    public_document.file.save("gate-bericht.pdf", ContentFile(PDF), save=True)
    internal_document = SteeringDocument(agenda_item=public_item, title="Interne Kostenaufstellung")
    internal_document.file.save("kosten.pdf", ContentFile(PDF), save=True)
    return Register(
        circle,
        past,
        upcoming,
        planned,
        cancelled,
        public_item,
        internal_item,
        public_resolution,
        internal_resolution,
        hidden_item_resolution,
        ballot_resolution,
        public_document,
        internal_document,
        member,
        secretary,
        public_project,
        internal_project,
    )


def _ct(obj) -> int:
    return ContentType.objects.get_for_model(obj).pk


# What must never leave the portal through its public side.
SECRETS = (
    "Geheimname",
    "hanna.geheim@example.org",
    "Vertraulich",
    "Personalangelegenheit",
    "Vertraulicher Haushaltsbeschluss",
    "Beschluss zu Personalfragen",
    "Interne Kostenaufstellung",
    "Geplante Klausur",
    "Strategie 2030",
    "Nordlicht",
    "Vertagte Frage",
)
