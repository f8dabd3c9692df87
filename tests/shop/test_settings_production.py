"""Production settings: Django's deploy check passes, unsafe configuration stops start-up.

Each case starts ``manage.py`` in a fresh process with shop.settings.production,
since those settings are read (and refused) at import time.
"""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
# Read from the environment by the settings; each case sets its own.
SETTINGS_ENV = ("SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "DEBUG", "DJANGO_SETTINGS_MODULE")


def production_env(**overrides):
    """A production-like environment; an override of None removes the variable."""
    env = {name: value for name, value in os.environ.items() if name not in SETTINGS_ENV}
    env.update(
        DJANGO_SETTINGS_MODULE="shop.settings.production",
        SECRET_KEY=secrets.token_urlsafe(64),
        DATABASE_URL=_database_url(),
        ALLOWED_HOSTS="comptoir.example.org",
    )
    for name, value in overrides.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def _database_url():
    url = os.environ.get("DATABASE_URL", "")
    return url if url.startswith("postgres") else "sqlite:////tmp/comptoir-deploy-check.sqlite3"


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def dotenv_defines(name):
    """Whether the local .env (read by the settings) would supply ``name``."""
    dotenv = BASE_DIR / ".env"
    if not dotenv.exists():
        return False
    lines = dotenv.read_text(encoding="utf-8").splitlines()
    return any(line.strip().removeprefix("export ").startswith(name + "=") for line in lines)


def test_deploy_check_reports_no_issue_with_production_values():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr


@pytest.mark.parametrize(
    "secret_key",
    [
        pytest.param("", id="empty"),
        pytest.param("too-short-but-not-empty", id="short"),
        pytest.param("change-me", id="placeholder"),
        pytest.param("dev-only-insecure-key-do-not-use-in-production", id="dev-default"),
        pytest.param("django-insecure-" + "x" * 60, id="django-insecure"),
    ],
)
def test_start_up_fails_clearly_with_an_unsafe_secret_key(secret_key):
    result = manage("check", env=production_env(SECRET_KEY=secret_key))
    assert result.returncode != 0
    assert "SECRET_KEY is missing or unsafe" in result.stderr


@pytest.mark.skipif(dotenv_defines("SECRET_KEY"), reason="the local .env sets SECRET_KEY")
def test_start_up_fails_clearly_without_a_secret_key():
    result = manage("check", env=production_env(SECRET_KEY=None))
    assert result.returncode != 0
    assert "SECRET_KEY is missing or unsafe" in result.stderr


@pytest.mark.skipif(dotenv_defines("DATABASE_URL"), reason="the local .env sets DATABASE_URL")
def test_start_up_fails_clearly_without_a_database_url():
    result = manage("check", env=production_env(DATABASE_URL=None))
    assert result.returncode != 0
    assert "DATABASE_URL is not set" in result.stderr


@pytest.mark.skipif(dotenv_defines("ALLOWED_HOSTS"), reason="the local .env sets ALLOWED_HOSTS")
def test_start_up_fails_clearly_without_allowed_hosts():
    result = manage("check", env=production_env(ALLOWED_HOSTS=None))
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr
