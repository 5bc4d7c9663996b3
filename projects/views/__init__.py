"""Workspace views, one module per sub-domain (like `projects.models`); import them from here."""

from projects.views.contributions import (  # noqa: F401
    ContributionConfirmView,
    ContributionCreateView,
    ContributionPendingView,
)
from projects.views.evaluation import EvaluationEditView  # noqa: F401
from projects.views.progress import MilestoneCreateView, MilestoneEditView, StatusReportCreateView  # noqa: F401
from projects.views.team import (  # noqa: F401
    DocumentCreateView,
    DocumentDownloadView,
    ParticipationRemoveView,
    ParticipationSetView,
    TeamMemberAddView,
    TeamMemberRemoveView,
)
from projects.views.workspace import (  # noqa: F401
    ProjectCreateView,
    ProjectDetailView,
    ProjectEditView,
    ProjectListView,
    ProjectPhaseView,
)
