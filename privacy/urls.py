from django.urls import path

from privacy import views

app_name = "privacy"

urlpatterns = [
    path("konto/meine-daten/", views.DataExportListView.as_view(), name="data-exports"),
    path(
        "konto/meine-daten/<int:pk>/herunterladen/", views.DataExportDownloadView.as_view(), name="data-export-download"
    ),
    path("arbeitsbereich/personen/<int:pk>/loeschen/", views.PersonEraseView.as_view(), name="person-erase"),
]
