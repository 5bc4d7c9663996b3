"""The secretariat's pages of the transfer platform; mounted by transfer/urls.py at the site root."""

from django.urls import path

from transfer.views import workspace as views

SOLUTIONS = "arbeitsbereich/loesungen/"
REUSE = "arbeitsbereich/nachnutzung/"

urlpatterns = [
    path(SOLUTIONS, views.SolutionListView.as_view(), name="workspace-solution-list"),
    path(f"{SOLUTIONS}neu/", views.SolutionCreateView.as_view(), name="workspace-solution-create"),
    path(
        f"{SOLUTIONS}aus-projekt/<slug:project_slug>/",
        views.SolutionFromProjectView.as_view(),
        name="workspace-solution-from-project",
    ),
    path(f"{SOLUTIONS}<int:pk>/", views.SolutionDetailView.as_view(), name="workspace-solution-detail"),
    path(f"{SOLUTIONS}<int:pk>/bearbeiten/", views.SolutionEditView.as_view(), name="workspace-solution-edit"),
    path(
        f"{SOLUTIONS}<int:pk>/veroeffentlichen/", views.SolutionPublishView.as_view(), name="workspace-solution-publish"
    ),
    path(
        f"{SOLUTIONS}<int:pk>/zurueckziehen/",
        views.SolutionUnpublishView.as_view(),
        name="workspace-solution-unpublish",
    ),
    path(f"{SOLUTIONS}<int:pk>/geprueft/", views.SolutionReviewView.as_view(), name="workspace-solution-review"),
    path(
        f"{SOLUTIONS}<int:pk>/nachnutzungen/neu/", views.AdoptionCreateView.as_view(), name="workspace-adoption-create"
    ),
    path(
        f"{SOLUTIONS}<int:pk>/nachnutzungen/<int:adoption_pk>/",
        views.AdoptionEditView.as_view(),
        name="workspace-adoption-edit",
    ),
    path(f"{REUSE}anfragen/", views.InquiryListView.as_view(), name="inquiry-list"),
    path(f"{REUSE}anfragen/<int:pk>/uebernehmen/", views.InquiryAdoptView.as_view(), name="inquiry-adopt"),
]
