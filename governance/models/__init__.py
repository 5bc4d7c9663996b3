"""Governance models, one module per sub-domain; import them from here."""

from governance.models.audit import (  # noqa: F401,E402
    GENESIS_HASH,
    AuditEvent,
    AuditVerb,
    ChainVersion,
    audit_label,
    person_ref,
)
from governance.models.calendar_feed import CalendarFeed, token_digest  # noqa: F401,E402
from governance.models.grants import FOUR_EYES_ROLES, RoleGrant, RoleGrantState  # noqa: F401,E402
from governance.models.notifications import (  # noqa: F401,E402
    Delivery,
    Notification,
    NotificationKind,
    NotificationPreference,
    NotificationState,
)
from governance.models.partners import (  # noqa: F401
    LAND_ONLY_ROLES,
    LOCAL_KINDS,
    Agreement,
    AgreementKind,
    FocusArea,
    Network,
    NetworkMembership,
    Partner,
    PartnerKind,
    Role,
    RoleAssignment,
    State,
    User,
    UserManager,
    active_on,
    agreement_upload_to,
    end_not_before_start,
    periods_overlap,
)
from governance.models.steering import (  # noqa: F401,E402
    AgendaItem,
    AgendaItemKind,
    Attendance,
    Capacity,
    Majority,
    MajorityBase,
    Meeting,
    MeetingResponse,
    MeetingState,
    Minutes,
    MinutesState,
    ResponseChoice,
    RulesOfProcedure,
    Silence,
    SteeringCircle,
    SteeringSeat,
)
from governance.models.steering_decisions import (  # noqa: F401,E402
    NUMBERED_RESULTS,
    Ballot,
    BallotOutcome,
    BallotState,
    BallotVote,
    Resolution,
    ResolutionCounter,
    ResolutionResult,
    ResolutionVote,
    SteeringDocument,
    Visibility,
    VoteChoice,
    VoteDelegation,
)
from governance.models.steering_requests import RequestKind, RequestState, SteeringRequest  # noqa: F401,E402
