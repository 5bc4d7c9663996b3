"""Governance views, one module per sub-domain (like `governance.models`); import them from here."""

from governance.views.audit import AuditEventExportView, AuditEventListView  # noqa: F401
from governance.views.notifications import (  # noqa: F401
    NotificationDetailView,
    NotificationFailedListView,
    NotificationListView,
    NotificationMarkAllReadView,
    NotificationPreferencesView,
    NotificationRetryView,
)
from governance.views.partners import AgreementDocumentView  # noqa: F401
