"""Settings shared by every way of running Comptoir.

Everything that differs between machines is read from the environment through
the one ``env`` object below. The defaults make a newcomer's first run work with
no outside service: SQLite, tasks in-process, Stripe and Twilio switched off.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F401,F403

from shop.order.statuses import (
    LINE_STATUS_PIPELINE,
    ORDER_STATUS_CASCADE,
    ORDER_STATUS_PIPELINE,
    OrderStatus,
)

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# --- Applications -----------------------------------------------------------
INSTALLED_APPS = [
    # Before the admin: English names of categories, product types, attributes.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.humanize",
    "shop.apps.ShopConfig",
    "shop.accounts.apps.AccountsConfig",
    "shop.people.apps.PeopleConfig",
    "oscar.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "shop.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "shop.shipping.apps.ShippingConfig",
    "shop.catalogue.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "shop.partner.apps.PartnerConfig",
    "shop.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "shop.order.apps.OrderConfig",
    "oscar.apps.customer.apps.CustomerConfig",
    "shop.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "shop.dashboard.apps.DashboardConfig",
    "shop.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "shop.dashboard.orders.apps.OrdersDashboardConfig",
    "shop.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "shop.dashboard.offers.apps.OffersDashboardConfig",
    "shop.dashboard.partners.apps.PartnersDashboardConfig",
    "shop.dashboard.pages.apps.PagesDashboardConfig",
    "shop.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "haystack",
    "treebeard",
    "django_tables2",
    "sorl.thumbnail",
    # Installed for its translations: phone number errors in French.
    "phonenumber_field",
    "shop.notifications.apps.NotificationsConfig",
    "shop.payments.apps.PaymentsConfig",
    "shop.ledger.apps.LedgerConfig",
    # After the ledger: their receivers of "order paid/refunded" read what it wrote.
    "shop.payouts.apps.PayoutsConfig",
    "shop.invoices.apps.InvoicesConfig",
    "shop.statements.apps.StatementsConfig",
    "shop.balance.apps.BalanceConfig",
    "shop.rentals.apps.RentalsConfig",
    "shop.nearby.apps.NearbyConfig",
    "services.apps.ServicesConfig",
    "drivers.apps.DriversConfig",
    "phone_orders.apps.PhoneOrdersConfig",
    "shop.reports.apps.ReportsConfig",
    # Running it: health checks, logs, error reports, metrics, backups.
    "shop.health.apps.HealthConfig",
    "shop.observability.apps.ObservabilityConfig",
    "shop.backups.apps.BackupsConfig",
    # Two-step sign-in for staff (shop/twofactor): authenticator apps and recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "shop.twofactor.apps.TwoFactorConfig",
]

SITE_ID = 1

MIDDLEWARE = [
    # First: the request id of every log line, and the request metrics (shop/observability).
    "shop.observability.middleware.RequestContextMiddleware",
    # A first-time visitor's catalogue page straight from the cache, with the headers the
    # middleware below gave it when it was rendered (shop/catalogue/page_cache.py).
    "shop.catalogue.page_cache.WholePageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # The Content-Security-Policy header of every response (shop/csp.py).
    "shop.csp.ContentSecurityPolicyMiddleware",
    # A NUL byte in the path or query string: 400 before anything reads it.
    "shop.middleware.RejectNulBytesMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "shop.middleware.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "shop.twofactor.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
]

ROOT_URLCONF = "shop.urls"
WSGI_APPLICATION = "shop.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.template.context_processors.i18n",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
                "shop.context_processors.taxes",
                "shop.catalogue.cache.csrf_stand_in",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
# Persistent connections with health checks: a new PostgreSQL connection per
# request costs about 7 ms here and caps even an empty page near 235 req/s.
DATABASES = {
    "default": env.db("DATABASE_URL", default="sqlite:///" + str(BASE_DIR / "db.sqlite3")),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"


# --- Accounts ---------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
# One backend: email and password, the hasher run once per attempt (shop/accounts/backends.py).
AUTHENTICATION_BACKENDS = ["shop.accounts.backends.EmailBackend"]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_REDIRECT_URL = "/"
PHONENUMBER_DEFAULT_REGION = "CA"
PHONENUMBER_DB_FORMAT = "E164"

# --- Language, time, money --------------------------------------------------
LANGUAGE_CODE = "fr-ca"
LANGUAGES = [("fr-ca", _("French")), ("en", _("English"))]
# The project's strings first, then Québec French for Oscar's own strings where
# its fr catalogue has none or a wrong one (locale_oscar: out of makemessages' reach).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale_oscar"]
# "3 décembre 2026, 23 h 30" (shop/formats: Django's fr_CA prints "23 11 30").
FORMAT_MODULE_PATH = ["shop.formats"]
# Catalogue names in both languages (shop/catalogue/translation.py): the French
# value is the default one; a missing translation shows the other language.
MODELTRANSLATION_DEFAULT_LANGUAGE = "fr-ca"
MODELTRANSLATION_LANGUAGES = ("fr-ca", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("fr-ca", "en")}
TIME_ZONE = "America/Toronto"
USE_I18N = True
USE_TZ = True

OSCAR_DEFAULT_CURRENCY = "CAD"
OSCAR_CURRENCY_FORMAT = {"CAD": {"currency_digits": False, "format_type": "standard"}}

# --- Static and media -------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}

# --- Oscar ------------------------------------------------------------------
OSCAR_SHOP_NAME = "Comptoir"
# The cooperative's own GST and QST numbers, printed on its invoices (delivery charges).
COOPERATIVE_GST_NUMBER = env("COOPERATIVE_GST_NUMBER", default="")
COOPERATIVE_QST_NUMBER = env("COOPERATIVE_QST_NUMBER", default="")
OSCAR_SHOP_TAGLINE = _("The cooperative counter")
OSCAR_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="comptoir@example.org")
DEFAULT_FROM_EMAIL = OSCAR_FROM_EMAIL
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_REQUIRED_ADDRESS_FIELDS = ("first_name", "last_name", "line1", "line4", "postcode", "country")
OSCAR_INITIAL_ORDER_STATUS = OrderStatus.PENDING_PAYMENT
OSCAR_INITIAL_LINE_STATUS = OrderStatus.PENDING_PAYMENT
OSCAR_ORDER_STATUS_PIPELINE = ORDER_STATUS_PIPELINE
OSCAR_LINE_STATUS_PIPELINE = LINE_STATUS_PIPELINE
OSCAR_ORDER_STATUS_CASCADE = ORDER_STATUS_CASCADE
OSCAR_EAGER_ALERTS = False
OSCAR_THUMBNAILER = "oscar.core.thumbnails.SorlThumbnail"
THUMBNAIL_DEBUG = False
THUMBNAIL_KEY_PREFIX = "comptoir"
THUMBNAIL_QUALITY = 85  # JPEG thumbnails; sorl-thumbnail's 95 doubles their weight
# The picture of a product that has none ("Image à venir"): Oscar finds it among
# the static files as oscar/img/<this name> (shop/static/oscar/img/) and links it
# into MEDIA_ROOT for the thumbnailer.
OSCAR_MISSING_IMAGE_URL = "image-a-venir.jpg"

# Browsing and search run on the database (see shop/search): they work the same
# on SQLite and PostgreSQL. Haystack stays installed because Oscar imports it;
# no index is kept.
HAYSTACK_CONNECTIONS = {
    "default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"},
}
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"

# --- Background work --------------------------------------------------------
# With no REDIS_URL, tasks run in-process (still only after the transaction
# that queued them has committed). Broker timeouts are short so that a Redis
# outage makes .delay() fail fast instead of hanging a request.
REDIS_URL = env("REDIS_URL", default="")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_BROKER_CONNECTION_TIMEOUT = 2
# These two concern only workers: one that loses Redis waits for it to come
# back (retrying forever) instead of shutting down. Queuing from a request still
# fails fast: the transport's max_retries and no publish retry, below.
CELERY_BROKER_CONNECTION_RETRY = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_timeout": 2,
    "socket_connect_timeout": 2,
    "max_retries": 0,
    "retry_on_timeout": False,
    # A task taken by a worker that dies before acknowledging it (killed,
    # out of memory, machine lost) goes back to the queue this many seconds
    # after it was taken. Tasks here take seconds, so 300 s (Celery's default
    # is an hour); it must stay longer than the longest retry countdown (the
    # outbox's 240 s backoff), or a waiting retry is delivered twice.
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=300),
}
CELERY_TASK_PUBLISH_RETRY = False
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
# With acks_late, a task whose worker process is killed is put back in the
# queue instead of being acknowledged as failed; tasks are written to run
# twice safely (keyed on ids, under select_for_update).
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1

# --- Cache ------------------------------------------------------------------------
# Shared by every web worker (rate limits, cached page parts): Redis when there
# is one, in the database after the broker's (redis://host:6379/0 -> .../1) unless
# CACHE_URL says otherwise; in-process memory with no Redis at all.


def _cache_url_beside(broker_url: str) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(broker_url)
    db = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{db + 1}"))


CACHE_URL = env("CACHE_URL", default="") or (_cache_url_beside(REDIS_URL) if REDIS_URL else "")
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "shop.cache.TolerantRedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "comptoir",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# Seconds a cached part of a catalogue page (menu, product cards, product page)
# may be served at most; any change to the catalogue makes it stale at once.
CATALOGUE_CACHE_SECONDS = env.int("CATALOGUE_CACHE_SECONDS", default=300)

# --- Rate limits (shop/ratelimit.py) ----------------------------------------------
# "hits/seconds" per scope, counted in the shared cache above; "0" is no limit.
# Logins count by address and by the username tried. Webhooks: only requests
# whose signature fails (unsigned, forged) count, by source address; what Stripe
# and Twilio sign is never limited (Twilio does not retry an SMS answered 429).


def _rate(name: str, default: str) -> str:
    import re

    from django.core.exceptions import ImproperlyConfigured

    value = env(name, default=default).strip()
    if not re.fullmatch(r"0|[1-9]\d*/[1-9]\d*", value):
        raise ImproperlyConfigured(f"{name}={value!r}: write hits/seconds (for example 10/300), "
                                   "or 0 for no limit.")
    return value


RATELIMIT_ENABLED = env.bool("RATELIMIT_ENABLED", default=True)
RATELIMITS = {
    "login-ip": _rate("RATELIMIT_LOGIN_IP", "30/300"),
    "login-username": _rate("RATELIMIT_LOGIN_USERNAME", "10/300"),
    "register-ip": _rate("RATELIMIT_REGISTER_IP", "10/3600"),
    "reset-ip": _rate("RATELIMIT_RESET_IP", "10/3600"),
    "reset-email": _rate("RATELIMIT_RESET_EMAIL", "3/3600"),
    "webhook-ip": _rate("RATELIMIT_WEBHOOK_IP", "600/60"),
    "otp-ip": _rate("RATELIMIT_OTP_IP", "30/300"),
    "otp-username": _rate("RATELIMIT_OTP_USERNAME", "5/300"),
}
# How many proxies of ours stand in front of the shop, each appending to
# X-Forwarded-For the address it received from: the client's address is that
# many hops from the right. 0: REMOTE_ADDR (production: 1, its TLS proxy).
RATELIMIT_PROXY_COUNT = env.int("RATELIMIT_PROXY_COUNT", default=0)

# --- Content-Security-Policy (django-csp; shop/csp.py, README) ---------------------
# Storefront: scripts only from the shop's own files, never inline (no
# 'unsafe-inline', no nonce: whole pages are cached). Styles may be inline:
# Oscar's templates and ours carry style attributes and <style> blocks in
# cached pages, and Bootstrap and jQuery set style attributes; rich text keeps
# no style (shop/richtext.py). Images and fonts may be data: URLs (Bootstrap's
# icons). Forms post to the shop, or to it and on to Stripe Checkout (bookings).
from csp.constants import NONE, SELF, UNSAFE_INLINE  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF, "https://checkout.stripe.com"],
    },
}
# Staff pages on Oscar's dashboard layout: the same, but scripts may be inline
# (Oscar's inline scripts and event handlers); TinyMCE puts pasted images in
# blob: URLs.
CONTENT_SECURITY_POLICY_STAFF = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
    },
}
# Paths (without the language prefix) of the staff pages built on that layout.
CONTENT_SECURITY_POLICY_STAFF_PATHS = [
    "/dashboard/",
    "/phone/",
    "/reports/",
    "/notifications/outbox/",
    "/payments/dashboard/",
    "/rentals/desk/",
    "/rentals/inventory/",
]

# --- Email ------------------------------------------------------------------
# Every email goes through the outbox (shop.notifications.mail), which sends it
# after commit through EMAIL_DELIVERY_BACKEND, retried up to EMAIL_MAX_ATTEMPTS.
EMAIL_BACKEND = "shop.notifications.mail.OutboxEmailBackend"
# The real sender: SMTP in production; here the console (emails printed).
EMAIL_DELIVERY_BACKEND = env("EMAIL_DELIVERY_BACKEND", default="django.core.mail.backends.console.EmailBackend")
# Attempts before an email is listed as failed in the outbox (backoff as for SMS).
EMAIL_MAX_ATTEMPTS = env.int("EMAIL_MAX_ATTEMPTS", default=8)
# Seconds before a mail server that does not answer counts as an attempt failed.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)

# --- Outside systems (off unless switched on) -------------------------------
STRIPE_ENABLED = env.bool("STRIPE_ENABLED", default=False)
STRIPE_SECRET_KEY = env("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="")
# Stripe Connect: each seller's share of a card payment transferred to its own
# Stripe account (shop.payouts); acts only when card payments are on too.
STRIPE_CONNECT_ENABLED = env.bool("STRIPE_CONNECT_ENABLED", default=False)
TWILIO_ENABLED = env.bool("TWILIO_ENABLED", default=False)
TWILIO_ACCOUNT_SID = env("TWILIO_ACCOUNT_SID", default="")
TWILIO_AUTH_TOKEN = env("TWILIO_AUTH_TOKEN", default="")
TWILIO_FROM_NUMBER = env("TWILIO_FROM_NUMBER", default="")
PUBLIC_BASE_URL = env("PUBLIC_BASE_URL", default="http://127.0.0.1:8000")

# --- Logging ----------------------------------------------------------------
# LOG_FORMAT: "json" (one JSON object a line; production's default) or "plain".
# Every handler adds the request id, seller, channel and task (shop.observability)
# and masks phone numbers and emails.
LOG_FORMAT = env("LOG_FORMAT", default="plain")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "context": {"()": "shop.observability.logs.ContextFilter"},
        "personal_data": {"()": "shop.observability.logs.PersonalDataFilter"},
    },
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": ["asctime", "levelname", "name", "message", "request_id", "seller", "channel",
                    "task_name", "task_id"],
            "rename_fields": {"asctime": "timestamp", "levelname": "level", "name": "logger",
                              "task_name": "task"},
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT,
                    "filters": ["context", "personal_data"]},
    },
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "oscar": {"level": "WARNING"},
    },
}

# --- Operations: health (shop.health) -----------------------------------------
# Each Celery worker writes its heartbeat to Redis this often (seconds).
HEALTH_WORKER_HEARTBEAT_SECONDS = env.int("HEALTH_WORKER_HEARTBEAT_SECONDS", default=15)
# /readyz says the worker is down when no heartbeat is younger than this (seconds).
HEALTH_WORKER_STALE_SECONDS = env.int("HEALTH_WORKER_STALE_SECONDS", default=60)
# Beat sends its tick every minute; older than this (seconds), beat is down.
HEALTH_BEAT_STALE_SECONDS = env.int("HEALTH_BEAT_STALE_SECONDS", default=180)
# A text or email due and still queued for longer than this (seconds): the outbox is stuck.
HEALTH_OUTBOX_STUCK_SECONDS = env.int("HEALTH_OUTBOX_STUCK_SECONDS", default=900)

# --- Operations: logs, error reports, metrics (shop.observability) ------------
# Error reports go to Sentry when SENTRY_DSN is set (off when empty).
SENTRY_DSN = env("SENTRY_DSN", default="")
# The environment the reports are filed under (production, staging...).
SENTRY_ENVIRONMENT = env("SENTRY_ENVIRONMENT", default="production")
# Share of requests and tasks traced for performance (0: none).
SENTRY_TRACES_SAMPLE_RATE = env.float("SENTRY_TRACES_SAMPLE_RATE", default=0.0)
# GET /metrics answers only "Authorization: Bearer <METRICS_TOKEN>"; empty: 404.
METRICS_TOKEN = env("METRICS_TOKEN", default="")
# Celery workers log through LOGGING too (JSON, request id, masking), not Celery's own format.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
# Several gunicorn workers: PROMETHEUS_MULTIPROC_DIR (read by prometheus_client
# itself) names an empty folder they share; /metrics then adds up their counts.

# --- Operations: backups (shop.backups) ----------------------------------------
# Folder of the archives of `manage.py backup` (docker: /app/backups, a volume).
BACKUP_DIR = env.path("BACKUP_DIR", default=BASE_DIR / "backups")
# How many archives a backup keeps, the newest (0: keep them all).
BACKUP_KEEP = env.int("BACKUP_KEEP", default=14)
# Empty: archives are not encrypted; set: gpg AES256 with it, needed again to restore.
BACKUP_PASSPHRASE = env("BACKUP_PASSPHRASE", default="")

# --- Meal delivery ----------------------------------------------------------
# Days of deliveries the nightly job keeps generated ahead (services.tasks).
MEAL_DELIVERY_DAYS_AHEAD = env.int("MEAL_DELIVERY_DAYS_AHEAD", default=14)

# --- SMS and voice ------------------------------------------------------------
# SMS_BACKEND: "twilio" (real sending), "console" (the demo: logged and kept in
# the dashboard outbox) or "fake" (tests: Twilio's SDK over a fake transport).
SMS_BACKEND = env("SMS_BACKEND", default="twilio" if TWILIO_ENABLED else "console")
TWILIO_MESSAGING_SERVICE_SID = env("TWILIO_MESSAGING_SERVICE_SID", default="")
# The shop's own numbers: SMS come from SHOP_SMS_NUMBER when no Twilio number
# is set; SHOP_PHONE_NUMBER is the one people are told to call.
SHOP_SMS_NUMBER = env("SHOP_SMS_NUMBER", default="+15145550100")
SHOP_PHONE_NUMBER = env("SHOP_PHONE_NUMBER", default="+15145550100")
# No SMS between these local hours (America/Toronto) except direct replies;
# messages written then wait until the end of the quiet hours.
SMS_QUIET_HOURS_START = env.int("SMS_QUIET_HOURS_START", default=21)
SMS_QUIET_HOURS_END = env.int("SMS_QUIET_HOURS_END", default=8)
SMS_MAX_ATTEMPTS = env.int("SMS_MAX_ATTEMPTS", default=5)
SMS_RETRY_BACKOFF_SECONDS = env.int("SMS_RETRY_BACKOFF_SECONDS", default=30)
# Voice: opening hours (local, Monday=0) when callers may be put through to
# the staff numbers (E.164, comma-separated); voicemail otherwise.
PHONE_STAFF_NUMBERS = env.list("PHONE_STAFF_NUMBERS", default=[])
PHONE_OPENING_HOURS = (env.int("PHONE_OPENING_HOUR", default=9), env.int("PHONE_CLOSING_HOUR", default=17))
PHONE_OPENING_DAYS = [int(day) for day in env.list("PHONE_OPENING_DAYS", default=["0", "1", "2", "3", "4"])]
# Meal delivery: the on-call coordinator's phone (E.164), texted when a driver
# finds nobody home (drivers.services.welfare_alert); empty: no such text.
MEALS_ON_CALL_PHONE = env("MEALS_ON_CALL_PHONE", default="")

# --- Payments -----------------------------------------------------------------
# Card payments need STRIPE_ENABLED and both API keys (see "Outside systems").
# A webhook older than the tolerance (seconds) is refused as stale.
STRIPE_WEBHOOK_TOLERANCE = env.int("STRIPE_WEBHOOK_TOLERANCE", default=300)
STRIPE_MAX_NETWORK_RETRIES = env.int("STRIPE_MAX_NETWORK_RETRIES", default=2)
# A payment link (Stripe Checkout Session) stays open this long: 1 to 24 hours.
PAYMENT_LINK_LIFETIME_HOURS = env.int("PAYMENT_LINK_LIFETIME_HOURS", default=23)

# --- Local delivery -----------------------------------------------------------
# Postal code prefixes (FSA) where the cooperative delivers orders to the door
# (shop.shipping.methods.LocalDelivery). The default is the demo's area, around
# its three sellers; a deployment sets its own: LOCAL_DELIVERY_AREA=H2J,H4C,...
LOCAL_DELIVERY_AREA = env.list(
    "LOCAL_DELIVERY_AREA", default=["H2H", "H2J", "H2L", "H2T", "H1V", "H1W", "H3J", "H4C"]
)

# --- Rentals and inventory --------------------------------------------------
# An unpaid online booking holds its unit this long.
RENTALS_HOLD_MINUTES = env.int("RENTALS_HOLD_MINUTES", default=30)
RENTALS_LOW_STOCK_DEFAULT = 3  # low-stock threshold of a stock record that has none

# --- Privacy (Loi 25; shop/people) ----------------------------------------------
# The person in charge of the protection of personal information, named on the
# privacy page (people:privacy). Demo defaults: a deployment sets its own.
PRIVACY_OFFICER_TITLE = env("PRIVACY_OFFICER_TITLE", default="Responsable de la protection des renseignements personnels")
PRIVACY_OFFICER_NAME = env("PRIVACY_OFFICER_NAME", default="Sophie Gagnon")
PRIVACY_OFFICER_EMAIL = env("PRIVACY_OFFICER_EMAIL", default="vie-privee@comptoir.example.org")
PRIVACY_OFFICER_PHONE = env("PRIVACY_OFFICER_PHONE", default="+15145550100")
# Health, diet and allergy notes of a meal client with no delivery and no active
# registration for this many days are erased (shop.people.tasks, daily).
HEALTH_NOTES_RETENTION_DAYS = env.int("HEALTH_NOTES_RETENTION_DAYS", default=730)

# --- Schedules (Celery beat) --------------------------------------------------
from celery.schedules import crontab  # noqa: E402

CELERY_BEAT_SCHEDULE = {
    "services-deliveries-generate": {
        "task": "services.tasks.generate_deliveries",
        "schedule": crontab(hour=1, minute=30),
    },
    "services-waitlist-offers-expire": {
        "task": "services.tasks.expire_waitlist_offers",
        "schedule": crontab(minute=15),
    },
    "phone-sms-reorders-catch-up": {
        "task": "phone_orders.tasks.sms_reorders_catch_up",
        "schedule": 2 * 60,
    },
    "order-confirmations-catch-up": {
        "task": "shop.order.tasks.confirmations_catch_up",
        "schedule": 5 * 60,
    },
    # Beat's own tick, recorded when beat sends it: /readyz sees that beat runs (shop.health).
    "health-beat-tick": {
        "task": "shop.health.tasks.beat_tick",
        "schedule": 60.0,
    },
    "catalogue-product-views-flush": {
        "task": "shop.catalogue.tasks.flush_product_views",
        "schedule": 60.0,
    },
    "notifications-outbox-sweep": {
        "task": "shop.notifications.tasks.outbox_sweep",
        "schedule": 60.0,
    },
    "payments-stripe-events-catch-up": {
        "task": "shop.payments.tasks.stripe_events_catch_up",
        "schedule": 15 * 60,
    },
    # Events stored while Redis was down: applied within a minute of its return.
    "payments-stripe-events-sweep": {
        "task": "shop.payments.tasks.stripe_events_sweep",
        "schedule": 30.0,
    },
    # Transfers to sellers (Stripe Connect) refused or unanswered: asked again.
    "payouts-retry": {
        "task": "shop.payouts.tasks.payouts_retry",
        "schedule": 10 * 60,
    },
    # The evening before: each volunteer driver gets tomorrow's route link by SMS, once.
    "drivers-send-tomorrows-links": {
        "task": "drivers.tasks.send_tomorrows_links",
        "schedule": crontab(minute=0, hour=18),
    },
    "rentals-release-expired-holds": {
        "task": "shop.rentals.tasks.release_expired_holds",
        "schedule": 300.0,
    },
    # Hourly in the day: a missed run is caught up, and each loan still gets
    # one reminder a day at most (shop.rentals.services.reminders).
    "rentals-send-loan-reminders": {
        "task": "shop.rentals.tasks.send_loan_reminders",
        "schedule": crontab(minute=5, hour="9-18"),
    },
    # Daily; each membership is reminded once (shop.rentals.services.membership_reminders).
    "rentals-membership-renewal-reminders": {
        "task": "shop.rentals.tasks.send_membership_renewal_reminders",
        "schedule": crontab(minute=20, hour=10),
    },
    # Daily, at night: health and diet notes kept past HEALTH_NOTES_RETENTION_DAYS.
    "people-health-notes-retention": {
        "task": "shop.people.tasks.erase_stale_health_notes",
        "schedule": crontab(minute=40, hour=3),
    },
}

# --- Dashboard menu -------------------------------------------------------------
# Entries name pages only: each shows to whom its page opens, as the page's app
# declares it (Oscar's apps' permissions_map; ours in shop.staff_pages), asked
# through the one access policy (shop/access.py) by its dotted path.
OSCAR_DASHBOARD_DEFAULT_ACCESS_FUNCTION = "shop.access.menu_access"

# Oscar's "Reports" link becomes a menu holding the impact report too (below).
OSCAR_DASHBOARD_NAVIGATION = [
    entry for entry in OSCAR_DASHBOARD_NAVIGATION  # noqa: F405
    if entry.get("url_name") != "dashboard:reports-index"
] + [
    {
        "label": _("Rentals and inventory"),
        "icon": "fas fa-toolbox",
        "children": [
            {"label": _("Rentals desk"), "url_name": "rentals:desk"},
            {"label": _("Units and calendars"), "url_name": "rentals:unit-list"},
            {"label": _("Sell a membership"), "url_name": "rentals:membership-sell"},
            {"label": _("Stock levels"), "url_name": "rentals:inventory"},
            {"label": _("Low stock"), "url_name": "rentals:low-stock"},
            {"label": _("Import books"), "url_name": "rentals:book-import"},
        ],
    },
    {
        "label": _("Phone and SMS"),
        "icon": "fas fa-phone",
        "children": [
            {"label": _("Phone desk"), "url_name": "phone_orders:desk"},
            {"label": _("Call-back inbox"), "url_name": "phone_orders:inbox"},
            {"label": _("SMS and voice simulator"), "url_name": "phone_orders:simulator"},
            {"label": _("SMS campaigns"), "url_name": "phone_orders:campaigns"},
            {"label": _("Outbox"), "url_name": "notifications:outbox"},
        ],
    },
    {
        "label": _("Payments"),
        "icon": "fas fa-credit-card",
        "children": [
            {"label": _("Settlements by seller"), "url_name": "payments:dashboard-settlement"},
            {"label": _("Accounting export"), "url_name": "ledger:accounting-export"},
            {"label": _("Transfers to sellers"), "url_name": "payouts:transfers"},
        ],
    },
    {
        "label": _("Meal delivery"),
        "icon": "fas fa-utensils",
        "children": [
            {"label": _("Meal delivery"), "url_name": "services:home"},
            {"label": _("Monthly statements"), "url_name": "statements:staff-statements"},
        ],
    },
    {
        "label": _("Reports"),
        "icon": "fas fa-chart-bar",
        "children": [
            {"label": _("Impact report"), "url_name": "reports:impact"},
            {"label": _("Shop reports"), "url_name": "dashboard:reports-index"},
        ],
    },
    {
        "label": _("Privacy (Loi 25)"),
        "icon": "fas fa-user-shield",
        "children": [
            {"label": _("Privacy requests"), "url_name": "people:privacy-requests"},
            {"label": _("Access to personal notes"), "url_name": "people:staff-access-log"},
            {"label": _("Confidentiality incidents"), "url_name": "people:incidents"},
        ],
    },
    # Each seller's public page, written by its own staff (shop.dashboard.partners).
    {"label": _("Seller's public page"), "icon": "fas fa-store", "url_name": "dashboard:seller-page-list"},
]

# --- Two-step sign-in (shop/twofactor) ------------------------------------------
# Administrators and coordinators must give a code from an authenticator app (or
# a recovery code) after their password before any page opens; seller staff may
# set it up, and must when OTP_REQUIRED_FOR_SELLER_STAFF is on.
OTP_REQUIRED_FOR_SELLER_STAFF = env.bool("OTP_REQUIRED_FOR_SELLER_STAFF", default=False)
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default=OSCAR_SHOP_NAME)  # the name shown in the app
# In the admin, administrators remove a lost phone's devices; nobody reads their keys.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
OSCAR_DASHBOARD_NAVIGATION += [  # noqa: F405
    {"label": _("Two-step sign-in"), "icon": "fas fa-shield-alt", "url_name": "twofactor:overview"},
]
