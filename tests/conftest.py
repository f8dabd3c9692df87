"""Suite-wide fixtures and the database vendor check.

CI sets REQUIRE_DB_VENDOR=postgresql: the run stops at once if the tests would
run on anything else. The header of every run says which database it used.
"""

import os

import pytest
from django.db import connection


def pytest_report_header(config):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    vendor = {"postgresql": "postgresql", "sqlite3": "sqlite"}.get(engine, engine)
    broker = "redis" if settings.REDIS_URL else "in-process (no REDIS_URL)"
    return [f"database: {vendor}", f"celery broker: {broker}"]


def pytest_sessionstart(session):
    required = os.environ.get("REQUIRE_DB_VENDOR")
    if required and connection.vendor != required:
        raise pytest.UsageError(
            f"REQUIRE_DB_VENDOR={required} but the tests would run on {connection.vendor}; "
            "set DATABASE_URL."
        )


@pytest.fixture(autouse=True)
def _french_by_default(settings):
    settings.LANGUAGE_CODE = "fr-ca"


@pytest.fixture
def sellers(db):
    from tests.factories import SellerFactory

    return {
        "bookshop": SellerFactory(name="Librairie du Quartier", kind="bookshop"),
        "tools": SellerFactory(name="Outilthèque Rosemont", kind="tool_library"),
    }
