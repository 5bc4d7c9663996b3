"""Security headers: a Permissions-Policy on every response, and the CSP on debug 404 pages too."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/", "/loesungen/", "/gibt-es-nicht/", "/healthz/", "/konto/login/", "/admin/"])
def test_every_response_carries_a_permissions_policy(client, path):
    policy = client.get(path)["Permissions-Policy"]
    assert "camera=()" in policy and "microphone=()" in policy and "geolocation=()" in policy
    assert "publickey-credentials-get=(self)" in policy  # passkeys must keep working


def test_the_debug_404_page_carries_the_csp(client, settings):
    settings.DEBUG = True
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode() or "nicht gefunden" in response.content.decode()
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp
    assert "Permissions-Policy" in response


def test_the_production_404_page_carries_the_csp(client, settings):
    settings.DEBUG = False
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404 and "default-src 'self'" in response["Content-Security-Policy"]
