from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from governance.views import accounts as account_views
from kooperationsraum import views
from transfer.views.home import HomeView

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    # The public catalogue early: Django tries the patterns in order, and these are the pages most
    # visitors ask for. A path that another pattern would now answer fails tests/test_url_access.py.
    path("", include("transfer.urls")),
    path("impressum/", TemplateView.as_view(template_name="pages/imprint.html"), name="imprint"),
    path("datenschutz/", TemplateView.as_view(template_name="pages/privacy.html"), name="privacy"),
    path(
        "barrierefreiheit/",
        TemplateView.as_view(template_name="pages/accessibility.html"),
        name="accessibility",
    ),
    # Django's account views, with throttling, audit events and ended sessions (governance/views/accounts.py);
    # the rest of django.contrib.auth.urls (reset request, done pages) below as they are.
    path("konto/login/", account_views.PortalLoginView.as_view(), name="login"),
    path("konto/logout/", account_views.PortalLogoutView.as_view(), name="logout"),
    path("konto/password_change/", account_views.PortalPasswordChangeView.as_view(), name="password_change"),
    path(
        "konto/reset/<uidb64>/<token>/",
        account_views.PortalPasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("konto/mfa/passkey/", include("governance.urls_passkeys")),
    path("", include("privacy.urls")),
    path("konto/", include("django.contrib.auth.urls")),
    path("sprache/", views.set_language, name="set_language"),
    path("healthz/", views.health, name="health"),
    path("", include("governance.urls")),
    path("", include("governance.urls_register")),
    path("oparl/v1.1/", include("governance.oparl.urls")),
    path("", include("reports.urls")),
    path("arbeitsbereich/", include("projects.urls")),
    path("api/v1/", include("transfer.api.urls", namespace="api")),
    path("admin/", admin.site.urls),
]
