"""OParl 1.1 objects as plain dicts, one function per type. Only what the public may see arrives
here (see `governance.selectors_register`); these functions only shape it."""

import mimetypes
from datetime import datetime

from django.urls import reverse
from django.utils import timezone

from governance.models import AgendaItem, Meeting, Resolution, SteeringCircle, SteeringDocument
from kooperationsraum.machine import absolute

SCHEMA = "https://schema.oparl.org/1.1/"
# The portal's open-data licence (Datenlizenz Deutschland – Namensnennung – Version 2.0).
LICENSE = "http://dcat-ap.de/def/licenses/dl-by-de/2.0"
CONTACT_EMAIL = "geschaeftsstelle@kooperationsraum.example.org"


def url(name: str, *args) -> str:
    return absolute(reverse(f"oparl:{name}", args=args))


def stamp(moment: datetime | None) -> str | None:
    return timezone.localtime(moment).isoformat(timespec="seconds") if moment else None


def _object(kind: str, oid: str, created=None, modified=None, **fields) -> dict:
    data = {"id": oid, "type": f"{SCHEMA}{kind}", **{k: v for k, v in fields.items() if v not in (None, "", [])}}
    if created:
        data["created"] = stamp(created)
        data["modified"] = stamp(modified or created)
    return data


def system() -> dict:
    return _object(
        "System",
        url("system"),
        oparlVersion=SCHEMA,
        body=url("body-list"),
        name="Kooperationsraum-Portal",
        contactEmail=CONTACT_EMAIL,
        contactName="Geschäftsstelle Kooperationsraum",
        website=absolute("/"),
        license=LICENSE,
    )


def body(circle: SteeringCircle) -> dict:
    pk = circle.pk
    return {
        **_object(
            "Body",
            url("body-detail", pk),
            system=url("system"),
            name="Föderaler Kooperationsraum für Verwaltungsmodernisierung",
            shortName="Kooperationsraum",
            website=absolute("/"),
            license=LICENSE,
            contactEmail=CONTACT_EMAIL,
            contactName="Geschäftsstelle Kooperationsraum",
            classification="Kooperationsraum",
            web=absolute(reverse("register:resolution-list")),
        ),
        "organization": url("body-organization", pk),
        "person": url("body-person", pk),
        "meeting": url("body-meeting", pk),
        "paper": url("body-paper", pk),
        "agendaItem": url("body-agendaitem", pk),
        "consultation": url("body-consultation", pk),
        "file": url("body-file", pk),
        "legislativeTerm": [],
    }


def organization(circle: SteeringCircle, seat_count: int) -> dict:
    return {
        **_object(
            "Organization",
            url("organization-detail", circle.pk),
            body=url("body-detail", circle.pk),
            name=circle.name,
            shortName=circle.number_prefix,
            organizationType="Gremium",
            classification="Lenkungskreis",
            license=LICENSE,
        ),
        # Seats, not people: how many partners sit in the circle, never who.
        "memberCount": seat_count,
        "votingMemberCount": seat_count,
        "meeting": url("body-meeting", circle.pk),
        "consultation": url("body-consultation", circle.pk),
    }


def file(document: SteeringDocument) -> dict:
    download = absolute(reverse("register:document", args=[document.pk]))
    name = document.file.name.rsplit("/", 1)[-1]
    links = {}
    if document.agenda_item_id:
        links = {"agendaItem": [url("agendaitem-detail", document.agenda_item_id)]}
        links["meeting"] = [url("meeting-detail", document.agenda_item.meeting_id)]
    elif document.ballot_id and getattr(document.ballot, "resolution", None):
        links = {"paper": [url("paper-detail", document.ballot.resolution.pk)]}
    return _object(
        "File",
        url("file-detail", document.pk),
        created=document.uploaded_at,
        name=document.title,
        fileName=name,
        mimeType=mimetypes.guess_type(name)[0] or "application/octet-stream",
        date=timezone.localtime(document.uploaded_at).date().isoformat(),
        accessUrl=download,
        downloadUrl=download,
        license=LICENSE,
        **links,
    )


