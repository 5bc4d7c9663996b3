"""Report runs: request, produce, send, publish. Each is idempotent.

One run per kind and period (a unique constraint). Producing claims the row under a row lock:
a second worker, a second beat tick or a Celery retry finds it running or done and does nothing.
Sending happens in the same transaction that stamps `sent_at`, so the notifications (with the
files attached by the outbox) are written once.
"""

import logging
from datetime import timedelta
from functools import partial

from celery import current_app
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from governance.models import NotificationKind, Role, RoleAssignment, User
from governance.services.notifications import in_both_languages, notification_create
from reports.builders import build_report
from reports.models import ReportFile, ReportKind, ReportRun, RunState, Trigger, report_upload_to
from reports.periods import Period
from reports.permissions import STEERING_ROLES, may_produce_reports, may_publish_report

logger = logging.getLogger(__name__)
# Enqueued by name (registered by ReportsConfig.ready): tasks import services, never back.
PRODUCE_REPORT_TASK = "reports.tasks.produce_report"


class AlreadyRunning(Exception):
    """The same report is being produced right now: no second run."""

    def __init__(self, run: ReportRun):
        super().__init__(str(run))
        self.run = run


def report_run_get_or_create(*, period: Period, trigger: str, requested_by=None) -> tuple[ReportRun, bool]:
    """The one run of this kind and period; created if there is none yet."""
    try:
        with transaction.atomic():
            run = ReportRun.objects.create(
                kind=period.kind, period=period.key, trigger=trigger, requested_by=requested_by
            )
        return run, True
    except IntegrityError:
        return ReportRun.objects.get(kind=period.kind, period=period.key), False


def report_request(*, period: Period, actor) -> tuple[ReportRun, bool]:
    """The secretariat asks for a report in the workspace: queued for the worker after commit.

    Returns (run, queued). A run already queued or running raises AlreadyRunning; a failed one
    is queued again; a finished one is returned as it is (queued False).
    """
    if not may_produce_reports(actor):
        raise PermissionDenied(_("Berichte erstellt die Geschäftsstelle."))
    with transaction.atomic():
        run, created = report_run_get_or_create(period=period, trigger=Trigger.WORKSPACE, requested_by=actor)
        run = ReportRun.objects.select_for_update().get(pk=run.pk)
        if not created:
            if run.is_active and not _abandoned(run):
                raise AlreadyRunning(run)
            if run.state == RunState.DONE:
                return run, False
            run.state, run.progress, run.error, run.requested_by = RunState.QUEUED, 0, "", actor
            run.save(update_fields=["state", "progress", "error", "requested_by"])
        transaction.on_commit(partial(_enqueue, run.pk))
    return run, True


def _enqueue(run_id: int) -> None:
    try:
        current_app.tasks[PRODUCE_REPORT_TASK].delay(run_id)
    except Exception:  # noqa: BLE001 - the broker away: the run stays queued, shown as waiting
        logger.warning("Report run %s not enqueued", run_id, exc_info=True)


def _abandoned(run: ReportRun) -> bool:
    """A running claim older than the lease belongs to a worker that died; a run queued that long
    was lost on the way to the broker. Either may be handed to a worker again: the claim in
    `report_claim` still lets only one of them build it."""
    cutoff = timezone.now() - timedelta(seconds=settings.REPORTS_CLAIM_LEASE)
    if run.state == RunState.RUNNING:
        return run.claimed_at is not None and run.claimed_at < cutoff
    return run.state == RunState.QUEUED and (run.claimed_at or run.created_at) < cutoff


def report_claim(*, run_id: int) -> ReportRun | None:
    """Take the run for producing, or None if it is done or another worker has it."""
    with transaction.atomic():
        run = ReportRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.state == RunState.DONE:
            return None
        if run.state == RunState.RUNNING and not _abandoned(run):
            return None
        run.state, run.claimed_at, run.progress, run.error = RunState.RUNNING, timezone.now(), 5, ""
        run.save(update_fields=["state", "claimed_at", "progress", "error"])
    return run


