"""Browser journeys: skipped on a machine without Chromium, never in CI."""

import os
import shutil

import pytest


def pytest_runtest_setup(item):
    if item.get_closest_marker("browser") is None or os.environ.get("CI"):
        return
    if not any(shutil.which(name) for name in ("chromium", "chromium-browser", "google-chrome")):
        pytest.skip("no Chromium on this machine")
