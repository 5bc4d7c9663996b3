"""Import and export of the portfolio (CSV, Excel); mounted by projects/urls.py."""

from django.urls import path

from projects.views import exchange

urlpatterns: list = [
    path("projekte/export.csv", exchange.ProjectExportCsvView.as_view(), name="project-export-csv"),
    path("projekte/export.xlsx", exchange.ProjectExportXlsxView.as_view(), name="project-export-xlsx"),
    path("projekte/import/", exchange.ProjectImportView.as_view(), name="project-import"),
    path("projekte/import/vorschau/", exchange.ProjectImportPreviewView.as_view(), name="project-import-preview"),
    path("projekte/import/bestaetigen/", exchange.ProjectImportConfirmView.as_view(), name="project-import-confirm"),
]
