from django.contrib import admin
from django.contrib.auth.views import LoginView
from django.urls import include, path
from django.views.generic import TemplateView
from django.views.i18n import set_language

from governance.forms import LoginForm
from kooperationsraum import views
from transfer.views.home import HomeView

urlpatterns = [
    path("", HomeView.as_view(), name="home"),
    path("impressum/", TemplateView.as_view(template_name="pages/imprint.html"), name="imprint"),
    path("datenschutz/", TemplateView.as_view(template_name="pages/privacy.html"), name="privacy"),
    path(
        "barrierefreiheit/",
        TemplateView.as_view(template_name="pages/accessibility.html"),
        name="accessibility",
    ),
    path("konto/login/", LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("konto/", include("django.contrib.auth.urls")),
    path("sprache/", set_language, name="set_language"),
    path("healthz/", views.health, name="health"),
    path("", include("governance.urls")),
    path("arbeitsbereich/", include("projects.urls")),
    path("api/v1/", include("transfer.api.urls", namespace="api")),
    path("", include("transfer.urls")),
    path("admin/", admin.site.urls),
]
