"""CIO sponsorships in the workspace; mounted by projects/urls.py."""

from django.urls import path

from projects.views import sponsorships as views

urlpatterns = [
    path("patenschaften/", views.SponsorshipListView.as_view(), name="sponsorship-list"),
    path("patenschaften/<int:pk>/", views.SponsorshipDetailView.as_view(), name="sponsorship-detail"),
    path("patenschaften/<int:pk>/entscheiden/", views.SponsorshipDecideView.as_view(), name="sponsorship-decide"),
    path("patenschaften/<int:pk>/zurueckziehen/", views.SponsorshipWithdrawView.as_view(), name="sponsorship-withdraw"),
    path("patenschaften/<int:pk>/ueberarbeiten/", views.SponsorshipResubmitView.as_view(), name="sponsorship-resubmit"),
    path("patenschaften/<int:pk>/beenden/", views.SponsorshipEndView.as_view(), name="sponsorship-end"),
    path("patenschaften/<int:pk>/delegieren/", views.SponsorshipDelegateView.as_view(), name="sponsorship-delegate"),
    path(
        "patenschaften/<int:pk>/delegieren/entziehen/",
        views.SponsorshipRevokeDelegationView.as_view(),
        name="sponsorship-revoke-delegation",
    ),
    path(
        "patenschaften/<int:pk>/anlagen/<int:attachment_pk>/",
        views.SponsorshipAttachmentView.as_view(),
        name="sponsorship-attachment",
    ),
    path("projekte/<slug:slug>/patenschaft/neu/", views.SponsorshipCreateView.as_view(), name="sponsorship-create"),
]
