"""One settings module for every environment, driven by environment variables (12-factor).

Production is whatever runs with DEBUG off: it must be given DATABASE_URL, REDIS_URL, SECRET_KEY
and ALLOWED_HOSTS, and it turns on every protection `manage.py check --deploy` asks for.
Without DATABASE_URL and REDIS_URL (DEBUG only) the portal runs on SQLite with Celery eager.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from kooperationsraum import env as config

BASE_DIR = Path(__file__).resolve().parent.parent
# A local .env (made by `make` from .env.example) sets DEBUG for development; it never overrides
# variables that are already set, and production images do not contain it.
config.env.read_env(BASE_DIR / ".env")
VAR_DIR = Path(config.env.str("VAR_DIR", default=str(BASE_DIR / "var")))

DEBUG = config.env.bool("DEBUG", default=False)
PRODUCTION = not DEBUG

try:
    SECRET_KEY = config.secret_key(required=PRODUCTION)
    DATABASE_URL = config.database_url(required=PRODUCTION)
    REDIS_URL = config.redis_url(required=PRODUCTION)
    ALLOWED_HOSTS = config.allowed_hosts(required=PRODUCTION)
    SITE_URL = config.site_url(required=PRODUCTION)
    AUDIT_HMAC_KEY = config.audit_hmac_key(required=PRODUCTION, secret_key=SECRET_KEY)
except config.ConfigError as error:
    config.fail(error)

INSTALLED_APPS = [
    "kooperationsraum.apps.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",  # the form renderer below finds Django's widget templates through TEMPLATES
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "rest_framework",
    "drf_spectacular",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_otp_webauthn",
    "guardian",
    "governance",
    "projects",
    "transfer",
    "privacy",
    "reports",
    # Last, as its docs ask: a replaced or deleted upload's old file is removed after commit.
    "django_cleanup.apps.CleanupConfig",
]

# Every form field is rendered as a KERN form field (label, hint, error, input classes).
FORM_RENDERER = "kooperationsraum.forms.KernFormRenderer"

MIDDLEWARE = [
    "kooperationsraum.middleware.PermissionsPolicyMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # django-csp's middleware, which also covers Django's debug 404 page.
    "kooperationsraum.middleware.PortalCSPMiddleware",
    # Before the session and the person are read: kooperationsraum/session_pages.py.
    "kooperationsraum.session_pages.WorkspaceVersionMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Second factor (django-otp), then the portal's rules: MFA for privileged people, their
    # idle and absolute session timeouts.
    "django_otp.middleware.OTPMiddleware",
    "governance.middleware.AccountSecurityMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Axes must come last: it answers locked-out logins before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kooperationsraum.urls"
WSGI_APPLICATION = "kooperationsraum.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "governance.context_processors.notifications",
                "reports.context_processors.report_links",
            ],
        },
    },
]

if not DATABASE_URL:
    VAR_DIR.mkdir(parents=True, exist_ok=True)  # the SQLite file of a first look lives here
DATABASES = {
    "default": (
        config.env.db_url_config(DATABASE_URL)
        if DATABASE_URL
        else {"ENGINE": "django.db.backends.sqlite3", "NAME": VAR_DIR / "db.sqlite3"}
    )
}
DATABASES["default"]["CONN_MAX_AGE"] = config.env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": (
        {"BACKEND": "kooperationsraum.cache.PortalRedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    ),
    # The layout's parts that are the same for every visitor in a language (the asset links, the
    # footer, an anonymous visitor's navigation: templates/base.html) cost about 0.6 ms of a
    # page's 2 ms to render. Each process keeps them in its own memory: a round trip to Redis
    # would cost as much as rendering them. They change only with a deployment, which restarts.
    "layout": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "layout", "TIMEOUT": None},
}

# Anonymous catalogue and solution pages are kept this long in the cache (0: off); any change to
# the catalogue invalidates them at once (transfer/caching.py), so this only bounds memory.
PAGE_CACHE_SECONDS = config.env.int("PAGE_CACHE_SECONDS", default=600)
# A signed-in person's portfolio and inbox pages, kept per session this long (0: off); any write
# to what they show invalidates them at once (kooperationsraum/session_pages.py).
SESSION_PAGE_CACHE_SECONDS = config.env.int("SESSION_PAGE_CACHE_SECONDS", default=600)

# People and roles
AUTH_USER_MODEL = "governance.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "governance.permissions.RoleBackend",
    "guardian.backends.ObjectPermissionBackend",
]
# Role → global permission matrices, one per app (see each app's permissions.py).
ROLE_PERMISSION_MATRICES = [
    "governance.permissions.ROLE_PERMISSIONS",
    "projects.permissions.ROLE_PERMISSIONS",
    "transfer.permissions.ROLE_PERMISSIONS",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
# Nobody sets another person's password (rule 1). The only exception: superuser accounts listed
# here (e-mail addresses, comma-separated) may use the admin's password form in an emergency;
# every use is an audit event and a notification to the person concerned.
BREAK_GLASS_ACCOUNTS = [address.strip().lower() for address in config.env.list("BREAK_GLASS_ACCOUNTS", default=[])]

# Nobody grants permissions to anonymous visitors, so guardian needs no anonymous user row.
ANONYMOUS_USER_NAME = None

# Throttled login. Administrations sit behind shared proxies, so no lock ever covers an address
# alone: an account is locked for one address after a few failures there (the person gets in from
# elsewhere, or after the cool-off, or with a reset link), and across all addresses it is only
# slowed down (see governance/services/throttle.py).
AXES_FAILURE_LIMIT = config.env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # data minimisation: successful logins are not recorded
LOGIN_ATTEMPT_RETENTION = timedelta(hours=24)  # failed attempts are purged daily after this
AXES_USERNAME_FORM_FIELD = "username"  # the login form field, though people log in by e-mail
AXES_USERNAME_CALLABLE = "governance.authentication.throttle_username"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_IPWARE_PROXY_COUNT = config.env.int("PROXY_COUNT", default=0)
# Per account, from any address: after this many failures within the cool-off, each further
# attempt must wait (doubling from the base, up to the maximum) instead of the account locking.
LOGIN_SLOWDOWN_AFTER = config.env.int("LOGIN_SLOWDOWN_AFTER", default=10)
LOGIN_SLOWDOWN_BASE = timedelta(seconds=2)
LOGIN_SLOWDOWN_MAX = timedelta(minutes=2)

# Multi-factor authentication (django-otp): TOTP, recovery codes, passkeys as a second factor.
OTP_TOTP_ISSUER = "Kooperationsraum"
MFA_RECOVERY_CODE_COUNT = 10
OTP_WEBAUTHN_RP_NAME = "Kooperationsraum"
OTP_WEBAUTHN_RP_ID = config.env.str("OTP_WEBAUTHN_RP_ID", default="") or urlsplit(SITE_URL).hostname or "localhost"
OTP_WEBAUTHN_ALLOWED_ORIGINS = [SITE_URL.rstrip("/")]
if DEBUG:
    # Browsers treat http://127.0.0.1 and localhost as secure; production must be https.
    SILENCED_SYSTEM_CHECKS = ["otp_webauthn.E031"]
# A passkey is a second factor here: the password check (and its throttle and audit) comes first.
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
# Sessions of people holding a privileged role (or with the admin) end after this idle time and
# at the latest this long after login; other people's sessions keep Django's default age.
PRIVILEGED_SESSION_IDLE_TIMEOUT = timedelta(minutes=config.env.int("PRIVILEGED_SESSION_IDLE_MINUTES", default=30))
PRIVILEGED_SESSION_ABSOLUTE_TIMEOUT = timedelta(hours=config.env.int("PRIVILEGED_SESSION_HOURS", default=12))

# Language and time
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# English dates as day-month-year (1 December 2026), not the US month-first default.
FORMAT_MODULE_PATH = ["kooperationsraum.formats"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# Static files are self-hosted (no third-party host, for privacy and administrations' proxies).
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# KERN (`@kern-ux/native` from npm: CSS, Fira Sans) is collected from node_modules under static/kern/;
# the Dockerfile installs it in a Node build stage. Nothing is loaded from a CDN.
KERN_DIST = BASE_DIR / "node_modules" / "@kern-ux" / "native" / "dist"
STATICFILES_DIRS = [BASE_DIR / "static", ("kern", KERN_DIST)]
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
UPLOAD_MAX_SIZE = config.env.int("UPLOAD_MAX_SIZE", default=20 * 1024 * 1024)

# E-mail: written to files under var/mail/ unless EMAIL_URL names a server.
EMAIL_URL = config.env.str("EMAIL_URL", default="")
if EMAIL_URL:
    vars().update(config.env.email_url_config(EMAIL_URL))
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = config.env.str(
    "DEFAULT_FROM_EMAIL", default="Kooperationsraum <noreply@kooperationsraum.example.org>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security headers. The CSP allows no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browser features the portal never uses are off; passkeys (WebAuthn) and fullscreen stay with the portal itself.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "usb": [],
    "fullscreen": ["self"],
    "publickey-credentials-create": ["self"],
    "publickey-credentials-get": ["self"],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_FAILURE_VIEW = "kooperationsraum.views.csrf_failure"
if PRODUCTION:
    # TLS ends at the reverse proxy, which says so in X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = config.env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]
    SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = config.env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Audit trail: signed checkpoints of the chain's head are written here (outside the database;
# mount it on storage the database's administrators cannot rewrite) and mailed to the steering circle.
AUDIT_CHECKPOINT_DIR = Path(config.env.str("AUDIT_CHECKPOINT_DIR", default=str(VAR_DIR / "audit-checkpoints")))

# Retention periods (stated in templates/pages/privacy.html), enforced by privacy.tasks.enforce_retention.
RETENTION_NOTIFICATION_BODY_DAYS = config.env.int("RETENTION_NOTIFICATION_BODY_DAYS", default=90)
RETENTION_AUDIT_CLIENT_DAYS = config.env.int("RETENTION_AUDIT_CLIENT_DAYS", default=90)
RETENTION_DATA_EXPORT_DAYS = config.env.int("RETENTION_DATA_EXPORT_DAYS", default=7)
PRIVACY_EXPORT_DIR = VAR_DIR / "privacy-exports"

# Celery: eager without Redis (first look), a real broker with it.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 300
CELERY_TASK_SOFT_TIME_LIMIT = 240
# A frozen Redis must not hold a web request: fail fast, a periodic sweep re-enqueues.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {
    # Longer than any countdown (retries wait at most NOTIFICATION_RETRY_MAX) or task.
    "visibility_timeout": config.env.int("CELERY_VISIBILITY_TIMEOUT", default=60 * 60 * 2),
    # Above the worker's 1 s BRPOP poll, so an idle worker's read never times out.
    "socket_timeout": 2,
    "socket_connect_timeout": 1,
    "max_retries": 1,
    "interval_start": 0,  # that one reconnect at once: kombu would sleep 2 s before it
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "sweep-notifications": {"task": "governance.tasks.sweep_notifications", "schedule": 60},
    "send-daily-digests": {
        "task": "governance.tasks.send_daily_digests",
        "schedule": crontab(hour=7, minute=0),
    },
    "purge-login-attempts": {"task": "governance.tasks.purge_login_attempts", "schedule": 60 * 60},
    "purge-unconfirmed-inquiries": {"task": "transfer.tasks.purge_unconfirmed_inquiries", "schedule": 60 * 60},
    "purge-unconfirmed-steering-requests": {
        "task": "governance.tasks.purge_unconfirmed_steering_requests",
        "schedule": 60 * 60,
    },
    "publish-audit-checkpoint": {
        "task": "governance.tasks.publish_audit_checkpoint",
        "schedule": crontab(hour=6, minute=30),
    },
    "enforce-retention": {"task": "privacy.tasks.enforce_retention", "schedule": crontab(hour=3, minute=15)},
    "close-due-ballots": {"task": "governance.tasks.close_due_ballots", "schedule": 60},
    "remind-open-ballots": {"task": "governance.tasks.remind_open_ballots", "schedule": 15 * 60},
    "remind-pending-sponsorships": {
        "task": "projects.tasks.remind_pending_sponsorships",
        "schedule": crontab(hour=8, minute=0),
    },
    # Reports (Europe/Berlin, CELERY_TIMEZONE): the task itself decides whether today is due
    # (the monthly pack goes out on the first working day of BW, HE and RP alike).
    "send-weekly-brief": {
        "task": "reports.tasks.send_scheduled_report",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
        "args": ["weekly"],
    },
    "send-monthly-pack": {
        "task": "reports.tasks.send_scheduled_report",
        "schedule": crontab(hour=7, minute=0, day_of_month="1-7"),
        "args": ["monthly"],
    },
}

# Reports: a status report older than this counts as out of date in the weekly brief; a run
# claimed longer ago than the lease belongs to a worker that died and may be taken over.
REPORTS_STATUS_INTERVAL_DAYS = config.env.int("REPORTS_STATUS_INTERVAL_DAYS", default=92)
REPORTS_CLAIM_LEASE = config.env.int("REPORTS_CLAIM_LEASE", default=600)

# Notification outbox. The claim lease must outlast the delivery task, or a slow but living
# worker would have its notification taken over and sent a second time.
EMAIL_TIMEOUT = 20
NOTIFICATION_TASK_TIME_LIMIT = 60
NOTIFICATION_CLAIM_LEASE = config.env.int("NOTIFICATION_CLAIM_LEASE", default=120)
NOTIFICATION_SWEEP_AFTER = config.env.int("NOTIFICATION_SWEEP_AFTER", default=180)
NOTIFICATION_MAX_ATTEMPTS = config.env.int("NOTIFICATION_MAX_ATTEMPTS", default=5)
NOTIFICATION_RETRY_BASE = config.env.int("NOTIFICATION_RETRY_BASE", default=30)
NOTIFICATION_RETRY_MAX = 60 * 60

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": config.env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "axes": {"level": "WARNING"},
        # WeasyPrint logs every rendering step at INFO; refused fetches come as warnings.
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

# The open-data API (transfer/api/): read-only JSON without login. Closed by default: a view is
# public only where it says so itself (AllowAny), and no view reads a session or a cookie.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "transfer.api.pagination.PagePagination",
    "PAGE_SIZE": 20,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "transfer.api.errors.exception_handler",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kooperationsraum API",
    "DESCRIPTION": (
        "Offene Daten der Transferplattform des föderalen Kooperationsraums: veröffentlichte "
        "Lösungen, öffentliche Projekte und Partner. Nur lesend, ohne Anmeldung, JSON. Fehler "
        'kommen als {"errors": {Parameter: [Meldungen]}}.'
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "SERVERS": [{"url": SITE_URL.rstrip("/") + "/api/v1"}],
    "SCHEMA_PATH_PREFIX_TRIM": True,
}
