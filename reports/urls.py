from django.urls import path

from reports import views, views_minutes

app_name = "reports"

urlpatterns = [
    path("arbeitsbereich/berichte/", views.ReportRunListView.as_view(), name="run-list"),
    path("arbeitsbereich/berichte/erstellen/", views.ReportRequestView.as_view(), name="run-request"),
    path("arbeitsbereich/berichte/<int:pk>/", views.ReportRunDetailView.as_view(), name="run-detail"),
    path("arbeitsbereich/berichte/<int:pk>/stand/", views.ReportRunStatusView.as_view(), name="run-status"),
    path(
        "arbeitsbereich/berichte/<int:pk>/dateien/<str:file_format>/",
        views.ReportFileDownloadView.as_view(),
        name="run-file",
    ),
    path("arbeitsbereich/berichte/<int:pk>/veroeffentlichen/", views.ReportPublishView.as_view(), name="run-publish"),
    path(
        "arbeitsbereich/lenkungskreis/sitzungen/<int:pk>/protokoll.pdf",
        views_minutes.MinutesPdfView.as_view(),
        name="minutes-pdf",
    ),
    path("arbeitsbereich/uebersicht/", views.OverviewView.as_view(), name="overview"),
    path("arbeitsbereich/uebersicht/daten.csv", views.OverviewCsvView.as_view(), name="overview-csv"),
    path("arbeitsbereich/mein-land/", views.CioDashboardView.as_view(), name="cio"),
    path("statistik/", views.StatisticsView.as_view(), name="statistics"),
    path("statistik/daten.csv", views.StatisticsCsvView.as_view(), name="statistics-csv"),
    path("erfahrungsbericht/", views.AnnualReportListView.as_view(), name="annual-list"),
    path("erfahrungsbericht/<str:year>/", views.AnnualReportView.as_view(), name="annual-detail"),
    path("erfahrungsbericht/<str:year>/bericht.pdf", views.AnnualReportPdfView.as_view(), name="annual-pdf"),
]
