"""Settings for asiakkuusstrategia, read from the environment (see .env.example).

One file for every environment: development, tests, CI and production differ only in
environment variables, so what CI checks is what production runs.
"""

import sys
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from whitenoise.compress import Compressor

BASE_DIR = Path(__file__).resolve().parent.parent

# Under pytest the environment is the developer's shell, not production: HTTPS-only cookies
# and login throttling would only get in the way of the test client.
TESTING = "pytest" in sys.modules

env = environ.Env(
    DEBUG=(bool, False),
    SECRET_KEY=(str, ""),
    ALLOWED_HOSTS=(list, []),
    CSRF_TRUSTED_ORIGINS=(list, []),
    USE_HTTPS=(bool, None),
    SESSION_IDLE_MINUTES=(int, 45),
    CONN_MAX_AGE=(int, 60),
    DB_PREPARE_THRESHOLD=(int, 2),
    REDIS_URL=(str, ""),
    AXES_ENABLED=(bool, not TESTING),
    AXES_ADDRESS_FAILURE_LIMIT=(int, 20),
    AXES_USERNAME_FAILURE_LIMIT=(int, 10),
    TRUSTED_PROXY_COUNT=(int, 0),
    LOG_LEVEL=(str, "INFO"),
    RESEGMENTATION_HEARTBEAT_LIMIT_SECONDS=(int, 300),
    SITE_URL=(str, ""),
    DEFAULT_FROM_EMAIL=(str, "asiakkuusstrategia@localhost"),
    OUTBOX_RETRY_BASE_SECONDS=(int, 60),
    OUTBOX_RETRY_MAX_SECONDS=(int, 3600),
    OUTBOX_SWEEP_SECONDS=(int, 30),
    REMINDER_SWEEP_SECONDS=(int, 3600),
    PASSWORD_RESET_LIMIT=(int, 5),
    OIDC_RP_CLIENT_ID=(str, ""),
    OIDC_RP_CLIENT_SECRET=(str, ""),
    OIDC_OP_ISSUER=(str, ""),
    OIDC_OP_AUTHORIZATION_ENDPOINT=(str, ""),
    OIDC_OP_TOKEN_ENDPOINT=(str, ""),
    OIDC_OP_USER_ENDPOINT=(str, ""),
    OIDC_OP_JWKS_ENDPOINT=(str, ""),
    OIDC_OP_LOGOUT_ENDPOINT=(str, ""),
    OIDC_RP_SIGN_ALGO=(str, "RS256"),
    OIDC_RP_SCOPES=(str, "openid email profile"),
    OIDC_TOKEN_USE_BASIC_AUTH=(bool, False),
)
# A value such as a generated secret may start with "$": read it literally.
env.escape_proxy = True
# A local .env is a convenience for developers; variables already set always win. Tests
# never read it, so a developer's .env cannot point them at another database.
if not TESTING:
    environ.Env.read_env(BASE_DIR / ".env")

DEBUG = env("DEBUG")

SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "SECRET_KEY puuttuu: aseta se ympäristömuuttujana (katso .env.example)."
        )
    # Development and tests only; check --deploy rejects this value (security.W009).
    SECRET_KEY = "django-insecure-local-development-key-not-for-production"  # noqa: S105

ALLOWED_HOSTS = env("ALLOWED_HOSTS") or (
    ["127.0.0.1", "localhost", "testserver"] if DEBUG or TESTING else []
)
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before it.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "config.apps.StaticFilesConfig",  # django.contrib.staticfiles without ReDoc
    "django.contrib.humanize",
    "simple_history",
    "concurrency",
    "axes",
    "csp",
    # The integration API (/api/v1/) and its OpenAPI document; the sidecar holds Swagger UI's
    # files, served as our own static files (no CDN).
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    # The ground floor (core/: plumbing every app shares; imports no domain app), then the
    # project apps in their import order: each imports only those above it.
    "core",
    "segments",
    "offerings",
    "responsibility",
    "governance",
    # Background work (the yearly re-segmentation): django-tasks, the backport of Django 6's
    # Tasks framework, with its database backend. After the project apps, so that
    # segments' `manage.py db_worker` (the library's worker plus the watch over lost runs)
    # is the one that runs.
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything that reads the session or the user: no page pretends to work while
    # the database is away (static files above stay served; the 503 page uses them).
    "config.middleware.DatabaseRequiredMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.sessions.SessionIdleRenewalMiddleware",
    "config.middleware.FinnishByDefaultLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "config.middleware.ConflictStatusMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it sees failed logins after authentication has run.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "csp.context_processors.nonce",
                "core.notifications.context_processors.unread_notifications",
            ],
        },
    },
]

