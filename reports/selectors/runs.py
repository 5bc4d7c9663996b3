"""Stored report runs: who sees which (fetch and authorise in one call)."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from governance.permissions import is_secretariat
from reports.models import ReportFile, ReportKind, ReportRun, RunState
from reports.permissions import is_steering, may_see_report


def report_run_list_for_user(*, user) -> QuerySet[ReportRun]:
    runs = ReportRun.objects.prefetch_related(Prefetch("files", ReportFile.objects.order_by("format")))
    if is_secretariat(user):
        return runs.order_by("-created_at", "-pk")
    if is_steering(user):
        return runs.filter(kind=ReportKind.MONTHLY, recipients=user).order_by("-created_at", "-pk")
    return runs.none()


def report_run_get_for_user(*, user, pk: int) -> ReportRun:
    """The run, if this person may see it; 404 otherwise (another person's report is confidential)."""
    run = ReportRun.objects.filter(pk=pk).first()
    if run is None or not may_see_report(user, run):
        raise Http404
    return run


def published_annual_reports() -> QuerySet[ReportRun]:
    return ReportRun.objects.filter(kind=ReportKind.ANNUAL, state=RunState.DONE, published_at__isnull=False).order_by(
        "-period"
    )


def published_annual_report(*, year: str) -> ReportRun:
    run = published_annual_reports().filter(period=year).first()
    if run is None:
        raise Http404
    return run
