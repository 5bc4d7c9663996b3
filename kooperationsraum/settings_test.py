"""The test override: the same settings, with fast password hashing and no external mail."""

import os

os.environ.setdefault("DEBUG", "1")

from kooperationsraum.settings import *  # noqa: F403

# The production hasher costs half a second per check; tests check passwords hundreds of times.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = "django.contrib.staticfiles.storage.StaticFilesStorage"  # noqa: F405
CELERY_TASK_ALWAYS_EAGER = True  # real-worker tests start their own app configuration
# Under pytest-xdist every worker has its own test database (pytest-django), and here its own
# uploads and cache keys, so that parallel tests never see each other's files or rate counters.
XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
MEDIA_ROOT = VAR_DIR / "test-media" / XDIST_WORKER  # noqa: F405
CACHES["default"]["KEY_PREFIX"] = f"test-{XDIST_WORKER or 'serial'}"  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (whitenoise warns about a missing root)
# A fixed test key (production reads AUDIT_HMAC_KEY from the environment); tests that write
# checkpoints point AUDIT_CHECKPOINT_DIR at their own directory (tests/conftest.py).
AUDIT_HMAC_KEY = "test-audit-hmac-key-not-for-production-0123456789"
AUDIT_CHECKPOINT_DIR = VAR_DIR / "test-audit-checkpoints"  # noqa: F405
PRIVACY_EXPORT_DIR = VAR_DIR / "test-privacy-exports"  # noqa: F405
# Tests of the page cache turn it on themselves (tests/transfer/test_caching.py); elsewhere a test
# that changes a setting between two requests would be served the first page again.
PAGE_CACHE_SECONDS = 0
SESSION_PAGE_CACHE_SECONDS = 0