# The embedded default is a SQLite file beside manage.py (four slashes: an absolute path;
# three would be relative and two an in-memory database). PostgreSQL via DATABASE_URL.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# Persistent connections on PostgreSQL (a new one per request cost a third of a simple page's
# time under load), checked before each request reuses them, so a database restart is
# survived. A SQLite connection costs nothing to open: a fresh one per request notices a
# database file that has gone away.
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend whose health check asks the server only when the socket or the time
    # since the connection last answered says it may be gone (core/postgresql/base.py).
    DATABASES["default"]["ENGINE"] = "core.postgresql"
    DATABASES["default"].setdefault("OPTIONS", {})
    # Fail fast when the server is down, so the 503 page appears promptly.
    DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", 5)
    # Server-side parameters, so that psycopg prepares a statement the connection has run
    # DB_PREPARE_THRESHOLD times and PostgreSQL stops planning it anew: planning took most
    # of the server's time on a page (a company page 3.6 -> 1.4 ms of server CPU).
    # 0 turns it off (e.g. behind a transaction-pooling PgBouncer older than 1.21).
    if env("DB_PREPARE_THRESHOLD"):
        DATABASES["default"]["OPTIONS"].setdefault("server_side_binding", True)
        DATABASES["default"]["OPTIONS"].setdefault("prepare_threshold", env("DB_PREPARE_THRESHOLD"))
    DATABASES["default"]["CONN_MAX_AGE"] = env("CONN_MAX_AGE")
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {})
    # WAL lets readers work while the re-segmentation writes; IMMEDIATE avoids the
    # "database is locked" upgrade deadlock between two writers.
    DATABASES["default"]["OPTIONS"].setdefault("transaction_mode", "IMMEDIATE")
    DATABASES["default"]["OPTIONS"].setdefault(
        "init_command", "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
    )
    DATABASES["default"]["OPTIONS"].setdefault("timeout", 20)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache: Redis shared by every app server in production (REDIS_URL), this process's
# memory otherwise (make run, tests). With Redis, sessions are read through it and persist
# in the database; a per-process cache must not hold sessions (a logout in one worker would
# not reach another's copy), so without Redis they are read from the database.
if env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": env("REDIS_URL"),
            "KEY_PREFIX": "asiakkuus",
            "TIMEOUT": 3600,
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
# Whether every process serving requests sees the same cache: Redis, or one process alone
# (runserver, the tests). Users and their permissions are cached only then (core.auth): in
# each worker's own local memory a deactivation saved in one worker would not reach another.
AUTH_CACHE_SHARED = bool(env("REDIS_URL")) or DEBUG or TESTING
# The rendered fragments of core.fragments and the templates' {% cache %} blocks, kept in
# each process: their keys hold a generation token read from the shared cache, which any
# write renews, so no process serves a copy older than the data. A copy read from Redis
# cost a round trip a fragment on every page (bench/README.md, 2026-12-06, third session).
# At most 300 copies a process (Django's default; a whole catalogue page is 15 kB at national
# scale): filters typed into the address make new keys, and the least used go first.
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "TIMEOUT": 24 * 60 * 60,
    "OPTIONS": {"MAX_ENTRIES": 300},
}

TASKS = {
    "default": {
        # Tests run tasks at once, in the test's own transaction.
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend"
        ),
        "QUEUES": ["default"],
    }
}

