"""The access matrix's world (tests/test_access_matrix.py): the roles, the demo accounts that play
them, the real demo objects that fill each URL's parameters, and how an answer is classified.

Land A = Baden-Württemberg, project X = Mannheim's. A URL whose parameters name an object gets
them from `KWARGS` (a row per URL name) or, by the object kind its route names, from `kwargs_for`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import reverse

from tests.access.walker import Shadowed, build_path, iter_endpoints
from tests.conftest import seed_demo_data

LOGIN = "login"
ROLES = (
    "anonymous",
    "secretariat",
    "cio_a",
    "deputy_a",
    "cio_b",
    "steering",
    "contact_x",
    "contact_y",
    "former_cio",
    "plain",
)
ACCOUNTS = {
    "secretariat": "geschaeftsstelle@example.org",
    "cio_a": "cio.bw@example.org",
    "deputy_a": "cio-vertretung.bw@example.org",
    "cio_b": "cio.he@example.org",
    "steering": "lenkungskreis.bw@example.org",
    "contact_x": "projekt.mannheim@example.org",
    "contact_y": "projekt.koeln@example.org",
    "former_cio": "ehemals.cio.rp@example.org",
}


# --- the seeded world ---------------------------------------------------------------------------


def _first(queryset):
    obj = queryset.order_by("pk").first()
    assert obj is not None, f"the demo data has no {queryset.model.__name__} for this cell"
    return obj


def build_world() -> dict:
    """Real objects of the demo data for the URL kwargs (Land A = BW, project X = Mannheim's)."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.http import urlsafe_base64_encode
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from governance.models import Agreement, Notification, Partner, State, User
    from governance.models.steering import AgendaItem, Meeting
    from governance.models.steering_decisions import Ballot, Resolution, SteeringDocument
    from governance.models.steering_requests import SteeringRequest
    from projects.models import (
        Contribution,
        Milestone,
        Participation,
        Project,
        ProjectDocument,
        Sponsorship,
        SponsorshipAttachment,
        TeamMember,
    )
    from reports.models import ReportRun
    from transfer.models import Adoption, Inquiry, Solution, SolutionDocument

    users = {role: User.objects.get(email=email) for role, email in ACCOUNTS.items()}
    users["plain"] = User.objects.create_user(email="ohne.rolle@example.org", password="x-Access-Matrix-1")
    land_a = Partner.objects.get(kind="land", state=State.BW)
    project_x = _first(Project.objects.filter(team__person=users["contact_x"]))
    project_y = _first(Project.objects.filter(team__person=users["contact_y"]).exclude(pk=project_x.pk))
    sponsorship = Sponsorship.objects.filter(project=project_x, land=land_a).first() or _first(
        Sponsorship.objects.filter(land=land_a)
    )
    solution = _first(Solution.objects.all())
    meeting = _first(Meeting.objects.all())
    item = (
        _first(AgendaItem.objects.filter(meeting=meeting))
        if AgendaItem.objects.filter(meeting=meeting).exists()
        else _first(AgendaItem.objects.all())
    )
    return {
        "users": users,
        "land_a": land_a,
        "project_x": project_x,
        "project_y": project_y,
        "sponsorship": sponsorship,
        "attachment": SponsorshipAttachment.objects.order_by("pk").first(),
        "agreement": Agreement.objects.exclude(document="").order_by("pk").first(),
        "notification": _first(Notification.objects.filter(recipient=users["cio_a"])),
        "meeting": meeting,
        "approved_meeting": _first(Meeting.objects.filter(minutes__state="approved")),
        "item": item,
        "resolution": Resolution.objects.order_by("pk").first(),
        "ballot": Ballot.objects.order_by("pk").first(),
        "steering_document": SteeringDocument.objects.order_by("pk").first(),
        "milestone": Milestone.objects.filter(project=project_x).order_by("pk").first(),
        "contribution": Contribution.objects.filter(project=project_x).order_by("pk").first(),
        "team_member": TeamMember.objects.filter(project=project_x).order_by("pk").first(),
        "participation": Participation.objects.filter(project=project_x).order_by("pk").first(),
        "project_document": ProjectDocument.objects.filter(project=project_x).order_by("pk").first(),
        "solution": solution,
        "solution_document": SolutionDocument.objects.order_by("pk").first(),
        "adoption": Adoption.objects.order_by("pk").first(),
        "inquiry": Inquiry.objects.order_by("pk").first(),
        "steering_request": SteeringRequest.objects.exclude(state="unconfirmed").order_by("pk").first(),
        "report_run": ReportRun.objects.order_by("pk").first(),
        # A confirmed authenticator app of CIO A: its admin QR-code pages show the TOTP secret.
        "totp_device": TOTPDevice.objects.create(user=users["cio_a"], name="App", confirmed=True),
        "reset": {
            "uidb64": urlsafe_base64_encode(str(users["plain"].pk).encode()),
            "token": default_token_generator.make_token(users["plain"]),
        },
    }


def pk(obj) -> int:
    return obj.pk if obj is not None else 999999


# URL kwargs per name, from the world; names without parameters need no entry.
KWARGS = {
    "password_reset_confirm": lambda w: w["reset"],
    "privacy:data-export-download": lambda w: {"pk": 999999},
    "privacy:person-erase": lambda w: {"pk": w["users"]["plain"].pk},
    "governance:mfa-device-remove": lambda w: {"method": "totp", "pk": 999999},
    "governance:agreement-document": lambda w: {"pk": pk(w["agreement"])},
    "governance:notification-retry": lambda w: {"pk": w["notification"].pk},
    "governance:notification-detail": lambda w: {"pk": w["notification"].pk},
    "register:resolution-detail": lambda w: {"number": w["resolution"].number if w["resolution"] else "x"},
    "register:meeting-detail": lambda w: {"pk": w["meeting"].pk},
    "register:meeting-ics": lambda w: {"pk": w["meeting"].pk},
    "register:document": lambda w: {"pk": pk(w["steering_document"])},
    "register:calendar-feed": lambda w: {"token": "kein-gueltiger-token"},
    "register:join-confirm": lambda w: {"token": "kein-gueltiger-token"},
    "governance:steering-request-withdraw": lambda w: {"pk": pk(w["steering_request"])},
    "governance:steering-request-assign-partner": lambda w: {"pk": pk(w["steering_request"])},
    "governance:steering-resolution-detail": lambda w: {"pk": pk(w["resolution"])},
    "governance:steering-ballot-detail": lambda w: {"pk": pk(w["ballot"])},
    "governance:steering-ballot-document": lambda w: {"pk": pk(w["ballot"])},
    "governance:steering-document": lambda w: {"pk": pk(w["steering_document"])},
    "reports:run-detail": lambda w: {"pk": pk(w["report_run"])},
    "reports:run-status": lambda w: {"pk": pk(w["report_run"])},
    "reports:run-file": lambda w: {"pk": pk(w["report_run"]), "file_format": "pdf"},
    "reports:run-publish": lambda w: {"pk": pk(w["report_run"])},
    "reports:annual-detail": lambda w: {"year": "2025"},
    "reports:annual-pdf": lambda w: {"year": "2025"},
    "reports:minutes-pdf": lambda w: {"pk": w["approved_meeting"].pk},
    "projects:sponsorship-attachment": lambda w: {
        "pk": w["attachment"].sponsorship_id if w["attachment"] else w["sponsorship"].pk,
        "attachment_pk": pk(w["attachment"]),
    },
    "projects:milestone-edit": lambda w: {"slug": w["project_x"].slug, "pk": pk(w["milestone"])},
    "projects:contribution-confirm": lambda w: {"slug": w["project_x"].slug, "pk": pk(w["contribution"])},
    "projects:team-remove": lambda w: {"slug": w["project_x"].slug, "pk": pk(w["team_member"])},
    "projects:participation-remove": lambda w: {"slug": w["project_x"].slug, "pk": pk(w["participation"])},
    "projects:document-download": lambda w: {"slug": w["project_x"].slug, "pk": pk(w["project_document"])},
    "api:solution-detail": lambda w: {"slug": w["solution"].slug},
    "transfer:inquiry-confirm": lambda w: {"token": "kein-gueltiger-token"},
    "transfer:solution-detail": lambda w: {"slug": w["solution"].slug},
    "transfer:inquiry-create": lambda w: {"slug": w["solution"].slug},
    "transfer:inquiry-sent": lambda w: {"slug": w["solution"].slug},
    "transfer:solution-document": lambda w: {"slug": w["solution"].slug, "pk": pk(w["solution_document"])},
    "transfer:project-detail": lambda w: {"slug": w["project_x"].slug},
    "transfer:project-document": lambda w: {"slug": w["project_x"].slug, "pk": pk(w["project_document"])},
    "transfer:partner-detail": lambda w: {"slug": w["land_a"].slug},
    "transfer:workspace-solution-from-project": lambda w: {"project_slug": w["project_x"].slug},
    "transfer:workspace-adoption-edit": lambda w: {
        "pk": w["adoption"].solution_id if w["adoption"] else w["solution"].pk,
        "adoption_pk": pk(w["adoption"]),
    },
    "transfer:inquiry-adopt": lambda w: {"pk": pk(w["inquiry"])},
}
_MEETING = ("steering-meeting-", "steering-attendance", "steering-minutes-", "steering-item-create")
_ITEM = ("steering-item-update", "steering-item-document", "steering-item-delete", "steering-resolution-record")
_SPONSORSHIP = ("sponsorship-detail", "sponsorship-decide", "sponsorship-withdraw", "sponsorship-resubmit")
_SPONSORSHIP += ("sponsorship-end", "sponsorship-delegate", "sponsorship-revoke-delegation")
_SOLUTION = ("workspace-solution-", "workspace-adoption-create")
_OPARL_OBJECT = {"meeting-detail": "meeting", "agendaitem-detail": "item", "paper-detail": "resolution"}
_OPARL_OBJECT |= {"consultation-detail": "resolution", "file-detail": "steering_document", "location-detail": "meeting"}


def kwargs_for(name: str, route: str, world: dict) -> dict:
    """The kwargs for one URL name: declared above, or by the object kind its route names."""
    if name in KWARGS:
        return KWARGS[name](world)
    short = name.split(":", 1)[-1]
    if "<" not in route:
        return {}
    if name.startswith("oparl:"):
        if short.startswith("body") or short == "organization-detail":
            from governance.models.steering import SteeringCircle

            return {"pk": _first(SteeringCircle.objects.all()).pk}
        return {"pk": pk(world[_OPARL_OBJECT[short]])}
    if short.startswith(_ITEM):
        return {"pk": world["item"].meeting_id, "item": world["item"].pk}
    if short.startswith(_MEETING):
        return {"pk": world["meeting"].pk}
    if short.startswith(_SPONSORSHIP):
        return {"pk": world["sponsorship"].pk}
    if short.startswith(_SOLUTION):
        return {"pk": world["solution"].pk}
    if name.startswith("projects:") and "<slug:slug>" in route:
        return {"slug": world["project_x"].slug}
    raise AssertionError(f"no kwargs declared for {name} ({route})")


def login_paths() -> set[str]:
    return {urlsplit(resolve_url(settings.LOGIN_URL)).path, reverse("admin:login")}


def answer(response) -> int | str:
    if response.status_code in (301, 302, 303, 307, 308):
        return LOGIN if urlsplit(response["Location"]).path in login_paths() else 302
    return response.status_code


def endpoints() -> dict[str, object]:
    """URL name → endpoint, first of a name (a later pattern of the same route is shadowed)."""
    found = {}
    for endpoint in iter_endpoints():
        found.setdefault(endpoint.name, endpoint)
    return found


def seed_world() -> dict:
    from tests.conftest import mark_mfa_verified

    seed_demo_data()
    data = build_world()
    clients = {"anonymous": Client()}
    for role, user in data["users"].items():
        clients[role] = Client()
        clients[role].force_login(user)
        # The conftest patch of force_login is per test; this fixture outlives one.
        mark_mfa_verified(clients[role], user)
    data["clients"] = clients
    data["urls"] = {}
    for name, endpoint in endpoints().items():
        if name.startswith("admin:"):
            try:
                data["urls"][name] = build_path(endpoint)
            except Shadowed:
                continue
            if name in ("admin:otp_totp_totpdevice_config", "admin:otp_totp_totpdevice_qrcode"):
                data["urls"][name] = reverse(name, args=[data["totp_device"].pk])
        else:
            data["urls"][name] = reverse(name, kwargs=kwargs_for(name, endpoint.route, data))
    return data
