"""The project page's history: audit events as short German sentences (what changed, from → to)."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance.models import AuditEvent, AuditVerb
from projects.models import ContributionKind, ParticipationRole, Phase, Project, TeamRole, TrafficLight
from projects.selectors import partner_names

MAX_VALUE_CHARS = 160

KEY_LABELS = {
    "phase": gettext_lazy("Phase"),
    "from": gettext_lazy("von"),
    "to": gettext_lazy("nach"),
    "reason": gettext_lazy("Begründung"),
    "lead_partner": gettext_lazy("Federführender Partner"),
    "milestone": gettext_lazy("Meilenstein"),
    "created": gettext_lazy("neu angelegt"),
    "due_on": gettext_lazy("Fällig am"),
    "done_on": gettext_lazy("Erreicht am"),
    "period": gettext_lazy("Berichtszeitraum"),
    "schedule": gettext_lazy("Zeitplan"),
    "budget": gettext_lazy("Budget"),
    "scope": gettext_lazy("Umfang"),
    "partner": gettext_lazy("Partner"),
    "kind": gettext_lazy("Art"),
    "amount": gettext_lazy("Menge"),
    "description": gettext_lazy("Beschreibung"),
    "added": gettext_lazy("hinzugefügt"),
    "removed": gettext_lazy("entfernt"),
    "role": gettext_lazy("Rolle"),
    "participation": gettext_lazy("Beteiligter Partner"),
}
# Keys whose stored value is a code of these choices.
CHOICES_BY_KEY = {
    "phase": Phase,
    "from": Phase,
    "to": Phase,
    "schedule": TrafficLight,
    "budget": TrafficLight,
    "scope": TrafficLight,
    "kind": ContributionKind,
    "role": TeamRole,
}


@dataclass
class TimelineEntry:
    event: AuditEvent
    details: list[tuple[str, str]]
    # e.g. the steering-circle resolution that passed a phase gate
    link: tuple[str, str] | None = None


def _as_date(value: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value) if len(value) == 10 else None
    except ValueError:
        return None


def _participation(payload: dict) -> list[tuple[str, str]]:
    """A partner joining, changing its role in or leaving the project, in the words of the page."""
    details = [(str(KEY_LABELS["participation"]), _text(payload.get("participation")))]
    if payload.get("removed"):
        return details + [("", _("nicht mehr beteiligt"))]
    role = str(payload.get("role") or "")
    if role:
        label = ParticipationRole(role).label if role in ParticipationRole.values else role
        details.append((str(KEY_LABELS["role"]), str(label)))
    if "added" in payload:
        details.append(("", _("neu beteiligt") if payload["added"] else _("Rolle geändert")))
    return details


def _text(value: Any, key: str = "") -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("ja") if value else _("nein")
    if isinstance(value, list):
        return " – ".join(_text(item, key) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{KEY_LABELS.get(k, k)}: {_text(v, k)}" for k, v in value.items())
    text = str(value)
    if key == "amount":
        return floatformat(text, "-2")  # 70.00 is shown as "70", as on the page itself
    if (choices := CHOICES_BY_KEY.get(key)) and text in choices.values:
        return str(choices(text).label)
    if day := _as_date(text):
        return date_format(day, "SHORT_DATE_FORMAT")
    return Truncator(text).chars(MAX_VALUE_CHARS)


def _field_label(name: str) -> str:
    try:
        return str(Project._meta.get_field(name).verbose_name)
    except Exception:
        return name


def _changes(changes: dict, partner_names: dict[int, str]) -> list[tuple[str, str]]:
    """`{"field": [before, after]}` as "label: before → after"; the lead partner by its name."""
    details = []
    for name, values in changes.items():
        values = values if isinstance(values, list) else [values]
        if name == "lead_partner":
            values = [partner_names.get(value, value) for value in values]
        details.append((_field_label(name), " → ".join(_text(value, name) for value in values)))
    return details


def _details(event: AuditEvent, partner_names: dict[int, str]) -> list[tuple[str, str]]:
    payload = event.payload
    if not isinstance(payload, dict):
        return [("", _text(payload))] if payload else []
    if event.verb == AuditVerb.PROJECT_CHANGED and isinstance(payload.get("changes"), dict):
        return _changes(payload["changes"], partner_names)
    if "participation" in payload:
        return _participation(payload)
    if event.verb == AuditVerb.PROJECT_PHASE_CHANGED:
        return [
            (_("Wechsel"), f"{_text(payload.get('from'), 'from')} → {_text(payload.get('to'), 'to')}"),
            (str(KEY_LABELS["reason"]), _text(payload.get("reason"))),
        ]
    return [(str(KEY_LABELS.get(key, key)), _text(value, key)) for key, value in payload.items()]


def timeline_entries(events) -> list[TimelineEntry]:
    events = list(events)
    lead_ids = {
        value
        for event in events
        if event.verb == AuditVerb.PROJECT_CHANGED and isinstance(event.payload, dict)
        for value in (event.payload.get("changes") or {}).get("lead_partner") or []
        if isinstance(value, int)
    }
    names = partner_names(ids=lead_ids) if lead_ids else {}
    return [TimelineEntry(event, _details(event, names), _link(event)) for event in events]


def _link(event: AuditEvent) -> tuple[str, str] | None:
    payload = event.payload if isinstance(event.payload, dict) else {}
    if event.verb == AuditVerb.PROJECT_PHASE_CHANGED and payload.get("resolution_id"):
        label = _("Beschluss %(number)s") % {"number": payload.get("resolution", "")}
        return label, reverse("governance:steering-resolution-detail", args=[payload["resolution_id"]])
    return None