# E-mail (core.notifications): EMAIL_URL in django-environ's form, e.g.
# smtp+tls://user:password@smtp.example.fi:587 . Development (DEBUG) prints mail on the
# console (consolemail://) or writes files (filemail:///tmp/mail), so nothing leaves the
# machine; production without EMAIL_URL hands mail to the local MTA on port 25.
vars().update(
    env.email_url(
        "EMAIL_URL", default="consolemail://" if DEBUG or TESTING else "smtp://localhost:25"
    )
)
# An unreachable server fails the attempt promptly; the outbox tries again later.
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The service's own address, for the links in e-mails (no trailing slash); by default the
# first allowed host over HTTPS in production, the development server otherwise.
SITE_URL = env("SITE_URL").rstrip("/") or (
    f"https://{ALLOWED_HOSTS[0]}"
    if ALLOWED_HOSTS and not (DEBUG or TESTING) and ALLOWED_HOSTS[0] != "*"
    else "http://127.0.0.1:8000"
)
# A failed send is tried again after 1, 2, 4 … minutes, at most an hour apart, until the
# server takes it: nothing is dropped for being late.
OUTBOX_RETRY_BASE_SECONDS = env("OUTBOX_RETRY_BASE_SECONDS")
OUTBOX_RETRY_MAX_SECONDS = env("OUTBOX_RETRY_MAX_SECONDS")
# How often the task worker looks for e-mails due (new ones are sent at once anyway).
OUTBOX_SWEEP_SECONDS = env("OUTBOX_SWEEP_SECONDS")
# How often the task worker runs the reminders (overdue handovers, expiring consents,
# unanswered accessibility feedback); each reminds once whatever the runs.
REMINDER_SWEEP_SECONDS = env("REMINDER_SWEEP_SECONDS")
# Password reset requests per e-mail address and per client address in an hour.
PASSWORD_RESET_LIMIT = env("PASSWORD_RESET_LIMIT")
PASSWORD_RESET_TIMEOUT = 3600

# A re-segmentation step whose worker has given no sign of life for this long is marked
# interrupted (the worker checks at start and every little while), so that a crashed
# worker never blocks a year.
RESEGMENTATION_HEARTBEAT_LIMIT_SECONDS = env("RESEGMENTATION_HEARTBEAT_LIMIT_SECONDS")

# Limits of the company and service imports (core.tabular), checked before a file is
# parsed: its size; an .xlsx's unpacked size and its members' compression ratio (spreadsheet
# XML packs 5-20:1, a zip bomb 1000:1; the export of 400,000 companies with 12 values each
# unpacks to about 350 MB); the rows under the header.
IMPORT_MAX_BYTES = env.int("IMPORT_MAX_BYTES", default=50 * 1024 * 1024)
IMPORT_MAX_UNPACKED_BYTES = env.int("IMPORT_MAX_UNPACKED_BYTES", default=512 * 1024 * 1024)
IMPORT_MAX_COMPRESSION_RATIO = env.int("IMPORT_MAX_COMPRESSION_RATIO", default=100)
IMPORT_MAX_COMPANY_ROWS = env.int("IMPORT_MAX_COMPANY_ROWS", default=500_000)
IMPORT_MAX_SERVICE_ROWS = env.int("IMPORT_MAX_SERVICE_ROWS", default=10_000)

