"""django-otp-webauthn's endpoints, with the two completing views that also write audit events."""

from django.urls import path
from django.views.i18n import JavaScriptCatalog
from django_otp_webauthn.views import BeginCredentialAuthenticationView, BeginCredentialRegistrationView

from governance.views.mfa import PasskeyAuthenticationCompleteView, PasskeyRegistrationCompleteView

app_name = "otp_webauthn"  # the library's templates and scripts reverse these names

urlpatterns = [
    path("registration/begin/", BeginCredentialRegistrationView.as_view(), name="credential-registration-begin"),
    path("registration/complete/", PasskeyRegistrationCompleteView.as_view(), name="credential-registration-complete"),
    path("authentication/begin/", BeginCredentialAuthenticationView.as_view(), name="credential-authentication-begin"),
    path(
        "authentication/complete/",
        PasskeyAuthenticationCompleteView.as_view(),
        name="credential-authentication-complete",
    ),
    path("jsi18n/", JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]), name="js-i18n-catalog"),
]
