"""Security headers on every response: Permissions-Policy, and the CSP on debug 404 pages too."""

from dataclasses import asdict

from csp.constants import HEADER
from csp.middleware import CSPMiddleware
from csp.utils import build_policy
from django.conf import settings


def permissions_policy_header(policy: dict[str, list[str]]) -> str:
    """{"camera": [], "fullscreen": ["self"]} → 'camera=(), fullscreen=(self)'."""
    return ", ".join(f"{feature}=({' '.join(allow)})" for feature, allow in policy.items())


class PermissionsPolicyMiddleware:
    """Switches off browser features the portal never uses (settings.PERMISSIONS_POLICY).
    First in the middleware list, so that static files served by WhiteNoise carry it too."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy_header(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response


class PortalCSPMiddleware(CSPMiddleware):
    """django-csp sends no policy with Django's debug 404 and 500 pages. The debug 404 page gets
    it as well, so that development answers like production (its inline styles are then ignored);
    only the debug 500 page, which must show the traceback, stays without it."""

    def process_response(self, request, response):
        if settings.DEBUG and response.status_code == 404 and HEADER not in response:
            policy = build_policy(**asdict(self.get_policy_parts(request=request, response=response)))
            if policy and not getattr(response, "_csp_exempt", False):
                response[HEADER] = policy
        return super().process_response(request, response)