AUTHENTICATION_BACKENDS = [
    # Axes first: a locked-out username and address is refused before the password check.
    "axes.backends.AxesStandaloneBackend",
    # Django's ModelBackend with the permission sets cached across requests (core.auth).
    "core.auth.CachedModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sign-in with the organisation's account (OpenID Connect, mozilla-django-oidc; offerings.oidc
# and README "Sign-in with the organisation's account"). Off unless a client id and the
# provider (its issuer, whose discovery document gives the endpoints, or the endpoints
# themselves) are set: then no button, no URLs (404) and no backend.
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID")
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET")
OIDC_OP_ISSUER = env("OIDC_OP_ISSUER").rstrip("/")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT")
OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT")
OIDC_OP_LOGOUT_ENDPOINT = env("OIDC_OP_LOGOUT_ENDPOINT")
OIDC_ENABLED = bool(
    OIDC_RP_CLIENT_ID
    and (OIDC_OP_ISSUER or (OIDC_OP_AUTHORIZATION_ENDPOINT and OIDC_OP_TOKEN_ENDPOINT))
)
# ID tokens signed with the provider's key (its JWKS); HS256 with the client secret is refused.
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO")
OIDC_RP_SCOPES = env("OIDC_RP_SCOPES")
OIDC_TOKEN_USE_BASIC_AUTH = env("OIDC_TOKEN_USE_BASIC_AUTH")
OIDC_USE_PKCE = True
OIDC_PKCE_CODE_CHALLENGE_METHOD = "S256"
OIDC_USE_NONCE = True
# Kept for the sign-out at the provider (id_token_hint).
OIDC_STORE_ID_TOKEN = True
OIDC_TIMEOUT = 10
OIDC_CLOCK_SKEW_SECONDS = 60
LOGIN_REDIRECT_URL_FAILURE = "login"
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS.append("offerings.oidc.OrganisationAccountBackend")

if TESTING:
    # Hashing strength is not under test; a fast hasher keeps user fixtures cheap.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login throttling: the pair (username, address) locks first, so that one attacker behind a
# TE-centre's NAT cannot lock out the whole centre with a few tries; an address and a
# username alone lock at higher limits.
AXES_ENABLED = env("AXES_ENABLED")
AXES_VERBOSE = False
AXES_HANDLER = "config.login_throttling.LimitPerParameterHandler"
# Each combination locks at its own limit (config/login_throttling.py): the pair after 5
# failures; one address after AXES_ADDRESS_FAILURE_LIMIT failures over any usernames
# (password spraying); one username after AXES_USERNAME_FAILURE_LIMIT from any addresses.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address", "username"]
AXES_FAILURE_LIMIT = 5
AXES_ADDRESS_FAILURE_LIMIT = env("AXES_ADDRESS_FAILURE_LIMIT")
AXES_USERNAME_FAILURE_LIMIT = env("AXES_USERNAME_FAILURE_LIMIT")
AXES_COOLOFF_TIME = 0.5  # hours
AXES_RESET_ON_SUCCESS = True
# Behind a reverse proxy every request comes from the proxy's address: the client's is read
# from X-Forwarded-For, trusting only the entries the proxies themselves appended.
TRUSTED_PROXY_COUNT = env("TRUSTED_PROXY_COUNT")
AXES_CLIENT_IP_CALLABLE = "config.login_throttling.client_address"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

# Languages (Language Act 423/2003): Finnish by default, Swedish and English available.
LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", _("suomi")), ("sv", _("ruotsi")), ("en", _("englanti"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Django's "sv" formats are Sweden's (2026-03-05); Finland-Swedish users expect 5.3.2026.
FORMAT_MODULE_PATH = ["config.formats"]
LANGUAGE_COOKIE_NAME = "kieli"
LANGUAGE_COOKIE_SECURE = False  # set below with the other cookies
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "fi"
MODELTRANSLATION_LANGUAGES = ("fi", "sv", "en")
# A missing Swedish or English text falls back to Finnish; templates mark such text lang="fi".
MODELTRANSLATION_FALLBACK_LANGUAGES = ("fi",)

STATIC_URL = "static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed, compressed files in production; plain storage in development and tests,
        # which then need no collectstatic step.
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Development and tests serve static files straight from the app folders, no collectstatic.
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
# Source maps (20 MB of Swagger UI's) are for developers' tools only: not worth compressing,
# which took two thirds of collectstatic's minute.
WHITENOISE_SKIP_COMPRESS_EXTENSIONS = [*Compressor.SKIP_COMPRESS_EXTENSIONS, "map"]

# --- Security (OWASP ASVS level 2; see STACK.md) ---------------------------------------
USE_HTTPS = env("USE_HTTPS")
if USE_HTTPS is None:
    USE_HTTPS = not (DEBUG or TESTING)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
# Idle timeout: a session expires after SESSION_IDLE_MINUTES without requests. It is renewed
# when a tenth of that has passed since the last renewal (core.sessions), not written on
# every request.
SESSION_COOKIE_AGE = env("SESSION_IDLE_MINUTES") * 60
SESSION_RENEW_AFTER_SECONDS = SESSION_COOKIE_AGE // 10
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

if USE_HTTPS:
    # __Host- cookies are bound to this exact host, sent only over HTTPS, path "/".
    SESSION_COOKIE_NAME = "__Host-sessionid"
    CSRF_COOKIE_NAME = "__Host-csrftoken"
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # gunicorn sits behind a TLS-terminating proxy that sets this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "form-action": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
    },
}