def _set_progress(run_id: int, value: int) -> None:
    ReportRun.objects.filter(pk=run_id, state=RunState.RUNNING).update(progress=value)


def report_produce(*, run_id: int) -> ReportRun:
    """Build the report's files and store them; a no-op if it is done or being built elsewhere."""
    from reports.periods import parse_period

    run = report_claim(run_id=run_id)
    if run is None:
        return ReportRun.objects.get(pk=run_id)
    period = parse_period(run.kind, run.period)
    try:
        built = build_report(period, progress=partial(_set_progress, run.pk))
    except Exception as error:
        ReportRun.objects.filter(pk=run.pk).update(
            state=RunState.FAILED, error=f"{type(error).__name__}: {error}"[:2000]
        )
        raise
    _set_progress(run.pk, 90)
    with transaction.atomic():
        run = ReportRun.objects.select_for_update().get(pk=run.pk)
        run.files.all().delete()
        for file_format, (name, content) in built.files.items():
            report_file = ReportFile(run=run, format=file_format, size=len(content))
            # The path belongs to this run alone (one per kind and period): a run produced again
            # after a failure replaces its file instead of getting a name with a random suffix.
            path = report_upload_to(report_file, name)
            if report_file.file.storage.exists(path):
                report_file.file.storage.delete(path)
            report_file.file.save(name, ContentFile(content), save=False)
            report_file.save()
        run.summary = {"title": built.title, **built.summary}
        run.body_html = built.body_html
        run.state, run.progress, run.finished_at = RunState.DONE, 100, timezone.now()
        run.save(update_fields=["summary", "body_html", "state", "progress", "finished_at"])
    return run


def recipients_for(kind: str):
    """Weekly brief → the secretariat; monthly pack → steering members and deputies; today."""
    roles = {Role.SECRETARIAT} if kind == ReportKind.WEEKLY else STEERING_ROLES
    if kind not in (ReportKind.WEEKLY, ReportKind.MONTHLY):
        return User.objects.none()
    people = RoleAssignment.objects.current().filter(role__in=roles).values("person")
    return User.objects.filter(pk__in=people, is_active=True).order_by("pk")


def report_send(*, run_id: int) -> int:
    """Announce a finished report to its recipients once; returns how many were written."""
    with transaction.atomic():
        run = ReportRun.objects.select_for_update().get(pk=run_id)
        if run.state != RunState.DONE:
            raise ValidationError(_("Der Bericht ist noch nicht fertig."))
        if run.sent_at is not None:
            return 0
        people = list(recipients_for(run.kind))
        run.recipients.add(*people)
        subject = in_both_languages(lambda: run.summary.get("title") or str(run))
        body = in_both_languages(lambda: _report_body(run))
        for person in people:
            notification_create(
                recipient=person,
                kind=NotificationKind.REPORT,
                subject=subject,
                body=body,
                link=run.get_absolute_url(),
                target=run,
            )
        run.sent_at = timezone.now()
        run.save(update_fields=["sent_at"])
    return len(people)


def _report_body(run: ReportRun) -> str:
    from reports.summaries import summary_lines

    lines = summary_lines(run)
    return "\n".join([_("Im Anhang finden Sie den Bericht als Datei. Die Kennzahlen:"), "", *lines])


@transaction.atomic
def report_publish(*, run: ReportRun, actor) -> ReportRun:
    """The secretariat publishes the reviewed annual report: page and PDF become public."""
    run = ReportRun.objects.select_for_update().get(pk=run.pk)
    if not may_publish_report(actor, run):
        raise PermissionDenied(
            _("Nur ein fertiger Erfahrungsbericht kann veröffentlicht werden, von der Geschäftsstelle.")
        )
    if run.published_at is None:
        run.published_at, run.published_by = timezone.now(), actor
        run.save(update_fields=["published_at", "published_by"])
    return run
