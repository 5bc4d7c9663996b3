"""Reading the environment (12-factor), with one-line errors for what production must have.

Settings call `fail()` instead of raising, so a misconfigured server prints one line naming the
variable rather than a traceback that operators have to read from the bottom.
"""

import sys
from urllib.parse import urlsplit

import environ

env = environ.Env()

DATABASE_SCHEMES = {"postgres", "postgresql", "pgsql", "sqlite"}
REDIS_SCHEMES = {"redis", "rediss"}
SECRET_KEY_MIN_LENGTH = 50


class ConfigError(Exception):
    """A setting in the environment is missing or malformed."""


def fail(error: ConfigError) -> None:
    sys.stderr.write(f"Konfigurationsfehler: {error}\n")
    raise SystemExit(2)


def _url(name: str, schemes: set[str], *, required: bool) -> str | None:
    value = env.str(name, default="").strip()
    if not value:
        if required:
            raise ConfigError(f"{name} ist nicht gesetzt.")
        return None
    parts = urlsplit(value)
    if parts.scheme not in schemes:
        allowed = ", ".join(sorted(schemes))
        raise ConfigError(f"{name} ist keine gültige URL (erlaubte Schemata: {allowed}).")
    if parts.scheme != "sqlite" and not parts.hostname:
        raise ConfigError(f"{name} nennt keinen Host.")
    return value


def database_url(*, required: bool) -> str | None:
    return _url("DATABASE_URL", DATABASE_SCHEMES, required=required)


def redis_url(*, required: bool) -> str | None:
    return _url("REDIS_URL", REDIS_SCHEMES, required=required)


def secret_key(*, required: bool) -> str:
    value = env.str("SECRET_KEY", default="")
    if not required:
        return value or "django-insecure-nur-fuer-die-lokale-entwicklung"
    if not value:
        raise ConfigError("SECRET_KEY ist nicht gesetzt.")
    if len(value) < SECRET_KEY_MIN_LENGTH or value.startswith("django-insecure"):
        raise ConfigError(f"SECRET_KEY ist zu schwach (mindestens {SECRET_KEY_MIN_LENGTH} zufällige Zeichen).")
    return value


def site_url(*, required: bool) -> str:
    """The portal's public address, used in e-mails, feeds, DCAT and the sitemap."""
    value = env.str("SITE_URL", default="").strip().rstrip("/")
    if not value:
        if required:
            raise ConfigError("SITE_URL ist nicht gesetzt.")
        return "http://127.0.0.1:8000"
    parts = urlsplit(value)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise ConfigError("SITE_URL ist keine gültige http(s)-Adresse.")
    return value


def allowed_hosts(*, required: bool) -> list[str]:
    hosts = env.list("ALLOWED_HOSTS", default=[])
    if required and not hosts:
        raise ConfigError("ALLOWED_HOSTS ist nicht gesetzt.")
    return hosts or ["127.0.0.1", "localhost", "[::1]"]


AUDIT_HMAC_KEY_MIN_LENGTH = 32


def audit_hmac_key(*, required: bool, secret_key: str) -> str:
    """The key of the audit chain's HMAC. Kept out of the database (and apart from SECRET_KEY in
    production), so someone who can write the table cannot re-chain it."""
    value = env.str("AUDIT_HMAC_KEY", default="")
    if not required:
        # Development: derived from the development SECRET_KEY, never stored in the database.
        return value or f"dev-audit-key-{secret_key}"
    if not value:
        raise ConfigError("AUDIT_HMAC_KEY ist nicht gesetzt.")
    if len(value) < AUDIT_HMAC_KEY_MIN_LENGTH or value == secret_key:
        raise ConfigError(
            f"AUDIT_HMAC_KEY ist zu schwach (mindestens {AUDIT_HMAC_KEY_MIN_LENGTH} zufällige Zeichen, "
            "nicht gleich SECRET_KEY)."
        )
    return value
