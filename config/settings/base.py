"""Settings shared by every environment. Everything that differs comes from the environment."""

from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY", "dev-only-not-secret")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_tables2",
    "django_filters",
    "simple_history",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "accounts",
    "projects",
    "observation",
    "scoring",
    "dashboard",
    "escalation",
    "problems",
    "reports",
    "outbox",
    "workbooks",
    "documents",
    "instructions",
    "audit",
    "twofactor",
    "axes",
    "security",
    "demo",  # the top floor: it may import every app, and no app imports it
]

MIDDLEWARE = [
    "config.proxy.ProxyClientAddressMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.headers.CSPMiddleware",  # django-csp's, its constant policy built once
    "config.headers.SecurityHeadersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "twofactor.middleware.SecondFactorMiddleware",  # second factor before any page (twofactor/)
    "django.contrib.messages.middleware.MessageMiddleware",
    "audit.sessions.SessionRulesMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "security.middleware.PasswordChangeRequiredMiddleware",
    # Last, as axes asks: it turns a refused sign-in into the lockout page.
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
            ],
        },
    },
]

# SQLite by default so a newcomer needs no server; PostgreSQL (psycopg 3) from DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    # WAL lets the web process read while the worker writes.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and not env_bool(
    "DB_JIT", False
):
    # PostgreSQL compiles a query whose plan costs over 100,000 (the league's, a province's
    # rankings) before running it: 30-80 ms of CPU to save less on queries of 50-150 ms.
    # Behind PgBouncer, which refuses this startup option: DB_JIT=1 and ALTER DATABASE … SET
    # jit = off instead.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "projects:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Problems: the deadline and the days between escalation levels when no route says otherwise
# (the ladder's overdue notices climb by the same step), within the bounds a route may set;
# the largest evidence file of a problem or a notice.
PROBLEM_DAYS_TO_SOLVE = env_int("PROBLEM_DAYS_TO_SOLVE", 10, minimum=1, maximum=365)
PROBLEM_ESCALATION_DAYS = env_int("PROBLEM_ESCALATION_DAYS", 5, minimum=1, maximum=90)
PROBLEM_FILE_MAX_BYTES = env_int("PROBLEM_FILE_MAX_BYTES", 20 * 1024 * 1024, minimum=1)
# Site photos from a phone are large; the form refuses more than this.
PHOTO_MAX_BYTES = env_int("PHOTO_MAX_BYTES", 10 * 1024 * 1024)
# A photo above this many pixels is refused from its header (a pixel bomb decodes to gigabytes).
PHOTO_MAX_PIXELS = env_int("PHOTO_MAX_PIXELS", 40_000_000)
# Stored photos are re-encoded to JPEG at most this long on their long side (2000: a 12 MP
# phone photo decodes at half scale, four times faster, and still shows the site plainly).
PHOTO_MAX_SIDE = env_int("PHOTO_MAX_SIDE", 2000)
# Evidence checks: taken this many days before its week's Monday, this many km from the project,
# or within this many bits (of 64) of an earlier photo's perceptual hash is flagged.
PHOTO_STALE_DAYS = env_int("PHOTO_STALE_DAYS", 7)
PHOTO_FAR_KM = env_int("PHOTO_FAR_KM", 2)
PHOTO_DUPLICATE_BITS = env_int("PHOTO_DUPLICATE_BITS", 10)  # at most 11: see projects.duplicates
DATA_UPLOAD_MAX_MEMORY_SIZE = 30 * 1024 * 1024
# 项目一张图: past this many dots the map and the wall fetch them as cached JSON
# (static/js/map-dots.js) instead of writing them into the page; a setting so the browser test
# can cross it with a few dozen projects.
MAP_INLINE_DOTS = env_int("MAP_INLINE_DOTS", 1500, minimum=0)
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