RESULT_TEXT = {"adopted": "beschlossen", "rejected": "abgelehnt", "postponed": "vertagt"}


def agenda_item(item: AgendaItem, resolution: Resolution | None) -> dict:
    meeting = item.meeting
    return _object(
        "AgendaItem",
        url("agendaitem-detail", item.pk),
        created=meeting.created_at,
        meeting=url("meeting-detail", item.meeting_id),
        number=str(item.number),
        order=item.number,
        name=item.title,
        public=True,
        consultation=url("consultation-detail", resolution.pk) if resolution else None,
        result=RESULT_TEXT.get(resolution.result) if resolution else None,
        resolutionText=resolution.text if resolution else None,
        auxiliaryFile=[file(document) for document in item.documents.all()],
        license=LICENSE,
        web=absolute(reverse("register:meeting-detail", args=[item.meeting_id])),
    )


def _meeting_state(meeting: Meeting) -> str:
    if meeting.is_cancelled:
        return "abgesagt"
    return "durchgeführt" if meeting.ends_at < timezone.now() else "eingeladen"


def meeting(meeting: Meeting, resolutions: dict[int, Resolution]) -> dict:
    data = _object(
        "Meeting",
        url("meeting-detail", meeting.pk),
        created=meeting.created_at,
        modified=max(filter(None, [meeting.created_at, meeting.invited_at, meeting.cancelled_at])),
        name=meeting.title,
        meetingState=_meeting_state(meeting),
        start=stamp(meeting.starts_at),
        end=stamp(meeting.ends_at),
        organization=[url("organization-detail", meeting.circle_id)],
        agendaItem=[agenda_item(item, resolutions.get(item.pk)) for item in meeting.public_items],
        license=LICENSE,
        web=absolute(reverse("register:meeting-detail", args=[meeting.pk])),
    )
    data["cancelled"] = meeting.is_cancelled
    if meeting.place or meeting.video_link:
        data["location"] = _object(
            "Location", url("location-detail", meeting.pk), description=meeting.place or meeting.video_link
        )
    return data


def location(meeting: Meeting) -> dict:
    return _object(
        "Location",
        url("location-detail", meeting.pk),
        created=meeting.created_at,
        description=meeting.place or meeting.video_link,
        meetings=[url("meeting-detail", meeting.pk)],
        license=LICENSE,
    )


def consultation(resolution: Resolution) -> dict:
    item = resolution.agenda_item
    return _object(
        "Consultation",
        url("consultation-detail", resolution.pk),
        created=resolution.recorded_at,
        paper=url("paper-detail", resolution.pk),
        agendaItem=url("agendaitem-detail", item.pk) if item else None,
        meeting=url("meeting-detail", item.meeting_id) if item else None,
        organization=[url("organization-detail", resolution.circle_id)],
        authoritative=True,
        role="Beschlussfassung" if item else "Beschlussfassung im Umlaufverfahren",
        license=LICENSE,
    )


def paper(resolution: Resolution, documents: list[SteeringDocument]) -> dict:
    return _object(
        "Paper",
        url("paper-detail", resolution.pk),
        created=resolution.recorded_at,
        body=url("body-detail", resolution.circle_id),
        name=resolution.title,
        reference=resolution.number,
        date=resolution.decided_on.isoformat(),
        paperType="Beschlussvorlage" if resolution.agenda_item_id else "Umlaufverfahren",
        underDirectionOf=[url("organization-detail", resolution.circle_id)],
        consultation=[consultation(resolution)],
        auxiliaryFile=[file(document) for document in documents],
        keyword=[area.name for area in resolution.focus_areas.all()],
        license=LICENSE,
        web=absolute(reverse("register:resolution-detail", args=[resolution.number])),
    )
