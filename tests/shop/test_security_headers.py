"""Pages served with the production settings carry the security headers and safe cookies.

shop/settings/production.py is read with a production environment, as at
start-up, and every setting it changes is applied here except the machine's
own (database, cache, storage, email, logging), so real responses of the test
server show what browsers will get.
"""

import importlib
import secrets
import sys

import pytest
from django.conf import settings as django_settings
from django.test import override_settings

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

HOST = "comptoir.example.org"
MACHINE_SETTINGS = {"DATABASES", "CACHES", "CACHE_URL", "STORAGES", "EMAIL_BACKEND",
                    "EMAIL_DELIVERY_BACKEND", "LOGGING",
                    "PASSWORD_HASHERS", "SECRET_KEY", "CELERY_TASK_DEFAULT_QUEUE", "REDIS_URL",
                    "CELERY_BROKER_URL", "CELERY_TASK_ALWAYS_EAGER"}


def production_settings(monkeypatch, **environ):
    """The settings shop.settings.production defines that differ from the tests' own."""
    monkeypatch.setenv("SECRET_KEY", secrets.token_urlsafe(64))
    monkeypatch.setenv("DATABASE_URL", "postgres://comptoir@db.example.org/comptoir")
    monkeypatch.setenv("ALLOWED_HOSTS", HOST)
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delitem(sys.modules, "shop.settings.production", raising=False)
    production = importlib.import_module("shop.settings.production")
    monkeypatch.delitem(sys.modules, "shop.settings.production")
    return {name: getattr(production, name) for name in dir(production)
            if name.isupper() and name not in MACHINE_SETTINGS
            and getattr(production, name) != getattr(django_settings, name, object())}


@pytest.fixture
def in_production(monkeypatch):
    def apply(**environ):
        overridden = override_settings(**production_settings(monkeypatch, **environ))
        overridden.enable()
        applied.append(overridden)

    applied = []
    yield apply
    for overridden in reversed(applied):
        overridden.disable()


def https_get(client, path):
    return client.get(path, secure=True, HTTP_HOST=HOST)


class TestAPageInProduction:
    def test_carries_hsts_with_the_configured_duration(self, client, in_production):
        in_production(SECURE_HSTS_SECONDS="7200")
        response = https_get(client, "/accounts/login/")
        assert response.status_code == 200
        assert response["Strict-Transport-Security"] == "max-age=7200; includeSubDomains; preload"

    def test_carries_a_year_of_hsts_by_default(self, client, in_production, monkeypatch):
        monkeypatch.delenv("SECURE_HSTS_SECONDS", raising=False)
        in_production()
        response = https_get(client, "/accounts/login/")
        assert response["Strict-Transport-Security"].startswith("max-age=31536000;")

    def test_carries_the_content_frame_referrer_and_opener_headers(self, client, in_production):
        in_production()
        response = https_get(client, "/accounts/login/")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["Cross-Origin-Opener-Policy"] == "same-origin"

    def test_sets_a_secure_http_only_csrf_cookie(self, client, in_production):
        in_production()
        cookie = https_get(client, "/accounts/login/").cookies["csrftoken"]
        assert cookie["secure"] and cookie["httponly"]
        assert cookie["samesite"] == "Lax"

    def test_logging_in_sets_a_secure_http_only_session_cookie(self, client, in_production):
        in_production()
        UserFactory(email="lea@example.org")
        https_get(client, "/accounts/login/")
        response = client.post("/accounts/login/", {
            "login-username": "lea@example.org", "login-password": "motdepasse-123",
            "login_submit": "1",
        }, secure=True, HTTP_HOST=HOST)
        assert response.status_code == 302
        cookie = response.cookies["sessionid"]
        assert cookie["secure"] and cookie["httponly"]
        assert cookie["samesite"] == "Lax"

    def test_plain_http_is_sent_to_https(self, client, in_production):
        in_production()
        response = client.get("/accounts/login/", HTTP_HOST=HOST)
        assert response.status_code == 301
        assert response["Location"] == f"https://{HOST}/accounts/login/"

    def test_behind_the_tls_proxy_a_forwarded_https_request_is_served(self, client, in_production):
        in_production()
        response = client.get("/accounts/login/", HTTP_HOST=HOST, HTTP_X_FORWARDED_PROTO="https")
        assert response.status_code == 200
        assert "Strict-Transport-Security" in response


def test_the_tests_own_settings_do_not_pretend_to_be_production(client):
    """The headers above come from production.py, not from settings every run shares."""
    response = client.get("/accounts/login/")
    assert "Strict-Transport-Security" not in response
    assert not response.cookies["csrftoken"]["secure"]
