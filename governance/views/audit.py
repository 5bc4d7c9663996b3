"""The secretariat's audit trail: a filterable, paginated list and a CSV export of the same set."""

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from governance import selectors
from governance.forms import AuditFilterForm
from governance.models import AuditEvent, AuditVerb
from governance.permissions import may_view_audit_trail
from governance.services.audit import audit_head, audit_record
from governance.services.audit_checkpoints import checkpoint_list
from kooperationsraum.exports import csv_lines, csv_response
from kooperationsraum.views import WorkspaceView

AUDIT_PAGE_SIZE = 50
CHECKPOINTS_SHOWN = 60


class AuditTrailView(WorkspaceView):
    """Anonymous visitors go to the login; logged-in people without the right get 403."""

    def may(self, user, *objects) -> bool:
        return may_view_audit_trail(user)


def _filter_form(request) -> AuditFilterForm:
    return AuditFilterForm(
        request.GET,
        actors=selectors.audit_actor_choices(),
        target_types=selectors.audit_target_type_choices(),
    )


def _compact(value: Any) -> str:
    return (
        value
        if isinstance(value, str)
        else json.dumps(value, ensure_ascii=False, sort_keys=True, cls=DjangoJSONEncoder)
    )


@dataclass
class AuditRow:
    event: AuditEvent
    payload: list[tuple[str, str]]


def _payload_items(payload: Any) -> list[tuple[str, str]]:
    if isinstance(payload, dict):
        return [(str(key), _compact(value)) for key, value in payload.items()]
    return [("", _compact(payload))] if payload else []


@method_decorator(never_cache, name="dispatch")
class AuditEventListView(AuditTrailView, TemplateView):
    template_name = "governance/audit_list.html"

    def get_context_data(self, **kwargs):
        form = _filter_form(self.request)
        filters = form.filters()
        events = selectors.audit_event_list(filters=filters)
        page = Paginator(events, AUDIT_PAGE_SIZE).get_page(self.request.GET.get("page"))
        rows = [AuditRow(event, _payload_items(event.payload)) for event in page]
        return super().get_context_data(form=form, filtered=bool(filters), page_obj=page, rows=rows, **kwargs)


def _csv_header() -> list[str]:
    return [
        _("Zeitpunkt"),
        _("Person"),
        _("Name"),
        _("Vorgang"),
        _("Objektart"),
        _("Objekt-ID"),
        _("Objekt"),
        _("IP-Adresse"),
        _("Browser"),
        _("Änderung"),
    ]


def _csv_row(event: AuditEvent) -> list[Any]:
    return [
        timezone.localtime(event.occurred_at).strftime("%d.%m.%Y %H:%M:%S"),
        event.actor.email if event.actor else event.actor_label,
        event.actor.get_full_name() if event.actor else "",
        event.get_verb_display(),
        str(event.target_type.name) if event.target_type else "",
        event.target_id,
        event.target_label,
        event.ip_address,
        event.user_agent,
        _compact(event.payload) if event.payload else "",
    ]


def audit_csv_lines(events: QuerySet[AuditEvent], *, language: str) -> Iterator[str]:
    """The export line by line, in the shared format for German Excel (`kooperationsraum.exports`)."""
    rows = (_csv_row(event) for event in events.iterator(chunk_size=2000))
    return csv_lines(_csv_header(), rows, language=language)


@method_decorator(never_cache, name="dispatch")
class AuditEventExportView(AuditTrailView):
    """Every event of the current filter (not just one page), as a CSV download."""

    def get(self, request):
        filters = _filter_form(request).filters()
        # The export carries personal data out of the portal: who took it is itself recorded.
        with transaction.atomic():
            audit_record(
                verb=AuditVerb.AUDIT_EXPORTED,
                actor=request.user,
                request=request,
                payload={"filters": {key: str(value) for key, value in filters.items()}},
            )
        events = selectors.audit_event_list(filters=filters)
        return csv_response(
            audit_csv_lines(events, language=translation.get_language()),
            filename=f"protokoll-{timezone.localdate():%Y-%m-%d}.csv",
        )


@method_decorator(never_cache, name="dispatch")
class AuditCheckpointListView(AuditTrailView, TemplateView):
    """The published checkpoints (files outside the database), newest first, and how far the
    chain has moved since the last one. The full check is `manage.py audit_verify`."""

    template_name = "governance/audit_checkpoints.html"

    def get_context_data(self, **kwargs):
        checkpoints, invalid = checkpoint_list()
        head_sequence, head_hash = audit_head()
        newest = checkpoints[-1] if checkpoints else None
        return super().get_context_data(
            checkpoints=list(reversed(checkpoints))[:CHECKPOINTS_SHOWN],
            invalid=invalid,
            head_sequence=head_sequence,
            head_hash=head_hash,
            newest=newest,
            since=head_sequence - newest.sequence if newest else None,
            behind=newest is not None and head_sequence < newest.sequence,
            **kwargs,
        )
