"""A minimal stock django-oscar 4.2 shop, the reference of the benchmark.

Oscar's own apps exactly as shipped (``oscar.INSTALLED_APPS``), Django's own
user model, sorl-thumbnail as in Oscar's sandbox, and the sandbox's search
backend: Whoosh, with an index built by ``update_index`` (Haystack's "simple"
backend lists no product at all, Oscar issue 4366). It runs on the same
PostgreSQL with the same persistent connections as our shop, with the same
catalogue, language and currency, so the two differ only in their code.
"""

import os
from pathlib import Path

import environ
import oscar
from oscar.defaults import *  # noqa: F401,F403

BENCH_VAR = Path(os.environ.get("BENCH_VAR", Path(__file__).resolve().parent.parent / "var"))

DEBUG = False
SECRET_KEY = "bench-stock-oscar-only-" + "s" * 50
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]

INSTALLED_APPS = [*oscar.INSTALLED_APPS, "sorl.thumbnail"]
SITE_ID = 1

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "oscar.apps.basket.middleware.BasketMiddleware",
]

ROOT_URLCONF = "bench.stock_oscar.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
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
            ],
        },
    },
]

DATABASES = {
    "default": environ.Env.db_url_config(
        os.environ.get(
            "BENCH_STOCK_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/comptoir_bench_stock"
        )
    ),
}
DATABASES["default"]["CONN_MAX_AGE"] = 60
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTHENTICATION_BACKENDS = [
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]

HAYSTACK_CONNECTIONS = {
    "default": {
        "ENGINE": "haystack.backends.whoosh_backend.WhooshEngine",
        "PATH": str(BENCH_VAR / "whoosh_index"),
    },
}

LANGUAGE_CODE = "fr-ca"
TIME_ZONE = "America/Toronto"
USE_I18N = True
USE_TZ = True
OSCAR_DEFAULT_CURRENCY = "CAD"

STATIC_URL = "/static/"
STATIC_ROOT = BENCH_VAR / "static-stock"
MEDIA_URL = "/media/"
MEDIA_ROOT = BENCH_VAR / "media-stock"
THUMBNAIL_DEBUG = False
THUMBNAIL_KEY_PREFIX = "oscar-stock"

EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
