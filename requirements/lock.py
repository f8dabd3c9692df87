"""Keep the lock files in step with pyproject.toml.

``requirements/base.txt`` (what the shop runs on) and ``requirements/test.txt``
(that, plus what the tests need) pin every package, dependencies of dependencies
included, to one version and its hashes. pyproject.toml keeps the ranges. Each
lock file carries a digest of the ranges it was made from:

    python3 requirements/lock.py check   # fails, saying what to do, when they differ
    python3 requirements/lock.py stamp   # writes the digest (``make lock`` does it)

Standard library only: it runs before anything is installed.
"""

import hashlib
import json
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCKS = {"base.txt": (), "test.txt": ("test",)}
MARK = "# pyproject digest: "


def digest(extras) -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {
        "requires-python": project.get("requires-python", ""),
        "dependencies": sorted(project.get("dependencies", [])),
        "extras": {name: sorted(project["optional-dependencies"][name]) for name in extras},
        "build": (ROOT / "requirements" / "build.in").read_text(encoding="utf-8"),
    }
    return hashlib.sha256(json.dumps(wanted, sort_keys=True).encode()).hexdigest()


def recorded(lock: Path) -> str:
    for line in lock.read_text(encoding="utf-8").splitlines():
        if line.startswith(MARK):
            return line[len(MARK):].strip()
    return ""


def check() -> int:
    stale = [name for name, extras in LOCKS.items()
             if recorded(ROOT / "requirements" / name) != digest(extras)]
    if stale:
        print("The dependencies in pyproject.toml changed since the lock files were made "
              f"(requirements/{', requirements/'.join(stale)}).\n"
              "Refresh them with `make lock`, check the versions it picked "
              "(git diff requirements/), and commit them with pyproject.toml.", file=sys.stderr)
        return 1
    return 0


def stamp() -> int:
    for name, extras in LOCKS.items():
        lock = ROOT / "requirements" / name
        lines = [line for line in lock.read_text(encoding="utf-8").splitlines()
                 if not line.startswith(MARK)]
        lines.insert(2, MARK + digest(extras))
        lock.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    sys.exit({"check": check, "stamp": stamp}[command]())
