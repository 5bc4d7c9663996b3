"""Reports in the workspace (produce, follow, download, publish) and the dashboards."""

from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views import View

from reports import permissions, services
from reports.builders import with_charts
from reports.figures import all_figures_csv
from reports.forms import ReportRequestForm
from reports.models import CONTENT_TYPES, RunState
from reports.selectors import dashboards, runs
from reports.summaries import summary_lines


class LoginRequired(AccessMixin, View):
    """Anonymous visitors go to the login before anything is looked at."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)


class ReportRunListView(LoginRequired):
    def get(self, request):
        if not permissions.may_list_reports(request.user):
            raise PermissionDenied
        may_produce = permissions.may_produce_reports(request.user)
        return render(
            request,
            "reports/run_list.html",
            {
                "runs": runs.report_run_list_for_user(user=request.user)[:100],
                "form": ReportRequestForm() if may_produce else None,
                "may_produce": may_produce,
            },
        )


class ReportRequestView(LoginRequired):
    def post(self, request):
        if not permissions.may_produce_reports(request.user):
            raise PermissionDenied
        form = ReportRequestForm(request.POST)
        if not form.is_valid():
            listing = runs.report_run_list_for_user(user=request.user)[:100]
            context = {"runs": listing, "form": form, "may_produce": True}
            return render(request, "reports/run_list.html", context, status=400)
        try:
            run, queued = services.report_request(period=form.cleaned_data["parsed"], actor=request.user)
        except services.AlreadyRunning as running:
            messages.info(request, _("Dieser Bericht wird gerade erstellt. Sie sehen hier seinen Fortschritt."))
            return redirect(running.run)
        if queued:
            messages.success(request, _("Der Bericht wird erstellt."))
        else:
            messages.info(request, _("Dieser Bericht liegt bereits vor."))
        return redirect(run)


class ReportRunDetailView(LoginRequired):
    def get(self, request, pk: int):
        run = runs.report_run_get_for_user(user=request.user, pk=pk)
        return render(
            request,
            "reports/run_detail.html",
            {
                "run": run,
                "files": run.files.all(),
                "lines": summary_lines(run) if run.state == RunState.DONE else [],
                "may_publish": permissions.may_publish_report(request.user, run) and not run.published_at,
            },
        )


class ReportRunStatusView(LoginRequired):
    """What the progress bar polls (static/reports/js/progress.js)."""

    def get(self, request, pk: int):
        run = runs.report_run_get_for_user(user=request.user, pk=pk)
        response = JsonResponse(
            {"state": run.state, "label": run.get_state_display(), "progress": run.progress, "done": not run.is_active}
        )
        patch_cache_control(response, no_store=True)
        return response


class ReportFileDownloadView(LoginRequired):
    def get(self, request, pk: int, file_format: str):
        run = runs.report_run_get_for_user(user=request.user, pk=pk)
        report_file = run.files.filter(format=file_format).first()
        if report_file is None:
            raise Http404
        return FileResponse(
            report_file.file.open("rb"),
            as_attachment=True,
            filename=report_file.filename,
            content_type=CONTENT_TYPES[report_file.format],
        )


class ReportPublishView(LoginRequired):
    def post(self, request, pk: int):
        run = runs.report_run_get_for_user(user=request.user, pk=pk)
        services.report_publish(run=run, actor=request.user)  # refuses (403) what it may not
        messages.success(request, _("Der Erfahrungsbericht ist veröffentlicht."))
        return redirect(run)


def figure_csv(figures, key: str | None, *, name: str) -> HttpResponse:
    """One figure's numbers as CSV (?figur=key), or all of them in long form without a key."""
    if key:
        figure = next((f for f in figures if f.key == key), None)
        if figure is None:
            raise Http404
        text, name = figure.csv_text(), figure.key
    else:
        text = all_figures_csv(figures)
    response = HttpResponse("\ufeff" + text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    return response


class OverviewView(LoginRequired):
    """/arbeitsbereich/uebersicht/: the portfolio at a glance."""

    template_name = "reports/overview.html"

    def get(self, request):
        if not permissions.may_see_overview(request.user):
            raise PermissionDenied
        data = dashboards.workspace_overview()
        return render(request, self.template_name, {**data, "charts": with_charts(data["figures"])})


class OverviewCsvView(LoginRequired):
    def get(self, request):
        if not permissions.may_see_overview(request.user):
            raise PermissionDenied
        return figure_csv(dashboards.workspace_overview()["figures"], request.GET.get("figur"), name="uebersicht")


class CioDashboardView(LoginRequired):
    """/arbeitsbereich/mein-land/: the projects the CIO's Land sponsors."""

    def get(self, request):
        lands = permissions.cio_lands(request.user)
        if not lands:
            raise PermissionDenied
        return render(request, "reports/cio.html", dashboards.cio_dashboard(lands=lands))


def public(response: HttpResponse) -> HttpResponse:
    """Public pages are the same for everyone: shared caches may keep them for five minutes."""
    patch_cache_control(response, public=True, max_age=300)
    return response


class StatisticsView(View):
    """/statistik/: public data only."""

    def get(self, request):
        data = dashboards.public_statistics()
        return public(render(request, "reports/statistics.html", {"charts": with_charts(data["figures"])}))


class StatisticsCsvView(View):
    def get(self, request):
        figures = dashboards.public_statistics()["figures"]
        return public(figure_csv(figures, request.GET.get("figur"), name="statistik"))


class AnnualReportListView(View):
    def get(self, request):
        return public(render(request, "reports/annual_list.html", {"reports": runs.published_annual_reports()}))


class AnnualReportView(View):
    def get(self, request, year: str):
        run = runs.published_annual_report(year=year)
        return public(
            render(request, "reports/annual_detail.html", {"run": run, "pdf": run.files.filter(format="pdf").first()})
        )


class AnnualReportPdfView(View):
    def get(self, request, year: str):
        run = runs.published_annual_report(year=year)
        report_file = run.files.filter(format="pdf").first()
        if report_file is None:
            raise Http404
        return public(
            FileResponse(report_file.file.open("rb"), filename=report_file.filename, content_type="application/pdf")
        )
