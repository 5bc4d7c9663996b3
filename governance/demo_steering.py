"""Loads the steering circle's demo data from `demo/steering.yaml`; safe to run again.

Past meetings and resolutions are history, so they are written as records (numbers as given,
the counter set to the highest) rather than replayed through the services, which would send
invitations and move projects once more. Subjects of later apps are found by model label through
the app registry: no import of `projects`.
"""

from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from governance.models import (
    AgendaItem,
    Attendance,
    Ballot,
    BallotVote,
    Capacity,
    Meeting,
    MeetingState,
    Minutes,
    MinutesState,
    Network,
    Partner,
    RequestState,
    Resolution,
    ResolutionCounter,
    ResolutionVote,
    Role,
    RulesOfProcedure,
    SteeringCircle,
    SteeringRequest,
    SteeringSeat,
    User,
)
from governance.selectors_steering import seat_people
from kooperationsraum.demo_data import demo_data


def _aware(value) -> datetime:
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return timezone.make_aware(value) if timezone.is_naive(value) else value


def _start(entry: dict) -> datetime:
    if "in_days" in entry:
        day = timezone.localdate() + timedelta(days=entry["in_days"])
        return _aware(datetime.combine(day, time(entry.get("hour", 10))))
    return _aware(entry["starts"])


def _subject(spec: dict | None):
    if not spec:
        return None
    model = apps.get_model(spec["model"])
    if "slug" in spec:
        return model.objects.filter(slug=spec["slug"]).first()
    return model.objects.filter(project__slug=spec["project"], land__slug=spec["land"], state="approved").first()


def _subject_fields(obj) -> dict:
    if obj is None:
        return {"subject_type": None, "subject_id": None}
    return {"subject_type": ContentType.objects.get_for_model(obj), "subject_id": obj.pk}


