"""The lock files follow pyproject.toml: a dependency changed without `make lock` stops the install."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def checkout(tmp_path):
    """A copy of the project's dependency files, to change without touching the real ones."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copytree(ROOT / "requirements", tmp_path / "requirements")
    return tmp_path


def check(root):
    return subprocess.run([sys.executable, str(root / "requirements" / "lock.py"), "check"],
                          capture_output=True, text=True)


def test_the_committed_lock_files_match_pyproject():
    assert check(ROOT).returncode == 0


def test_a_dependency_added_without_make_lock_is_refused_with_what_to_do(checkout):
    pyproject = checkout / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace(
        '    "Pillow>=10",', '    "Pillow>=10",\n    "nh3>=0.2",'))
    result = check(checkout)
    assert result.returncode == 1
    assert "changed since the lock files were made" in result.stderr
    assert "make lock" in result.stderr


def test_a_range_changed_in_the_test_extras_only_stales_the_test_lock(checkout):
    pyproject = checkout / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('"pytest>=8"', '"pytest>=9"'))
    result = check(checkout)
    assert result.returncode == 1
    assert "requirements/test.txt" in result.stderr and "base.txt" not in result.stderr


def test_every_pinned_line_carries_hashes():
    for name in ("base.txt", "test.txt"):
        text = (ROOT / "requirements" / name).read_text()
        pins = [line for line in text.splitlines() if "==" in line and not line.startswith("#")]
        assert pins and all(line.rstrip().endswith("\\") for line in pins), name
        assert text.count("--hash=sha256:") >= len(pins)
