"""Serve the demo from a folder of its own, for the screenshots and the Lighthouse run.

``demo_server(workdir=..., production_like=...)`` migrates a fresh SQLite file in
``workdir``, loads the demo (as ``make demo`` does), starts a server on a free
port and yields its base URL; the server is stopped on the way out, whatever
happens. Nothing touches the developer's own database or media folder.

- ``production_like=False``: ``runserver`` with the dev settings (DEBUG on).
- ``production_like=True``: the production settings (DEBUG off), static files
  collected to ``workdir`` and served by WhiteNoise with their compressed
  copies, under gunicorn as in the Docker image (gunicorn is in the locked
  dependencies). What the proxy in front does in production is done here:
  ``tools.demo_settings`` compresses pages, ``tools.demo_wsgi`` serves the
  uploaded pictures.
"""

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = Path(sys.executable)
DEMO_COMMANDS = ("load_demo", "load_demo_services", "load_demo_rentals", "load_demo_orders")
HOST = "localhost"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def demo_environment(workdir: Path, *, production_like: bool) -> dict:
    """The environment of every command: SQLite, media and static files in ``workdir``."""
    env = {key: value for key, value in os.environ.items()
           if key not in {"DATABASE_URL", "REDIS_URL", "CACHE_URL", "DJANGO_SETTINGS_MODULE"}}
    env.update(
        DATABASE_URL=f"sqlite:///{workdir / 'demo.sqlite3'}",
        MEDIA_ROOT=str(workdir / "media"),
        STATIC_ROOT=str(workdir / "static"),
        ALLOWED_HOSTS="localhost,127.0.0.1",
        PYTHONPATH=str(ROOT),
    )
    if production_like:
        env.update(
            DJANGO_SETTINGS_MODULE="tools.demo_settings",  # production's, pages compressed
            SECRET_KEY=secrets.token_urlsafe(64),
            SECURE_SSL_REDIRECT="false",  # plain http on this machine
            SECURE_HSTS_SECONDS="0",
            EMAIL_DELIVERY_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        )
    else:
        env.update(DJANGO_SETTINGS_MODULE="shop.settings.dev", DEBUG="true")
    return env


def manage(*args, env, log):
    subprocess.run([str(PYTHON), "manage.py", *args], cwd=ROOT, env=env, check=True,
                   stdout=log, stderr=subprocess.STDOUT, timeout=600)


def server_command(port: int, *, production_like: bool) -> list[str]:
    if production_like:
        gunicorn = PYTHON.parent / "gunicorn"
        return [str(gunicorn), "tools.demo_wsgi:application", "--bind", f"127.0.0.1:{port}",
                "--workers", "2", "--threads", "4", "--log-level", "warning"]
    return [str(PYTHON), "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]


def wait_until_up(url: str, *, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5).close()
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"The demo server did not answer at {url} within {seconds} s.")


@dataclass(frozen=True)
class DemoSite:
    base_url: str
    env: dict

    def use_its_database(self):
        """Set up Django in this process on the served demo's database (to look up URLs)."""
        import django

        os.environ.update(self.env)
        if str(ROOT) not in sys.path:
            sys.path.insert(0, str(ROOT))
        django.setup()


@contextmanager
def demo_server(*, workdir: Path, production_like: bool):
    """Yield the ``DemoSite`` served from ``workdir`` (see the module docstring)."""
    workdir.mkdir(parents=True, exist_ok=True)
    env = demo_environment(workdir, production_like=production_like)
    with open(workdir / "server.log", "w") as log:
        print(f"Preparing the demo in {workdir} (log: {log.name})…", flush=True)
        manage("migrate", "--noinput", env=env, log=log)
        for command in DEMO_COMMANDS:
            manage(command, env=env, log=log)
        if production_like:
            shutil.rmtree(workdir / "static", ignore_errors=True)
            manage("collectstatic", "--noinput", env=env, log=log)
        port = free_port()
        server = subprocess.Popen(server_command(port, production_like=production_like),
                                  cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        base_url = f"http://{HOST}:{port}"
        try:
            wait_until_up(base_url + "/")
            print(f"Demo served at {base_url}/ by "
                  f"{'gunicorn (production settings)' if production_like else 'runserver'}.",
                  flush=True)
            yield DemoSite(base_url=base_url, env=env)
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
