"""Settings come from the environment; production refuses to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": "k" * 20 + "-production-secret-for-the-deploy-check-only-0123456789",
    "DATABASE_URL": "postgres://portal:secret@db.internal:5432/portal",
    "REDIS_URL": "redis://redis.internal:6379/0",
    "ALLOWED_HOSTS": "portal.example.org",
    "SITE_URL": "https://portal.example.org",
    "AUDIT_HMAC_KEY": "audit-chain-key-for-the-deploy-check-only-0123456789",
}


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    """Run manage.py in a clean environment, so neither the caller's nor CI's variables leak in."""
    base = {"PATH": os.environ["PATH"], "HOME": os.environ.get("HOME", "/tmp"), "VAR_DIR": "/tmp/kr-var"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_configuration_passes_the_deploy_check():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_debug_configuration_fails_the_deploy_check():
    """The check itself can fail: the same command with DEBUG on is refused."""
    result = manage("check", "--deploy", "--fail-level", "WARNING", env={**PRODUCTION_ENV, "DEBUG": "1"})
    assert result.returncode != 0
    assert "DEBUG" in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("SECRET_KEY", None, "SECRET_KEY ist nicht gesetzt."),
        ("SECRET_KEY", "kurz", "SECRET_KEY ist zu schwach"),
        ("DATABASE_URL", None, "DATABASE_URL ist nicht gesetzt."),
        ("DATABASE_URL", "mysql//kaputt", "DATABASE_URL ist keine gültige URL"),
        ("DATABASE_URL", "postgres:///ohne-host", "DATABASE_URL nennt keinen Host."),
        ("REDIS_URL", None, "REDIS_URL ist nicht gesetzt."),
        ("REDIS_URL", "http://redis.internal", "REDIS_URL ist keine gültige URL"),
        ("ALLOWED_HOSTS", None, "ALLOWED_HOSTS ist nicht gesetzt."),
        ("SITE_URL", None, "SITE_URL ist nicht gesetzt."),
        ("SITE_URL", "portal.example.org", "SITE_URL ist keine gültige http(s)-Adresse."),
        ("AUDIT_HMAC_KEY", None, "AUDIT_HMAC_KEY ist nicht gesetzt."),
        ("AUDIT_HMAC_KEY", "kurz", "AUDIT_HMAC_KEY ist zu schwach"),
    ],
)
def test_bad_production_variable_gives_one_line_naming_it(variable, value, message):
    env = dict(PRODUCTION_ENV)
    env.pop(variable)
    if value is not None:
        env[variable] = value
    result = manage("check", env=env)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Konfigurationsfehler:")
    assert message in lines[0]
    assert "Traceback" not in result.stderr


def test_development_needs_no_services():
    """DEBUG alone is enough: SQLite, eager Celery, e-mail into files."""
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_BACKEND)"
    )
    result = manage("shell", "--no-imports", "-c", code, env={"DEBUG": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "True",
        "django.core.mail.backends.filebased.EmailBackend",
    ]


def test_service_urls_switch_to_postgresql_and_redis():
    code = (
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['HOST'],"
        " s.CELERY_TASK_ALWAYS_EAGER, s.CELERY_BROKER_URL)"
    )
    result = manage("shell", "--no-imports", "-c", code, env=PRODUCTION_ENV | {"DEBUG": "1"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "db.internal",
        "False",
        "redis://redis.internal:6379/0",
    ]


def test_production_turns_on_transport_security():
    code = (
        "from django.conf import settings as s;"
        "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE,"
        " s.SECURE_HSTS_SECONDS >= 31536000, s.SECURE_PROXY_SSL_HEADER[0])"
    )
    result = manage("shell", "--no-imports", "-c", code, env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "True", "True", "True", "HTTP_X_FORWARDED_PROTO"]
