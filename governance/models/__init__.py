"""Governance models, one module per sub-domain; import them from here."""

from governance.models.audit import (  # noqa: F401,E402
    GENESIS_HASH,
    AuditEvent,
    AuditVerb,
    ChainVersion,
    audit_label,
    person_ref,
)
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
