from django.urls import path

from governance import views
from governance.views import mfa

app_name = "governance"

urlpatterns = [
    # The second factor (governance/views/mfa.py); passkey endpoints in governance/urls_passkeys.py
    path("konto/mfa/", mfa.MfaManageView.as_view(), name="mfa-manage"),
    path("konto/mfa/pruefen/", mfa.MfaVerifyView.as_view(), name="mfa-verify"),
    path("konto/mfa/einrichten/", mfa.MfaSetupView.as_view(), name="mfa-setup"),
    path("konto/mfa/wiederherstellungscodes/", mfa.MfaRecoveryCodesView.as_view(), name="mfa-recovery-codes"),
    path(
        "konto/mfa/<str:method>/<int:pk>/entfernen/",
        mfa.MfaDeviceRemoveView.as_view(),
        name="mfa-device-remove",
    ),
    path(
        "vereinbarungen/<int:pk>/dokument/",
        views.AgreementDocumentView.as_view(),
        name="agreement-document",
    ),
    # The secretariat's workspace
    path("arbeitsbereich/protokoll/", views.AuditEventListView.as_view(), name="audit-list"),
    path(
        "arbeitsbereich/protokoll/export.csv",
        views.AuditEventExportView.as_view(),
        name="audit-export",
    ),
    path(
        "arbeitsbereich/protokoll/pruefpunkte/",
        views.AuditCheckpointListView.as_view(),
        name="audit-checkpoints",
    ),
    path(
        "arbeitsbereich/benachrichtigungen/fehlgeschlagen/",
        views.NotificationFailedListView.as_view(),
        name="notification-failed",
    ),
    path(
        "arbeitsbereich/benachrichtigungen/<int:pk>/erneut-senden/",
        views.NotificationRetryView.as_view(),
        name="notification-retry",
    ),
    # Everyone's own notifications
    path("benachrichtigungen/", views.NotificationListView.as_view(), name="notification-list"),
    path(
        "benachrichtigungen/alle-gelesen/",
        views.NotificationMarkAllReadView.as_view(),
        name="notification-mark-all-read",
    ),
    path(
        "benachrichtigungen/einstellungen/",
        views.NotificationPreferencesView.as_view(),
        name="notification-preferences",
    ),
    path(
        "benachrichtigungen/<int:pk>/",
        views.NotificationDetailView.as_view(),
        name="notification-detail",
    ),
]
