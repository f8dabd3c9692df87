"""Settings for the test suite.

DATABASE_URL and REDIS_URL come from the environment as everywhere else: CI
points them at PostgreSQL and Redis; with neither set the suite runs on SQLite.
Tasks are never made eager here beyond what base.py does with no REDIS_URL, so
tests see the same after-commit ordering as production.
"""

from .base import *  # noqa: F401,F403
from .base import env

DEBUG = False
SECRET_KEY = "test-secret-key"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Emails go through the outbox and are delivered to django.core.mail.outbox
# (tests/conftest.py keeps the outbox backend, which Django's test set-up replaces).
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
LANGUAGE_CODE = "fr-ca"
LOGGING["root"]["level"] = env("LOG_LEVEL", default="WARNING")  # noqa: F405

# A queue of its own, so a developer's running worker never takes test tasks.
CELERY_TASK_DEFAULT_QUEUE = "comptoir-tests"
