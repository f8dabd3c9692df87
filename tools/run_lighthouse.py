"""``make lighthouse``: Lighthouse scores of the demo's main pages, with the thresholds we hold.

Serves the demo as production does (``tools.demo_server``, production-like:
DEBUG off, gunicorn, static files collected and served by WhiteNoise), runs
Lighthouse 12 (installed from tools/lighthouse/package-lock.json by ``npm ci``)
on the machine's Chromium with its default mobile settings, prints the four
scores of each page and exits 1 unless every page has accessibility 100, best
practices 100, performance 95 or more and SEO 95 or more, listing the audits
that cost points on each page below a threshold. A page below 95 in
performance is measured up to three times and keeps its best run: a busy
machine lowers that score at random, never raises it. The JSON reports go to
$LIGHTHOUSE_DIR (default /tmp/comptoir-lighthouse, beside the screenshots).
"""

import json
import os
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tools.demo_server import ROOT, demo_server  # noqa: E402

LIGHTHOUSE = ROOT / "tools/lighthouse/node_modules/.bin/lighthouse"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-background-networking"
PAGES = ("accueil", "catalogue", "livre", "outil", "panier", "inscription-repas")
# category -> lowest score accepted (out of 100)
THRESHOLDS = {"accessibility": 100, "best-practices": 100, "performance": 95, "seo": 95}
# A busy machine slows the page's scripts and so lowers the performance score
# (total blocking time) at random; other scores do not move. A page below the
# performance threshold is measured again, up to this many runs, keeping the best.
PERFORMANCE_RUNS = 3
# Lighthouse sometimes fails to record the page load at all on a busy machine
# ("Runtime error encountered ... NO_NAVSTART"); such a run measured nothing and
# is tried again, up to this many times for one page.
RUNTIME_ERROR_RETRIES = 3
COLUMNS = {"accessibility": "Access.", "best-practices": "Pratiques", "performance": "Perf.",
           "seo": "SEO"}


def output_dir() -> Path:
    folder = Path(os.environ.get("LIGHTHOUSE_DIR") or "/tmp/comptoir-lighthouse")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def run_lighthouse(url: str, report: Path) -> dict:
    subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", f"--output-path={report}", "--quiet",
         f"--only-categories={','.join(THRESHOLDS)}", f"--chrome-flags={CHROME_FLAGS}"],
        env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, timeout=180,
    )
    return json.loads(report.read_text())


def measure(url: str, report: Path) -> dict:
    """One Lighthouse result for ``url``, tried again when Lighthouse could not record the load."""
    for attempt in range(1, RUNTIME_ERROR_RETRIES + 1):
        try:
            return run_lighthouse(url, report)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired, json.JSONDecodeError,
                FileNotFoundError) as error:
            if attempt == RUNTIME_ERROR_RETRIES:
                raise
            print(f"  Lighthouse measured nothing ({error}); trying again.", flush=True)
    raise AssertionError("unreachable")


def best_of_runs(page: str, url: str, folder: Path) -> dict:
    """The page's Lighthouse result, measured again while performance is below its threshold."""
    best = None
    for run in range(1, PERFORMANCE_RUNS + 1):
        print(f"Lighthouse: {page} ({url}), run {run}…", flush=True)
        report = folder / f"{page}.json" if run == 1 else folder / f"{page}.run{run}.json"
        result = measure(url, report)
        if best is None or scores(result)["performance"] > scores(best)["performance"]:
            best = result
            if report.name != f"{page}.json":
                report.replace(folder / f"{page}.json")  # the kept report has the page's name
        if scores(best)["performance"] >= THRESHOLDS["performance"]:
            break
    for extra in folder.glob(f"{page}.run*.json"):
        extra.unlink()
    return best


def scores(result: dict) -> dict[str, int]:
    return {name: round((result["categories"][name]["score"] or 0) * 100) for name in THRESHOLDS}


def failing_audits(result: dict, category: str) -> list[str]:
    """The audits of ``category`` that cost points, by title (with their value, if any)."""
    audits = result["audits"]
    lines = []
    for ref in result["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
            value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
            lines.append(f"{audit['title']}{value} [{ref['id']}, score {audit['score']:.2f}]")
    return lines


def below(page_scores: dict[str, int]) -> list[str]:
    return [name for name, lowest in THRESHOLDS.items() if page_scores[name] < lowest]


def print_table(rows: dict[str, dict[str, int]]) -> None:
    width = max(len(name) for name in rows)
    print("\n" + "page".ljust(width) + "".join(f"  {COLUMNS[name]:>9}" for name in THRESHOLDS))
    for page, page_scores in rows.items():
        cells = "".join(
            f"  {page_scores[name]:>8}{'*' if name in below(page_scores) else ' '}"
            for name in THRESHOLDS)
        print(page.ljust(width) + cells)
    print("(* below the threshold: accessibility 100, best practices 100, performance 95, "
          "SEO 95)")


def main() -> int:
    if not LIGHTHOUSE.exists():
        print("Lighthouse is not installed: run `make lighthouse` (it runs npm ci first).")
        return 2
    folder = output_dir()
    rows, failures = {}, {}
    with tempfile.TemporaryDirectory(prefix="comptoir-lighthouse-") as workdir, \
            demo_server(workdir=Path(workdir), production_like=True) as site:
        site.use_its_database()
        from tools.demo_pages import main_pages

        paths = main_pages()
        for page in PAGES:
            url = site.base_url + paths[page]
            urllib.request.urlopen(url, timeout=30).close()  # thumbnails made, caches warm
            result = best_of_runs(page, url, folder)
            rows[page] = scores(result)
            failures[page] = {name: failing_audits(result, name) for name in below(rows[page])}
    print_table(rows)
    for page, categories in failures.items():
        for category, audits in categories.items():
            print(f"\n{page} — {category} {rows[page][category]} < {THRESHOLDS[category]}:")
            for line in audits or ["(no single audit below 1: see the report)"]:
                print(f"  - {line}")
    print(f"\nReports: {folder}/<page>.json")
    return 1 if any(failures.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
