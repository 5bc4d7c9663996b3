"""Governance views, one module per sub-domain (like `governance.models`); import them from here."""

from governance.views.audit import AuditCheckpointListView, AuditEventExportView, AuditEventListView  # noqa: F401
from governance.views.notifications import (  # noqa: F401
    NotificationDetailView,
    NotificationFailedListView,
    NotificationListView,
    NotificationMarkAllReadView,
    NotificationPreferencesView,
    NotificationRetryView,
)
from governance.views.partners import AgreementDocumentView  # noqa: F401
from governance.views.steering import (  # noqa: F401
    DelegationView,
    DocumentDownloadView,
    RequestCreateView,
    RequestListView,
    ResolutionDetailView,
    ResolutionListView,
    RulesView,
    SeatCreateView,
    SeatListView,
    SteeringHomeView,
)
from governance.views.steering_ballots import (  # noqa: F401
    BallotCreateView,
    BallotDetailView,
    BallotDocumentView,
    BallotListView,
)
from governance.views.steering_meetings import (  # noqa: F401
    AgendaDocumentView,
    AgendaItemFormView,
    AttendanceView,
    MeetingCancelView,
    MeetingCreateView,
    MeetingDetailView,
    MeetingInviteView,
    MeetingListView,
    MeetingRespondView,
    MeetingUpdateView,
    MinutesApproveView,
    MinutesCirculateView,
    MinutesEditView,
    ResolutionRecordView,
)
from governance.views.steering_removals import (  # noqa: F401
    AgendaItemDeleteView,
    RequestAssignPartnerView,
    RequestWithdrawView,
)
