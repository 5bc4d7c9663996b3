"""The secretariat's audit trail: a filterable, paginated list and a CSV export of the same set."""

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.mixins import UserPassesTestMixin
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import QuerySet
from django.http import StreamingHttpResponse
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from governance import selectors
from governance.forms import AuditFilterForm
from governance.models import AuditEvent, AuditVerb
from governance.permissions import may_view_audit_trail
from governance.services.audit import audit_head, audit_record
from governance.services.audit_checkpoints import checkpoint_list
from kooperationsraum.exports import CSV_FORMULA_STARTS, csv_safe  # noqa: F401
from kooperationsraum.exports import Echo as _Echo

AUDIT_PAGE_SIZE = 50
CHECKPOINTS_SHOWN = 60


class AuditTrailAccessMixin(UserPassesTestMixin):
    """Anonymous visitors go to the login; logged-in people without the right get 403."""

    def test_func(self) -> bool:
        return may_view_audit_trail(self.request.user)


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
class AuditEventListView(AuditTrailAccessMixin, TemplateView):
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
    """The export line by line: a BOM so Excel reads UTF-8, semicolons as German Excel expects."""
    writer = csv.writer(_Echo(), delimiter=";")
    # The response is streamed after the view has returned: keep the request's language.
    with translation.override(language):
        yield "\ufeff" + writer.writerow(_csv_header())
        for event in events.iterator(chunk_size=2000):
            yield writer.writerow([csv_safe(cell) for cell in _csv_row(event)])


@method_decorator(never_cache, name="dispatch")
class AuditEventExportView(AuditTrailAccessMixin, View):
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
        response = StreamingHttpResponse(
            audit_csv_lines(events, language=translation.get_language()),
            content_type="text/csv; charset=utf-8",
        )
        filename = f"protokoll-{timezone.localdate():%Y-%m-%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


@method_decorator(never_cache, name="dispatch")
class AuditCheckpointListView(AuditTrailAccessMixin, TemplateView):
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
