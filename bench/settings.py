"""The benchmark's settings: production settings (DEBUG off, whitenoise, Redis cache) plus the
floor view's URL. Used only by `make bench`; never by the portal."""

from kooperationsraum.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
# The load generator speaks plain HTTP to 127.0.0.1 and says X-Forwarded-Proto: https, as the
# reverse proxy would; logging each request would only measure the terminal.
LOGGING["root"]["level"] = "WARNING"  # noqa: F405
