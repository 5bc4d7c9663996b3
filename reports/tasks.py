"""Celery tasks for reports: take ids or a kind, call a service. Idempotent (see services)."""

from celery import shared_task
from django.utils import timezone

from reports import services
from reports.models import RunState, Trigger
from reports.periods import due_period


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=3, default_retry_delay=60)
def produce_report(self, run_id: int) -> str:
    run = services.report_produce(run_id=run_id)
    return run.state


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=30)
def send_scheduled_report(self, kind: str) -> str:
    """Beat fires this daily (monthly) or on Mondays (weekly); it produces and sends what is due
    today, once: a second tick, a second worker or a retry finds the run done and sent."""
    period = due_period(kind, today=timezone.localdate())
    if period is None:
        return "not due"
    run, _created = services.report_run_get_or_create(period=period, trigger=Trigger.SCHEDULE)
    run = services.report_produce(run_id=run.pk)
    if run.state != RunState.DONE:
        # Another worker is producing it (or it failed): look again in a minute, then send.
        if not self.request.is_eager:
            raise self.retry(countdown=60)
        return run.state
    return f"sent to {services.report_send(run_id=run.pk)}"
