"""The public catalogue and reuse requests; mounted by transfer/urls.py at the site root."""

from django.urls import path

from transfer.views import catalogue as views

urlpatterns = [
    path("loesungen/", views.SolutionListView.as_view(), name="solution-list"),
    # Before the <slug> routes: "nachnutzung" must not be read as a solution's slug.
    path("loesungen/nachnutzung/bestaetigen/<str:token>/", views.InquiryConfirmView.as_view(), name="inquiry-confirm"),
    path("loesungen/<slug:slug>/", views.SolutionDetailView.as_view(), name="solution-detail"),
    path("loesungen/<slug:slug>/nachnutzung/", views.InquiryCreateView.as_view(), name="inquiry-create"),
    path("loesungen/<slug:slug>/dokumente/<int:pk>/", views.SolutionDocumentView.as_view(), name="solution-document"),
    path("loesungen/<slug:slug>/nachnutzung/gesendet/", views.InquirySentView.as_view(), name="inquiry-sent"),
]
