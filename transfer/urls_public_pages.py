"""Public pages of projects and partners; mounted by transfer/urls.py at the site root."""

from django.urls import path

from transfer.views import public as views

urlpatterns = [
    path("projekte/", views.ProjectListView.as_view(), name="project-list"),
    path("projekte/<slug:slug>/", views.ProjectDetailView.as_view(), name="project-detail"),
    path("projekte/<slug:slug>/dokumente/<int:pk>/", views.ProjectDocumentView.as_view(), name="project-document"),
    path("partner/", views.PartnerListView.as_view(), name="partner-list"),
    path("partner/<slug:slug>/", views.PartnerDetailView.as_view(), name="partner-detail"),
]
