"""Celery tasks of the privacy app: take ids, call a service."""

from celery import shared_task

from privacy.services import exports, retention


@shared_task(acks_late=True, reject_on_worker_lost=True)
def build_data_export(export_id: int) -> str:
    export = exports.data_export_build(export_id=export_id)
    return export.state if export else "skipped"


@shared_task
def enforce_retention() -> dict:
    """Nightly (beat): delete or strip what has outlived its retention period."""
    return retention.retention_enforce()
