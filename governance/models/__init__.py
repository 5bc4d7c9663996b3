"""Governance models, one module per sub-domain; import them from here."""

from governance.models.audit import GENESIS_HASH, AuditEvent, AuditVerb  # noqa: F401
from governance.models.notifications import (  # noqa: F401
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
