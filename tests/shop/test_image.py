"""The container image carries every package of the project.

The Dockerfile copies the code folder by folder; a new top-level app left off
its list builds an image that fails at start-up.
"""

import re
import tomllib
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)


def copied_paths():
    line = next(line for line in (ROOT / "Dockerfile").read_text().splitlines()
                if "for path in" in line)
    return set(re.search(r"for path in (.*?);", line).group(1).split())


def test_every_package_of_the_project_is_copied_into_the_image():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    packages = {pattern.rstrip("*") for pattern
                in pyproject["tool"]["setuptools"]["packages"]["find"]["include"]}
    assert packages <= copied_paths()


def test_the_files_the_servers_read_are_copied_too():
    assert {"manage.py", "gunicorn.conf.py", "templates", "locale"} <= copied_paths()
