"""Project models, one module per sub-domain; import them from here."""

from projects.models.evaluation import (  # noqa: F401,E402
    EVALUATED_PHASES,
    EvaluationIndicator,
    EvaluationResult,
    ProjectEvaluation,
)
from projects.models.project import (  # noqa: F401
    CLOSED_PHASES,
    PHASE_ORDER,
    PHASE_TRANSITIONS,
    LinkKind,
    Participation,
    ParticipationRole,
    Phase,
    Project,
    ProjectDocument,
    ProjectGroupObjectPermission,
    ProjectLink,
    ProjectUserObjectPermission,
    TeamMember,
    TeamRole,
    document_upload_to,
)
from projects.models.sponsorship import (  # noqa: F401
    OPEN_STATES,
    SPONSORSHIP_TRANSITIONS,
    EndReason,
    RoundOutcome,
    Sponsorship,
    SponsorshipAttachment,
    SponsorshipGroupObjectPermission,
    SponsorshipRound,
    SponsorshipScope,
    SponsorshipState,
    SponsorshipUserObjectPermission,
    attachment_upload_to,
)
from projects.models.work import (  # noqa: F401
    Contribution,
    ContributionKind,
    ContributionState,
    Milestone,
    StatusReport,
    TrafficLight,
)
