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

# The steering circle's workspace (secretariat and members)
STEERING = "arbeitsbereich/lenkungskreis/"
urlpatterns += [
    path(STEERING, views.SteeringHomeView.as_view(), name="steering-home"),
    path(f"{STEERING}sitze/", views.SeatListView.as_view(), name="steering-seat-list"),
    path(f"{STEERING}sitze/neu/", views.SeatCreateView.as_view(), name="steering-seat-create"),
    path(f"{STEERING}geschaeftsordnung/", views.RulesView.as_view(), name="steering-rules"),
    path(f"{STEERING}stimmuebertragung/", views.DelegationView.as_view(), name="steering-delegation"),
    path(f"{STEERING}sitzungen/", views.MeetingListView.as_view(), name="steering-meeting-list"),
    path(f"{STEERING}sitzungen/neu/", views.MeetingCreateView.as_view(), name="steering-meeting-create"),
    path(f"{STEERING}sitzungen/<int:pk>/", views.MeetingDetailView.as_view(), name="steering-meeting-detail"),
    path(
        f"{STEERING}sitzungen/<int:pk>/bearbeiten/", views.MeetingUpdateView.as_view(), name="steering-meeting-update"
    ),
    path(f"{STEERING}sitzungen/<int:pk>/einladen/", views.MeetingInviteView.as_view(), name="steering-meeting-invite"),
    path(f"{STEERING}sitzungen/<int:pk>/absagen/", views.MeetingCancelView.as_view(), name="steering-meeting-cancel"),
    path(
        f"{STEERING}sitzungen/<int:pk>/rueckmeldung/",
        views.MeetingRespondView.as_view(),
        name="steering-meeting-respond",
    ),
    path(f"{STEERING}sitzungen/<int:pk>/anwesenheit/", views.AttendanceView.as_view(), name="steering-attendance"),
    path(
        f"{STEERING}sitzungen/<int:pk>/tagesordnung/neu/",
        views.AgendaItemFormView.as_view(),
        name="steering-item-create",
    ),
    path(
        f"{STEERING}sitzungen/<int:pk>/tagesordnung/<int:item>/",
        views.AgendaItemFormView.as_view(),
        name="steering-item-update",
    ),
    path(
        f"{STEERING}sitzungen/<int:pk>/tagesordnung/<int:item>/loeschen/",
        views.AgendaItemDeleteView.as_view(),
        name="steering-item-delete",
    ),
    path(
        f"{STEERING}sitzungen/<int:pk>/tagesordnung/<int:item>/unterlage/",
        views.AgendaDocumentView.as_view(),
        name="steering-item-document",
    ),
    path(
        f"{STEERING}sitzungen/<int:pk>/tagesordnung/<int:item>/beschluss/",
        views.ResolutionRecordView.as_view(),
        name="steering-resolution-record",
    ),
    path(f"{STEERING}sitzungen/<int:pk>/protokoll/", views.MinutesEditView.as_view(), name="steering-minutes-edit"),
    path(
        f"{STEERING}sitzungen/<int:pk>/protokoll/versenden/",
        views.MinutesCirculateView.as_view(),
        name="steering-minutes-circulate",
    ),
    path(
        f"{STEERING}sitzungen/<int:pk>/protokoll/genehmigen/",
        views.MinutesApproveView.as_view(),
        name="steering-minutes-approve",
    ),
    path(f"{STEERING}beschluesse/", views.ResolutionListView.as_view(), name="steering-resolution-list"),
    path(f"{STEERING}beschluesse/<int:pk>/", views.ResolutionDetailView.as_view(), name="steering-resolution-detail"),
    path(f"{STEERING}umlaufverfahren/", views.BallotListView.as_view(), name="steering-ballot-list"),
    path(f"{STEERING}umlaufverfahren/neu/", views.BallotCreateView.as_view(), name="steering-ballot-create"),
    path(f"{STEERING}umlaufverfahren/<int:pk>/", views.BallotDetailView.as_view(), name="steering-ballot-detail"),
    path(
        f"{STEERING}umlaufverfahren/<int:pk>/unterlage/",
        views.BallotDocumentView.as_view(),
        name="steering-ballot-document",
    ),
    path(f"{STEERING}antraege/", views.RequestListView.as_view(), name="steering-request-list"),
    path(f"{STEERING}antraege/neu/", views.RequestCreateView.as_view(), name="steering-request-create"),
    path(
        f"{STEERING}antraege/<int:pk>/partner/",
        views.RequestAssignPartnerView.as_view(),
        name="steering-request-assign-partner",
    ),
    path(
        f"{STEERING}antraege/<int:pk>/zurueckziehen/",
        views.RequestWithdrawView.as_view(),
        name="steering-request-withdraw",
    ),
    path(f"{STEERING}unterlagen/<int:pk>/", views.DocumentDownloadView.as_view(), name="steering-document"),
]