def seed() -> str:
    data = demo_data("steering")
    c = data["circle"]
    circle, _created = SteeringCircle.objects.update_or_create(
        slug=c["slug"],
        defaults={
            "name": c["name"],
            "number_prefix": c["number_prefix"],
            "network": Network.objects.filter(slug=c.get("network")).first(),
        },
    )
    rules_data = dict(data["rules"])
    RulesOfProcedure.objects.update_or_create(
        circle=circle, valid_from=date.fromisoformat(str(rules_data.pop("valid_from"))), defaults=rules_data
    )
    seats = {}
    for position, slug in enumerate(data["seats"]):
        seats[slug], _ = SteeringSeat.objects.update_or_create(
            circle=circle, partner=Partner.objects.get(slug=slug), defaults={"position": position, "is_active": True}
        )
    secretariat = User.objects.filter(role_assignments__role=Role.SECRETARIAT).order_by("pk").first()

    requests = {}
    for entry in data.get("requests", []):
        requests[entry["key"]], _ = SteeringRequest.objects.get_or_create(
            circle=circle,
            kind=entry["kind"],
            partner=Partner.objects.filter(slug=entry.get("partner")).first(),
            network=Network.objects.filter(slug=entry.get("network")).first(),
            defaults={
                "description": entry["description"],
                "contact_email": entry.get("contact_email", ""),
                "state": RequestState.FILED,
                "filed_by": secretariat,
            },
        )

    meetings = {}
    for entry in data["meetings"]:
        starts = _start(entry)
        meeting, _ = Meeting.objects.update_or_create(
            circle=circle,
            title=entry["title"],
            defaults={
                "starts_at": starts,
                "ends_at": starts + timedelta(hours=entry.get("hours", 2)),
                "place": entry.get("place", ""),
                "video_link": entry.get("video_link", ""),
                "chair": User.objects.filter(email=entry.get("chair")).first(),
                "state": entry.get("state", MeetingState.INVITED),
                "invited_at": starts - timedelta(days=21) if starts < timezone.now() else timezone.now(),
            },
        )
        meetings[entry["title"]] = meeting
        on = timezone.localtime(starts).date()
        people = {row.seat.partner.slug: row for row in seat_people(seats.values(), on=on)}
        for slug in entry.get("attendance", []):
            row = people[slug]
            person, capacity = (row.holder, Capacity.HOLDER) if row.holder else (row.deputy, Capacity.DEPUTY)
            if person is not None:
                Attendance.objects.update_or_create(
                    meeting=meeting, seat=seats[slug], defaults={"person": person, "capacity": capacity}
                )
        for number, item_data in enumerate(entry.get("items", []), start=1):
            item, _ = AgendaItem.objects.update_or_create(
                meeting=meeting,
                number=number,
                defaults={
                    "title": item_data["title"],
                    "kind": item_data["kind"],
                    "presenter": item_data.get("presenter", ""),
                    "is_public": item_data.get("is_public", True),
                    "discussion_summary": item_data.get("summary", ""),
                    "request": requests.get(item_data.get("request")),
                },
            )
            res = item_data.get("resolution")
            if res:
                year = on.year
                subject = _subject(res.get("subject"))
                resolution, _ = Resolution.objects.update_or_create(
                    circle=circle,
                    number_year=year,
                    number_seq=res["number"],
                    defaults={
                        "number": f"{circle.number_prefix}-{year}-{res['number']:02d}",
                        "title": res["title"],
                        "text": res["text"],
                        "result": res["result"],
                        "visibility": res["visibility"],
                        "decided_on": on,
                        "agenda_item": item,
                        "effect": res.get("effect", ""),
                        "recorded_by": secretariat,
                        **_subject_fields(subject),
                    },
                )
                for slug, choice in res.get("votes", {}).items():
                    ResolutionVote.objects.update_or_create(
                        resolution=resolution, seat=seats[slug], defaults={"choice": choice}
                    )
                counter, _ = ResolutionCounter.objects.get_or_create(circle=circle, year=year)
                if counter.last < res["number"]:
                    counter.last = res["number"]
                    counter.save(update_fields=["last"])
        if entry.get("minutes"):
            Minutes.objects.update_or_create(
                meeting=meeting, defaults={"state": MinutesState.DRAFT, "notes": entry.get("notes", "")}
            )
    for entry in data["meetings"]:
        if "approves_minutes_of" in entry:
            approved = meetings[entry["approves_minutes_of"]]
            approver = meetings[entry["title"]]
            Minutes.objects.filter(meeting=approved).update(
                state=MinutesState.APPROVED, approved_in=approver, approved_at=approver.ends_at
            )
    # The last past meeting's minutes wait for the next meeting: circulated.
    Minutes.objects.filter(meeting__circle=circle, state=MinutesState.DRAFT).update(
        state=MinutesState.CIRCULATED, circulated_at=timezone.now()
    )

    rules = RulesOfProcedure.objects.filter(circle=circle).order_by("-valid_from").first()
    for entry in data.get("ballots", []):
        now = timezone.now()
        ballot, created = Ballot.objects.get_or_create(
            circle=circle,
            title=entry["title"],
            defaults={
                "motion": entry["motion"],
                "rules": rules,
                "opened_at": now - timedelta(days=14 - entry["in_days"]),
                "deadline": now + timedelta(days=entry["in_days"]),
                "is_public": entry.get("is_public", True),
                "opened_by": secretariat,
            },
        )
        people = {row.seat.partner.slug: row for row in seat_people(seats.values())}
        for slug, choice in entry.get("votes", {}).items():
            holder = people[slug].holder
            if holder is not None:
                BallotVote.objects.get_or_create(
                    ballot=ballot,
                    seat=seats[slug],
                    defaults={"choice": choice, "cast_by": holder, "capacity": Capacity.HOLDER},
                )
    return (
        f"{len(seats)} Sitze, {len(meetings)} Sitzungen, "
        f"{Resolution.objects.filter(circle=circle).count()} Beschlüsse, "
        f"{Ballot.objects.filter(circle=circle).open().count()} offene Umlaufverfahren"
    )
