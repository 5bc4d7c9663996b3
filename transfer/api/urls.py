"""/api/v1/: the read-only open-data API and its OpenAPI description (namespace `api`)."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from transfer.api import views
from transfer.api.common import in_german

app_name = "api"

urlpatterns = [
    path("solutions/", views.SolutionListView.as_view(), name="solution-list"),
    path("solutions/<slug:slug>/", views.SolutionDetailView.as_view(), name="solution-detail"),
    path("projects/", views.ProjectListView.as_view(), name="project-list"),
    path("partners/", views.PartnerListView.as_view(), name="partner-list"),
    path("schema/", in_german(SpectacularAPIView.as_view()), name="schema"),
]
