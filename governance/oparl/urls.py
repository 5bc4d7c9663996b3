"""/oparl/v1.1/: the steering circle's public part as OParl 1.1 (read-only)."""

from django.urls import path

from governance.oparl import views

app_name = "oparl"

urlpatterns = [
    path("", views.SystemView.as_view(), name="system"),
    path("body/", views.BodyListView.as_view(), name="body-list"),
    path("body/<int:pk>/", views.BodyView.as_view(), name="body-detail"),
    path("body/<int:pk>/organization/", views.BodyOrganizationListView.as_view(), name="body-organization"),
    path("body/<int:pk>/person/", views.BodyPersonListView.as_view(), name="body-person"),
    path("body/<int:pk>/meeting/", views.BodyMeetingListView.as_view(), name="body-meeting"),
    path("body/<int:pk>/paper/", views.BodyPaperListView.as_view(), name="body-paper"),
    path("body/<int:pk>/agendaItem/", views.BodyAgendaItemListView.as_view(), name="body-agendaitem"),
    path("body/<int:pk>/consultation/", views.BodyConsultationListView.as_view(), name="body-consultation"),
    path("body/<int:pk>/file/", views.BodyFileListView.as_view(), name="body-file"),
    path("organization/<int:pk>/", views.OrganizationView.as_view(), name="organization-detail"),
    path("meeting/<int:pk>/", views.MeetingView.as_view(), name="meeting-detail"),
    path("location/<int:pk>/", views.LocationView.as_view(), name="location-detail"),
    path("agendaItem/<int:pk>/", views.AgendaItemView.as_view(), name="agendaitem-detail"),
    path("paper/<int:pk>/", views.PaperView.as_view(), name="paper-detail"),
    path("consultation/<int:pk>/", views.ConsultationView.as_view(), name="consultation-detail"),
    path("file/<int:pk>/", views.FileView.as_view(), name="file-detail"),
]