REDIS_URL = env_str("REDIS_URL", "")
# The embedded default keeps the broker on the file system, so no server is needed.
BROKER_DIR = VAR_DIR / "broker"
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL or "filesystem://")
CELERY_BROKER_TRANSPORT_OPTIONS = (
    {
        "data_folder_in": str(BROKER_DIR / "queue"),
        "data_folder_out": str(BROKER_DIR / "queue"),
        "processed_folder": str(BROKER_DIR / "processed"),
        "control_folder": str(BROKER_DIR / "control"),
        "store_processed": False,
    }
    if CELERY_BROKER_URL.startswith("filesystem")
    else {"visibility_timeout": 3600}
)
if CELERY_BROKER_URL.startswith("filesystem"):
    for folder in ("queue", "processed", "control"):
        (BROKER_DIR / folder).mkdir(parents=True, exist_ok=True)
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1

if REDIS_URL:
    CACHES = {
        # Django's, with one Redis client per pool instead of one per call (config/redis_cache.py).
        "default": {"BACKEND": "config.redis_cache.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# A send never hangs longer than this; the outbox's stale-claim time is longer still.
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
EMAIL_FILE_PATH = VAR_DIR / "mail"
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "重点项目督导 <noreply@example.gov.cn>")

# Our table template: the package's, with each cell labelled for the phone layout (app.css).
DJANGO_TABLES2_TEMPLATE = "tables/table.html"
DJANGO_TABLES2_PAGE_RANGE = 7

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
}

# A change's reason (a return, an adjustment, an exemption) is up to 2,000 characters and is copied
# whole into its history row: not the library's default of 100.
SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

SITE_TITLE = _("Key Project Supervision")

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 100,
    "COERCE_DECIMAL_TO_STRING": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Key-project supervision API",
    "DESCRIPTION": "Read-only: projects, weekly cards with their breakdown, rankings.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema maps every endpoint and filter: only for someone signed in (session or token).
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
}

# Reporters are reminded this many hours before the weekly deadline, once per unit and week.
REPORTS_REMINDER_HOURS = env_int("REPORTS_REMINDER_HOURS", 24)
# The address every link in a message points to (the intranet name of the site, with its port).
# scripts/dev sets it from the port it runs on; the default matches runserver's port 8000.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

# The outbox (outbox/): every message to every channel goes through it.
OUTBOX_BACKOFF = env_int("OUTBOX_BACKOFF", 60)  # seconds before the first retry, then doubled
OUTBOX_BACKOFF_MAX = env_int("OUTBOX_BACKOFF_MAX", 3600)
OUTBOX_GIVE_UP_HOURS = env_int("OUTBOX_GIVE_UP_HOURS", 24)  # then a message stays failed
# A claim older than this is a worker that died mid-send: longer than any send's timeouts.
OUTBOX_STALE_SECONDS = env_int("OUTBOX_STALE_SECONDS", 300)
# A message queued this long ago and still not taken lost its queue message: the sweep queues it.
OUTBOX_REQUEUE_SECONDS = env_int("OUTBOX_REQUEUE_SECONDS", 300)
OUTBOX_SWEEP_SECONDS = env_int("OUTBOX_SWEEP_SECONDS", 60)  # how often beat runs the sweep
# A person gets at most one message of a kind per this many minutes; later events join it.
OUTBOX_BATCH_MINUTES = env_int("OUTBOX_BATCH_MINUTES", 60)
OUTBOX_HTTP_TIMEOUT = env_int("OUTBOX_HTTP_TIMEOUT", 10)  # seconds, robots and SMS gateway
# Webhooks only to these hosts (an administrator enters robots; this stops a typo or worse).
OUTBOX_WEBHOOK_HOSTS = env_list("OUTBOX_WEBHOOK_HOSTS", "qyapi.weixin.qq.com,oapi.dingtalk.com")
# Where robot and SMS messages go: "http" (the platforms) or "files" (var/outbox/, like e-mail
# in var/mail/: the embedded default).
OUTBOX_TRANSPORT = env_str("OUTBOX_TRANSPORT", "http")
OUTBOX_FILE_PATH = VAR_DIR / "outbox"
# The district's 政务短信平台 (each province's differs): URL, method, parameters, the text.
# SMS_GATEWAY_PARAMS is JSON; {mobile} and {text} are filled in, every other value sent as is
# (credentials come from the environment, never from the code).
SMS_GATEWAY_URL = env_str("SMS_GATEWAY_URL")
SMS_GATEWAY_METHOD = env_str("SMS_GATEWAY_METHOD", "POST")
SMS_GATEWAY_FORMAT = env_str("SMS_GATEWAY_FORMAT", "json")  # json or form
SMS_GATEWAY_PARAMS = env_str("SMS_GATEWAY_PARAMS") or '{"mobile": "{mobile}", "content": "{text}"}'
SMS_GATEWAY_OK = env_str("SMS_GATEWAY_OK", "")  # "code=0": the answer's field that means sent
SMS_SIGNATURE = env_str("SMS_SIGNATURE", "【重点项目督导】")  # 短信签名, put before the text
SMS_MAX_CHARS = env_int("SMS_MAX_CHARS", 300)

