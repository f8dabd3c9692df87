"""Production settings: secrets have no default, unsafe values stop start-up."""

from copy import deepcopy

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F401,F403
from .base import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="")
_UNSAFE_KEYS = {"", "change-me", "changeme", "dev-only-insecure-key-do-not-use-in-production"}
if SECRET_KEY in _UNSAFE_KEYS or len(SECRET_KEY) < 50 or SECRET_KEY.startswith("django-insecure"):
    raise ImproperlyConfigured(
        "SECRET_KEY is missing or unsafe. Set SECRET_KEY in the environment to a random "
        "value of at least 50 characters (for example: python -c \"import secrets; "
        "print(secrets.token_urlsafe(64))\")."
    )
if not env("DATABASE_URL", default=""):
    raise ImproperlyConfigured("DATABASE_URL is not set (for example postgres://user:pass@host/db).")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
# One JSON object a log line, for the log collector (LOG_FORMAT=plain to read them by eye).
LOG_FORMAT = env("LOG_FORMAT", default="json")
# A copy: base's LOGGING is the very dict any other settings module imported.
LOGGING = deepcopy(LOGGING)  # noqa: F405
LOGGING["handlers"]["console"]["formatter"] = LOG_FORMAT

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The TLS proxy in front appends the client's address to X-Forwarded-For.
RATELIMIT_PROXY_COUNT = env.int("RATELIMIT_PROXY_COUNT", default=1)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
# Forms carry their token; Oscar's dashboard script reads it from the form when
# the cookie is out of its reach.
CSRF_COOKIE_HTTPONLY = True
OSCAR_BASKET_COOKIE_SECURE = True
OSCAR_RECENTLY_VIEWED_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
EMAIL_DELIVERY_BACKEND = env("EMAIL_DELIVERY_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")