SILENCED_SYSTEM_CHECKS: list[str] = []

# The integration API (core/api/, each app's api.py, config/api_urls.py). The open-data slice
# has no sign-in at all: no session authentication (so no CSRF questions), JSON only (the
# browsable API's pages would need inline scripts), errors as RFC 9457 problem details.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.KeysetPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "core.api.problems.problem_exception_handler",
    "DEFAULT_SCHEMA_CLASS": "core.api.schema.OpenDataAutoSchema",
}
# The integration API's keys (responsibility.ApiClient): requests a client may make a
# minute unless its own limit says otherwise (counted in the shared cache), how long a new
# key is valid, and how long the call log is kept (prune_api_calls).
API_RATE_LIMIT_PER_MINUTE = env.int("API_RATE_LIMIT_PER_MINUTE", default=600)
API_KEY_VALID_DAYS = env.int("API_KEY_VALID_DAYS", default=365)
API_CALL_LOG_DAYS = env.int("API_CALL_LOG_DAYS", default=400)
SPECTACULAR_SETTINGS = {
    "TITLE": "Asiakkuusstrategia – integraatiorajapinta",
    "DESCRIPTION": (
        "TEM-konsernin asiakkuusstrategian avoin data: segmentit (kuvaukset, kriteerit ja "
        "säännöt, tavoitteet, strategiat, vahvistetut palvelulupaukset), organisaatiot ja "
        "palvelut. Ilman avainta, vain luku (GET). Kieli Accept-Language-otsakkeella "
        "(fi oletus, sv, en); jokainen teksti kertoo kielen, jolla se annettiin (language), "
        "kääntämätön teksti annetaan suomeksi. Sivutus kursorilla (next/previous), "
        "updated_since muutoksille, ETag / If-None-Match, virheet RFC 9457 "
        "-muodossa (application/problem+json).\n\nAsiakastiedot (yritykset, asiakasvastuu) "
        "vain organisaation järjestelmän avaimella ja sen oikeudella (Authorization: Bearer "
        "<avain>); pyyntöraja järjestelmää kohden (429 ja Retry-After), jokainen kutsu "
        "kirjataan. Niihin avoimen datan lisenssi ei päde.\n\nLisenssi: CC BY 4.0 "
        "(https://creativecommons.org/licenses/by/4.0/), myös jokaisen vastauksen "
        'Link-otsakkeessa (rel="license").'
    ),
    "VERSION": "1.0.0",
    "OAS_VERSION": "3.1.0",
    "LICENSE": {
        "name": "CC BY 4.0",
        "url": "https://creativecommons.org/licenses/by/4.0/",
    },
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {"deepLinking": False, "validatorUrl": None},
    "REDOC_DIST": "SIDECAR",
    # Two different "status" choice sets: named here, so the document's names do not change
    # when another one is added.
    "ENUM_NAME_OVERRIDES": {
        "ReviewStatusEnum": "segments.models.ReviewStatus",
        "ServiceStatusEnum": "offerings.models.Service.Status",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL")},
    "loggers": {
        # The database-down path answers 503 itself; one line in the log is enough.
        "django.request": {"level": "ERROR"},
        # WeasyPrint reports each page of a PDF it lays out; only its warnings matter.
        "weasyprint.progress": {"level": "WARNING"},
    },
}
# Uploads of attribute values through the integration API: the largest body read (a larger
# one is refused with 413 before it is read), the largest imported during the request (a
# larger one is answered 202 and imported by the task worker), and the errors listed.
API_UPLOAD_MAX_BYTES = env.int("API_UPLOAD_MAX_BYTES", default=50 * 1024 * 1024)
API_UPLOAD_SYNC_MAX_BYTES = env.int("API_UPLOAD_SYNC_MAX_BYTES", default=256 * 1024)
API_UPLOAD_MAX_LISTED_ERRORS = env.int("API_UPLOAD_MAX_LISTED_ERRORS", default=100)
# Calls with an unknown or tampered key a client address may make a minute before every
# keyed call from it is refused (429) until the minute is over: key guessing is throttled.
API_UNKNOWN_KEY_LIMIT_PER_MINUTE = env.int("API_UNKNOWN_KEY_LIMIT_PER_MINUTE", default=20)