# China's working days (projects/workdays.py): the district's own extra days off and working
# days (YYYY-MM-DD, comma-separated), on top of the State Council's calendar.
DISTRICT_DAYS_OFF = env_list("DISTRICT_DAYS_OFF")
DISTRICT_WORKDAYS = env_list("DISTRICT_WORKDAYS")
# Workbook uploads (register import, weekly sheet) are checked before they are parsed.
WORKBOOK_MAX_BYTES = env_int("WORKBOOK_MAX_BYTES", 10 * 1024 * 1024)
WORKBOOK_MAX_UNCOMPRESSED = env_int("WORKBOOK_MAX_UNCOMPRESSED", 100 * 1024 * 1024)
WORKBOOK_MAX_RATIO = env_int("WORKBOOK_MAX_RATIO", 200)  # uncompressed ÷ compressed, per part
WORKBOOK_MAX_ROWS = env_int("WORKBOOK_MAX_ROWS", 20_000)  # per sheet, counted and declared
WORKBOOK_MAX_CELLS = env_int("WORKBOOK_MAX_CELLS", 2_000_000)  # rows × columns declared
WORKBOOK_MAX_COLUMNS = env_int("WORKBOOK_MAX_COLUMNS", 200)  # columns read; the rest ignored
# A register with more data rows than this is parsed by the worker, with a progress bar.
WORKBOOK_INLINE_ROWS = env_int("WORKBOOK_INLINE_ROWS", 1000)

