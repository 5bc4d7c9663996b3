"""The second factor: verify after the password, set one up, recovery codes, manage factors."""

import json
from base64 import b32encode

import segno
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from django_otp_webauthn.views import CompleteCredentialAuthenticationView, CompleteCredentialRegistrationView

from governance.forms import MfaCodeForm, MfaSetupForm
from governance.permissions import requires_mfa
from governance.services import mfa


def safe_next(request, default: str = "") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default or reverse("home")


class NextMixin:
    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, next=safe_next(self.request))


class MfaVerifyView(LoginRequiredMixin, NextMixin, FormView):
    """After the password: the code from the app, a passkey, or a recovery code."""

    template_name = "registration/mfa_verify.html"
    form_class = MfaCodeForm

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if request.user.is_verified():
                return redirect(safe_next(request))
            if not mfa.mfa_is_enrolled(request.user) and not mfa.recovery_codes_left(request.user):
                return redirect(f"{reverse('governance:mfa-setup')}?{request.GET.urlencode()}")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        has_passkey = WebAuthnCredential.objects.devices_for_user(self.request.user, confirmed=True).exists()
        return super().get_context_data(**kwargs, has_passkey=has_passkey)

    def form_valid(self, form):
        device = mfa.mfa_verify(request=self.request, token=form.cleaned_data["code"])
        if device is None:
            form.add_error("code", _("Der Code stimmt nicht oder ist abgelaufen. Bitte versuchen Sie es erneut."))
            return self.form_invalid(form)
        if mfa.method_of(device) == "recovery_code":
            messages.warning(
                self.request,
                _("Sie haben einen Wiederherstellungscode verwendet; es bleiben %(count)d.")
                % {"count": mfa.recovery_codes_left(self.request.user)},
            )
        return redirect(safe_next(self.request))


class MfaSetupView(LoginRequiredMixin, NextMixin, FormView):
    """Set up an authenticator app (or a passkey): required before a privileged person goes on."""

    template_name = "registration/mfa_setup.html"
    form_class = MfaSetupForm

    def dispatch(self, request, *args, **kwargs):
        user = request.user
        # Adding a factor needs the existing one first, or the password alone could replace it.
        if user.is_authenticated and not user.is_verified() and mfa.mfa_is_enrolled(user):
            return redirect(f"{reverse('governance:mfa-verify')}?{request.GET.urlencode()}")
        return super().dispatch(request, *args, **kwargs)

    def device(self) -> TOTPDevice:
        pending = TOTPDevice.objects.filter(user=self.request.user, confirmed=False).last()
        return pending or mfa.mfa_totp_begin(person=self.request.user)

    def get_context_data(self, **kwargs):
        device = self.device()
        return super().get_context_data(
            **kwargs,
            qr_code=segno.make(device.config_url, error="m").svg_data_uri(scale=4),
            secret=b32encode(device.bin_key).decode(),
            required=requires_mfa(self.request.user),
        )

    def form_valid(self, form):
        if not mfa.mfa_totp_confirm(request=self.request, person=self.request.user, token=form.cleaned_data["code"]):
            form.add_error(
                "code", _("Der Code stimmt nicht. Prüfen Sie die Uhrzeit Ihres Geräts und versuchen Sie es erneut.")
            )
            return self.form_invalid(form)
        messages.success(self.request, _("Die Authenticator-App ist eingerichtet."))
        query = urlencode({"next": safe_next(self.request)})
        return redirect(f"{reverse('governance:mfa-recovery-codes')}?{query}")


class MfaRecoveryCodesView(LoginRequiredMixin, NextMixin, TemplateView):
    """New recovery codes are shown once; afterwards only how many are left."""

    template_name = "registration/mfa_recovery_codes.html"

    def get_context_data(self, **kwargs):
        codes = self.request.session.pop(mfa.NEW_RECOVERY_CODES_SESSION_KEY, None)
        return super().get_context_data(**kwargs, codes=codes, left=mfa.recovery_codes_left(self.request.user))

    def post(self, request, *args, **kwargs):
        if not (request.user.is_verified() and mfa.mfa_is_enrolled(request.user)):
            raise Http404
        mfa.mfa_recovery_codes_renew(request=request, person=request.user)
        return redirect("governance:mfa-recovery-codes")


class MfaManageView(LoginRequiredMixin, TemplateView):
    template_name = "registration/mfa_manage.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            **kwargs,
            devices=[(mfa.method_of(device), device) for device in mfa.mfa_primary_devices(user)],
            codes_left=mfa.recovery_codes_left(user),
            required=requires_mfa(user),
        )


class MfaDeviceRemoveView(LoginRequiredMixin, View):
    MODELS = {"totp": TOTPDevice, "passkey": WebAuthnCredential}

    def post(self, request, method: str, pk: int):
        model = self.MODELS.get(method)
        device = model and model.objects.filter(user=request.user, pk=pk, confirmed=True).first()
        if device is None or not request.user.is_verified():
            raise Http404
        mfa.mfa_device_remove(request=request, person=request.user, device=device)
        messages.success(request, _("Der zweite Faktor ist entfernt."))
        return redirect("governance:mfa-manage")


class PasskeyRegistrationCompleteView(CompleteCredentialRegistrationView):
    def post(self, *args, **kwargs):
        response = super().post(*args, **kwargs)
        device = WebAuthnCredential.objects.get(pk=json.loads(response.content)["id"], user=self.request.user)
        mfa.mfa_passkey_registered(request=self.request, person=self.request.user, device=device)
        return response


class PasskeyAuthenticationCompleteView(CompleteCredentialAuthenticationView):
    def complete_auth(self, device):
        super().complete_auth(device)
        mfa.mfa_passkey_or_code_verified(request=self.request, device=device)
