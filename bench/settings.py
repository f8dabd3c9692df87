"""Our shop as the benchmark serves it: production-like, plain HTTP on 127.0.0.1.

Everything of shop.settings.base (the same apps, middleware, templates and
persistent connections as production), with DEBUG off and what a local run
needs instead of production's secrets and TLS: a fixed key, loopback hosts, no
SSL redirect, the benchmark's own PostgreSQL database and Redis database 7.
"""

import os
from pathlib import Path

from shop.settings.base import *  # noqa: F401,F403
from shop.settings.base import DATABASES, LOGGING, RATELIMITS, _cache_url_beside, env

BENCH_VAR = Path(os.environ.get("BENCH_VAR", Path(__file__).resolve().parent / "var"))

DEBUG = False
SECRET_KEY = "bench-only-" + "k" * 60
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
SECURE_SSL_REDIRECT = False

DATABASES["default"] = env.db_url_config(
    os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/comptoir_bench")
)
DATABASES["default"]["CONN_MAX_AGE"] = 60
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

# Tasks go to Redis as in production (no worker runs: queued is what counts);
# with BENCH_REDIS_URL empty they run in-process after commit instead.
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/7")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_DEFAULT_QUEUE = "comptoir-bench"

# The cache as in production: Redis, in the database after the broker's (8),
# shared by both workers; in-process memory when Redis is not there.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if REDIS_URL:
    CACHES["default"] = {
        "BACKEND": "shop.cache.TolerantRedisCache",
        "LOCATION": _cache_url_beside(REDIS_URL),
        "KEY_PREFIX": "comptoir-bench",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
# BENCH_CATALOGUE_CACHE_SECONDS=0 serves every page rendered afresh (the
# "nothing cached" rows of the report).
CATALOGUE_CACHE_SECONDS = int(os.environ.get("BENCH_CATALOGUE_CACHE_SECONDS", 300))

# The load comes from one address at 50 SMS a second: the webhook's rate limit
# is still checked on each request, but set above what the load sends.
RATELIMITS = {**RATELIMITS, "webhook-ip": "1000000/60"}

EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"
TWILIO_ENABLED = False
TWILIO_AUTH_TOKEN = "bench-twilio-auth-token"
PUBLIC_BASE_URL = os.environ.get("BENCH_PUBLIC_BASE_URL", "http://127.0.0.1:8701")

MEDIA_ROOT = BENCH_VAR / "media-ours"
STATIC_ROOT = BENCH_VAR / "static-ours"
LOGGING["root"]["level"] = "WARNING"
TWILIO_ACCOUNT_SID = "AC" + "0" * 32
TWILIO_FROM_NUMBER = "+15145550100"
BENCH_SMS_BODY = os.environ.get("BENCH_SMS_BODY", "STATUT")