# Sessions (audit/sessions.py): ended after this many idle minutes, and this many hours after
# sign-in at most; one live session per account. The cookie never outlives the longest session.
AUTH_IDLE_MINUTES = env_int("AUTH_IDLE_MINUTES", 30)
AUTH_ABSOLUTE_HOURS = env_int("AUTH_ABSOLUTE_HOURS", 12)
SESSION_COOKIE_AGE = AUTH_ABSOLUTE_HOURS * 3600
# With Redis, a request reads its session from it, not with a query (config/sessions.py); a
# per-process cache would let one worker keep a session another has ended: the database alone.
SESSION_ENGINE = "config.sessions" if REDIS_URL else "django.contrib.sessions.backends.db"
# The security audit log keeps entries this many days (never fewer than 180: audit/purge.py).
AUDIT_KEEP_DAYS = max(env_int("AUDIT_KEEP_DAYS", 180), 180)
AUDIT_EXPORT_MAX_ROWS = env_int("AUDIT_EXPORT_MAX_ROWS", 200_000)  # one CSV export at most
# The second factor (twofactor/): administrators, supervisors, the security and audit
# administrators must sign in with an authenticator code; local.py turns it off for the demo.
SECOND_FACTOR_ENFORCED = env_bool("SECOND_FACTOR_ENFORCED", True)
SECOND_FACTOR_EXEMPT_URLS = env_list("SECOND_FACTOR_EXEMPT_URLS")  # URL names a step before it
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "重点项目督导")  # the name the authenticator app shows
# Sign-in throttling and password policy (等保2.0 身份鉴别; security/).
# The limits' defaults; the security administrator sets them on /security/policy/ (one row with
# its history), and security.policy.security_policy() returns the limits in force.
SECURITY_POLICY_DEFAULTS = {
    "failure_limit": env_int("SECURITY_FAILURE_LIMIT", 5),  # failed sign-ins before lockout
    "lockout_minutes": env_int("SECURITY_LOCKOUT_MINUTES", 30),
    "password_min_length": env_int("PASSWORD_MIN_LENGTH", 10),
    "password_history": env_int("PASSWORD_HISTORY", 5),  # a new one is none of the last N
    "password_max_age_days": env_int("PASSWORD_MAX_AGE_DAYS", 90),
    # Taken by audit/sessions.py at each sign-in (AUTH_IDLE_MINUTES, AUTH_ABSOLUTE_HOURS above).
    "idle_minutes": AUTH_IDLE_MINUTES,
    "absolute_hours": AUTH_ABSOLUTE_HOURS,
}
# A password set by an administrator, a command or the demo, or past its age, must be changed
# before anything else. Off in the embedded default so the demo accounts work; on in production.
PASSWORD_CHANGE_ENFORCED = env_bool("PASSWORD_CHANGE_ENFORCED", False)
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "security.passwords.ComplexityValidator"},
    {"NAME": "security.passwords.NotUsernameValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "security.passwords.HistoryValidator"},  # also keeps each new password's hash
]
# axes counts failed sign-ins in the database, per account and per address separately.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.AccountBackend",  # ModelBackend, its per-request user read compiled once
]
AXES_ENABLED = env_bool("AXES_ENABLED", True)
AXES_FAILURE_LIMIT = "security.policy.axes_failure_limit"
AXES_COOLOFF_TIME = "security.policy.axes_cool_off"
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "security.handlers.AttemptsHandler"  # axes' database handler, fewer round trips
# A refused attempt while locked does not lengthen the lockout: it ends when it said it would.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# A good password clears the account's own count only (security.receivers), not the address's.
AXES_RESET_ON_SUCCESS = False
AXES_LOCKOUT_CALLABLE = "security.lockouts.lockout_response"
# The address as the audit log takes it (the deployment's middleware decides about proxies).
AXES_CLIENT_IP_CALLABLE = "audit.log.client_address"
# Sign-ins are kept by the audit log; the lockouts page is the security administrator's.
AXES_DISABLE_ACCESS_LOG = True
AXES_ENABLE_ADMIN = False
AXES_VERBOSE = False
LOGGING["loggers"] = {"axes": {"level": env_str("AXES_LOG_LEVEL", "ERROR")}}  # audit log has it
# Behind our nginx only: the header it sets to the client's address (X-Real-IP), so the audit
# log and the lockout per address see the client, not the proxy. Unset: REMOTE_ADDR as is.
PROXY_CLIENT_IP_HEADER = env_str("PROXY_CLIENT_IP_HEADER")

# Security headers (等保2.0 入侵防范; docs/SECURITY.md). Static files (WhiteNoise) answer before
# these middlewares and keep their long cache; every response gets the CSP and Permissions-Policy.
# No inline script, no inline style: page behaviour is in static/js/, spacing in app.css, and bar
# widths are set by static/js/page.js through the DOM (which a CSP allows) from data attributes.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Features no page uses are off. Phone photos come from <input type="file" capture>, which opens
# the camera app outside the page and needs no camera permission.
PERMISSIONS_POLICY = {
    feature: ()
    for feature in (
        "accelerometer ambient-light-sensor autoplay bluetooth camera display-capture "
        "document-domain encrypted-media geolocation gyroscope hid idle-detection magnetometer "
        "microphone midi payment picture-in-picture publickey-credentials-get serial usb "
        "xr-spatial-tracking"
    ).split()
} | {"fullscreen": ("self",)}  # the wall screen may go full screen on its own display
