"""Art. 15 GDPR: a person downloads everything stored about them, as JSON built by the worker."""

import json
from pathlib import Path
from typing import Any

from axes.models import AccessAttempt, AccessFailureLog
from celery import current_app
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.forms.models import model_to_dict
from django.utils import timezone

from governance.models import AuditEvent, AuditVerb, SteeringRequest
from governance.services.audit import audit_record
from privacy.models import DataExport, ExportState
from projects.models import Contribution, ProjectDocument, Sponsorship, SponsorshipRound, StatusReport, TeamMember
from transfer.models import Inquiry, Solution

# Enqueued by name (registered by PrivacyConfig.ready): tasks import services, never back.
BUILD_DATA_EXPORT_TASK = "privacy.tasks.build_data_export"

FORMAT = "kooperationsraum-datenauskunft/1"
USER_FIELDS = [
    "email",
    "first_name",
    "last_name",
    "preferred_language",
    "public_consent",
    "is_active",
    "is_staff",
    "is_superuser",
    "date_joined",
    "last_login",
]


def export_path(export: DataExport) -> Path:
    return Path(settings.PRIVACY_EXPORT_DIR) / export.file_name


def _rows(queryset, fields: list[str]) -> list[dict[str, Any]]:
    return list(queryset.values(*fields))


def personal_data(person) -> dict[str, Any]:
    """Every row that names or points to the person, app by app (keep in step with erasure)."""
    email = person.email
    return {
        "format": FORMAT,
        "created_at": timezone.now(),
        "person": {"id": person.pk, "pseudonym": person.audit_label(), **model_to_dict(person, fields=USER_FIELDS)},
        "roles": _rows(person.role_assignments.all(), ["id", "partner__name", "role", "valid_from", "valid_until"]),
        "notifications": _rows(
            person.notifications.all(),
            ["id", "kind", "subject_de", "subject_en", "body_de", "body_en", "link", "state", "created_at", "sent_at"],
        ),
        "notification_preferences": _rows(person.notification_preferences.all(), ["kind", "delivery"]),
        "project_teams": _rows(
            TeamMember.objects.filter(person=person), ["project__acronym", "project__title", "role"]
        ),
        "sponsorships": _rows(
            Sponsorship.objects.filter(Q(requested_by=person) | Q(decided_by=person)),
            ["id", "project__acronym", "land__name", "state", "requested_by_id", "decided_by_id", "decided_at"],
        ),
        "sponsorship_rounds": _rows(
            SponsorshipRound.objects.filter(Q(submitted_by=person) | Q(decided_by=person)),
            ["id", "sponsorship_id", "number", "submitted_by_id", "decided_by_id", "outcome", "decided_at"],
        ),
        "status_reports": _rows(StatusReport.objects.filter(author=person), ["id", "project__acronym"]),
        "contributions": _rows(
            Contribution.objects.filter(Q(proposed_by=person) | Q(confirmed_by=person)),
            ["id", "project__acronym", "proposed_by_id", "confirmed_by_id"],
        ),
        "project_documents": _rows(ProjectDocument.objects.filter(uploaded_by=person), ["id", "project__acronym"]),
        "solutions_as_contact": _rows(Solution.objects.filter(contact_person=person), ["id", "title"]),
        "reuse_inquiries": _rows(
            Inquiry.objects.filter(contact_email__iexact=email),
            ["id", "solution__title", "administration", "contact_name", "contact_email", "message", "created_at"],
        ),
        "steering_requests": _rows(
            SteeringRequest.objects.filter(contact_email__iexact=email),
            ["id", "kind", "state", "applicant", "contact_name", "contact_email", "description", "filed_at"],
        ),
        "audit_events": _rows(
            AuditEvent.objects.filter(actor=person).order_by("sequence"),
            ["sequence", "occurred_at", "verb", "target_label", "ip_address", "user_agent", "payload"],
        ),
        "failed_logins": _rows(
            AccessAttempt.objects.filter(username__iexact=email), ["attempt_time", "ip_address", "failures_since_start"]
        )
        + _rows(AccessFailureLog.objects.filter(username__iexact=email), ["attempt_time", "ip_address"]),
    }


@transaction.atomic
def data_export_request(*, person, request=None) -> DataExport:
    """A person asks for their own data (nobody asks for someone else's); the worker builds it."""
    if not getattr(person, "is_authenticated", False):
        raise PermissionError("Only a logged-in person can request their data.")
    export = DataExport.objects.create(person=person)
    audit_record(verb=AuditVerb.PERSON_DATA_EXPORTED, actor=person, target=person, request=request)
    transaction.on_commit(lambda: current_app.tasks[BUILD_DATA_EXPORT_TASK].delay(export.pk))
    return export


def data_export_build(*, export_id: int) -> DataExport | None:
    """Write the file (idempotent: a re-delivered task finds the export ready and stops)."""
    export = DataExport.objects.select_related("person").filter(pk=export_id).first()
    if export is None or export.state == ExportState.READY:
        return export
    export.file_name = f"datenauskunft-{export.pk}-{timezone.now():%Y%m%d%H%M%S}.json"
    path = export_path(export)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(personal_data(export.person), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        encoding="utf-8",
    )
    export.state = ExportState.READY
    export.finished_at = timezone.now()
    export.save(update_fields=["state", "finished_at", "file_name"])
    return export


def data_export_delete(export: DataExport) -> None:
    if export.file_name:
        export_path(export).unlink(missing_ok=True)
    export.delete()
