from django.urls import path

from projects import views
from projects.urls_exchange import urlpatterns as exchange_urlpatterns
from projects.urls_sponsorships import urlpatterns as sponsorship_urlpatterns

app_name = "projects"

urlpatterns: list = [
    *exchange_urlpatterns,
    *sponsorship_urlpatterns,
    path("", views.ProjectListView.as_view(), name="project-list"),
    path("beitraege/offen/", views.ContributionPendingView.as_view(), name="contribution-pending"),
    # Before the project pattern: "neu" is a valid slug (and therefore reserved in ProjectForm).
    path("projekte/neu/", views.ProjectCreateView.as_view(), name="project-create"),
    path("projekte/<slug:slug>/", views.ProjectDetailView.as_view(), name="project-detail"),
    path("projekte/<slug:slug>/bearbeiten/", views.ProjectEditView.as_view(), name="project-edit"),
    path("projekte/<slug:slug>/phase/", views.ProjectPhaseView.as_view(), name="project-phase"),
    path("projekte/<slug:slug>/meilensteine/neu/", views.MilestoneCreateView.as_view(), name="milestone-create"),
    path(
        "projekte/<slug:slug>/meilensteine/<int:pk>/bearbeiten/",
        views.MilestoneEditView.as_view(),
        name="milestone-edit",
    ),
    path(
        "projekte/<slug:slug>/statusberichte/neu/", views.StatusReportCreateView.as_view(), name="status-report-create"
    ),
    path("projekte/<slug:slug>/evaluation/", views.EvaluationEditView.as_view(), name="evaluation-edit"),
    path("projekte/<slug:slug>/beitraege/neu/", views.ContributionCreateView.as_view(), name="contribution-create"),
    path(
        "projekte/<slug:slug>/beitraege/<int:pk>/bestaetigen/",
        views.ContributionConfirmView.as_view(),
        name="contribution-confirm",
    ),
    path("projekte/<slug:slug>/team/", views.TeamMemberAddView.as_view(), name="team-add"),
    path("projekte/<slug:slug>/team/<int:pk>/entfernen/", views.TeamMemberRemoveView.as_view(), name="team-remove"),
    path("projekte/<slug:slug>/partner/", views.ParticipationSetView.as_view(), name="participation-set"),
    path(
        "projekte/<slug:slug>/partner/<int:pk>/entfernen/",
        views.ParticipationRemoveView.as_view(),
        name="participation-remove",
    ),
    path("projekte/<slug:slug>/dokumente/neu/", views.DocumentCreateView.as_view(), name="document-create"),
    path("projekte/<slug:slug>/dokumente/<int:pk>/", views.DocumentDownloadView.as_view(), name="document-download"),
]
