"""/mitmachen/: an administration asks to join a network or proposes a new focus area. The same
flow as the reuse request: form → rate limit → service; the e-mail link confirms by POST."""

from axes.helpers import get_client_ip_address
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from governance.forms_join import JoinRequestForm
from governance.models import SteeringRequest
from governance.selectors_steering import default_circle
from governance.services.steering import public_requests


@method_decorator(never_cache, name="dispatch")
class JoinRequestCreateView(View):
    template_name = "governance/register/join_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.circle = default_circle()
        if self.circle is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def render_form(self, form: JoinRequestForm, status: int = 200):
        return render(self.request, self.template_name, {"form": form}, status=status)

    def get(self, request):
        return self.render_form(JoinRequestForm())

    def post(self, request):
        form = JoinRequestForm(request.POST, instance=SteeringRequest(circle=self.circle))
        if not form.is_valid():
            return self.render_form(form)
        if public_requests.steering_request_rate_limited(address=get_client_ip_address(request) or "unknown"):
            response = render(request, "governance/register/join_rate_limited.html", status=429)
            response["Retry-After"] = "3600"
            return response
        if not form.is_bot:
            form.instance.consent = form.cleaned_data["consent"]
            try:
                public_requests.steering_request_submit(steering_request=form.instance)
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    for field, errors in error.error_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error(None, error)
                return self.render_form(form)
        return redirect("register:join-sent")


class JoinRequestSentView(TemplateView):
    template_name = "governance/register/join_sent.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(days=public_requests.CONFIRM_DAYS, **kwargs)


@method_decorator(never_cache, name="dispatch")
class JoinRequestConfirmView(View):
    """The link from the e-mail. GET only shows a button: mail scanners that follow links confirm nothing."""

    def get(self, request, token: str):
        return render(request, "governance/register/join_confirm.html", {"token": token})

    def post(self, request, token: str):
        try:
            steering_request = public_requests.steering_request_confirm(token=token)
        except ValidationError as error:
            return render(request, "governance/register/join_invalid.html", {"reasons": error.messages}, status=400)
        return render(request, "governance/register/join_confirmed.html", {"steering_request": steering_request})
