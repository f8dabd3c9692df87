"""The one table of a run: printed, and written for the next run to compare.

Reads the figures the run left in its run directory (load.json, the query
counts, orders.json, the targets), prints one markdown report and writes it to
bench/results/<timestamp>.md and bench/RESULTS.md. The figures themselves go
at the end of RESULTS.md in a comment, so the next run can show what changed.

    python -m bench.report --run-dir bench/var/run
"""

import argparse
import importlib
import json
import os
import platform
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
LATEST = HERE / "RESULTS.md"
RESULTS_DIR = HERE / "results"
DATA_MARK = "bench-data"

PAGES = {
    "home": "home",
    "catalogue": "catalogue",
    "category": "category",
    "product": "product",
    "basket_add": "add to basket (POST)",
}
BROWSE_TARGET_RATIO = 20
PRODUCT_TARGET_RATIO = 3
BROWSE_P99_MS = 250
SMS_P99_MS = 100
# Issue 19: a first-time visitor's browse and product pages, from the whole-page
# cache, at this share of the ceiling's requests per second at least.
PAGE_CACHE_CEILING_SHARE = 0.25
PAGE_CACHE_PAGES = ("catalogue", "category", "product")
WORKERS = 2  # gunicorn sync workers of each server (bench/run.sh)
# Issue 19: pages rendered afresh (the "nothing cached" server) against stock Oscar's.
FRESH_TARGET_RATIOS = {"product": 1.5, "catalogue": 30, "category": 20}
BASKET_ADD_TARGET_RATIO = 1.5
BASKET_ADD_MAX_QUERIES = 12


# --- Formatting ------------------------------------------------------------------


def rate(value):
    if value is None:
        return "—"
    if value == 0:
        return "0 (none finished)"
    return f"{value:,.0f}" if value >= 100 else f"{value:,.1f}"


def ms(value):
    if value is None:
        return "—"
    if value >= 1000:
        return f"{value / 1000:.2f} s"
    return f"{value:.1f} ms" if value < 100 else f"{value:.0f} ms"


def ratio(ours, other):
    if not ours or not other:
        return "—"
    value = ours / other
    if value >= 10:
        return f"{value:.0f}×"
    return f"{value:.2f}×" if value >= 0.1 else f"{value:.2g}×"


def table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def label(page, figures):
    name = PAGES.get(page, page)
    status = figures.get("status")
    return name if status == 200 else f"{name} (HTTP {status})"


def flags(figures):
    """A note when wrk saw errors or bad answers, so a figure is never read alone."""
    if "error" in figures:
        return " ⚠ wrk failed: " + figures["error"]
    bad = figures.get("non_2xx_3xx", 0) + figures.get("socket_errors", 0)
    return f" ⚠ {bad} errors of {figures.get('requests', 0)}" if bad else ""


# --- Sections --------------------------------------------------------------------


def speed_section(load):
    ours, stock, ceiling = load["ours"], load["stock"], load["ceiling"]["page"]
    header = [
        "page", "ours req/s", "ours p50", "ours p99", "stock req/s", "stock p50", "stock p99",
        "ours ÷ stock", "ours ÷ ceiling",
    ]
    rows = []
    for page in PAGES:
        mine, theirs = ours[page], stock[page]
        rows.append([
            label(page, mine), rate(mine.get("rps")) + flags(mine), ms(mine.get("p50_ms")),
            ms(mine.get("p99_ms")), rate(theirs.get("rps")) + flags(theirs),
            ms(theirs.get("p50_ms")), ms(theirs.get("p99_ms")),
            ratio(mine.get("rps"), theirs.get("rps")), ratio(mine.get("rps"), ceiling.get("rps")),
        ])
    for page, mine in load.get("ours_fresh", {}).items():
        theirs = stock[page]
        rows.append([
            label(page, mine) + ", nothing cached", rate(mine.get("rps")) + flags(mine),
            ms(mine.get("p50_ms")), ms(mine.get("p99_ms")), rate(theirs.get("rps")),
            ms(theirs.get("p50_ms")), ms(theirs.get("p99_ms")),
            ratio(mine.get("rps"), theirs.get("rps")), ratio(mine.get("rps"), ceiling.get("rps")),
        ])
    if "sms" in ours:
        sms, paced = ours["sms"], ours["sms_paced"]
        rows.append([
            label("inbound SMS webhook", sms), rate(sms.get("rps")) + flags(sms),
            ms(sms.get("p50_ms")), ms(sms.get("p99_ms")), "—", "—", "—", "—",
            ratio(sms.get("rps"), ceiling.get("rps")),
        ])
        rows.append([
            f"inbound SMS webhook at {paced['rate']} req/s", rate(paced["rps"]) + flags(paced),
            ms(paced["p50_ms"]), ms(paced["p99_ms"]), "—", "—", "—", "—", "—",
        ])
    else:
        rows.append(["inbound SMS webhook", "not built yet"] + ["—"] * 7)
    rows.append([
        "ceiling: fixed 2 KB Django page", rate(ceiling.get("rps")) + flags(ceiling),
        ms(ceiling.get("p50_ms")), ms(ceiling.get("p99_ms")), "—", "—", "—", "—", "1.00×",
    ])
    return table(header, rows)


def queries_section(queries):
    header = ["page", "ours @100", "ours @10,000", "ours @10,000 from the page cache",
              "stock @100", "stock @10,000"]
    rows = []
    for page, name in PAGES.items():
        counts = [queries[key]["pages"][page]["queries"]
                  for key in ("ours-100", "ours-10000", "stock-100", "stock-10000")]
        cached = queries["ours-10000"]["pages"][page].get("queries_cached", "—")
        rows.append([name, counts[0], counts[1], cached, counts[2], counts[3]])
    return table(header, rows)


def page_cache_section(load):
    """Issue 19's target for a first-time visitor's pages, and what a hit still costs."""
    ours, fresh = load["ours"], load.get("ours_fresh", {})
    ceiling = load["ceiling"]["page"].get("rps")
    target = f"≥ {PAGE_CACHE_CEILING_SHARE:.0%} of the ceiling"
    header = ["page, first-time visitor", "target (issue 19)", "from the page cache req/s",
              "nothing cached req/s", "measured ÷ ceiling", "worker time a request", "met"]
    rows = []
    for page in PAGE_CACHE_PAGES:
        cached = ours.get(page, {})
        share = (cached.get("rps") or 0) / ceiling if ceiling else None
        rows.append([
            PAGES[page], target, rate(cached.get("rps")) + flags(cached),
            rate(fresh.get(page, {}).get("rps")),
            "—" if share is None else f"{share:.1%}", worker_ms(cached.get("rps")),
            _met(share is not None and share >= PAGE_CACHE_CEILING_SHARE
                 and not flags(cached)),
        ])
    rows.append(["ceiling: fixed 2 KB Django page", "—", rate(ceiling), "—", "100 %",
                 worker_ms(ceiling), "—"])
    return table(header, rows)


def worker_ms(rps):
    """Milliseconds of a worker a request takes, the server's workers kept busy by wrk."""
    return ms(WORKERS * 1000 / rps) if rps else "—"


def targets_section(load, queries):
    ours, stock = load["ours"], load["stock"]
    rows = []
    for page in ("catalogue", "category"):
        times = _times(ours[page], stock[page])
        rows.append([f"{page}: ≥ {BROWSE_TARGET_RATIO}× stock Oscar's req/s",
                     ratio(ours[page].get("rps"), stock[page].get("rps")),
                     _met(times is not None and times >= BROWSE_TARGET_RATIO)])
        p99 = ours[page].get("p99_ms")
        rows.append([f"{page}: p99 under {BROWSE_P99_MS} ms", ms(p99),
                     _met(p99 is not None and p99 < BROWSE_P99_MS)])
    times = _times(ours["product"], stock["product"])
    rows.append([f"product: ≥ {PRODUCT_TARGET_RATIO}× stock Oscar's req/s",
                 ratio(ours["product"].get("rps"), stock["product"].get("rps")),
                 _met(times is not None and times >= PRODUCT_TARGET_RATIO)])
    small, large = queries["ours-100"]["pages"], queries["ours-10000"]["pages"]
    grown = [page for page in PAGES if large[page]["queries"] > small[page]["queries"]]
    counts = ", ".join(f"{p} {small[p]['queries']}→{large[p]['queries']}" for p in PAGES)
    rows.append(["no page's query count grows with the catalogue (100 → 10,000)", counts,
                 _met(not grown)])
    if "sms_paced" in ours:
        paced = ours["sms_paced"]
        rows.append([f"inbound SMS webhook: p99 under {SMS_P99_MS} ms at {paced['rate']} req/s",
                     ms(paced["p99_ms"]),
                     _met(paced["p99_ms"] < SMS_P99_MS and not paced["non_2xx_3xx"])])
    else:
        rows.append([f"inbound SMS webhook: p99 under {SMS_P99_MS} ms at 50 req/s",
                     "not built yet", "—"])
    return table(["target (issue 7)", "measured", "met"], rows)


def issue19_targets_section(load, queries):
    """Issue 19's targets for pages rendered afresh, add to basket and the query counts."""
    fresh, ours, stock = load.get("ours_fresh", {}), load["ours"], load["stock"]
    rows = []
    for page, target in FRESH_TARGET_RATIOS.items():
        mine = fresh.get(page, {})
        times = _times(mine, stock[page])
        rows.append([f"{PAGES[page]}, rendered afresh: ≥ {target:g}× stock Oscar's req/s",
                     ratio(mine.get("rps"), stock[page].get("rps")),
                     _met(times is not None and times >= target and not flags(mine))])
    mine = ours["basket_add"]
    times = _times(mine, stock["basket_add"])
    rows.append([f"add to basket: ≥ {BASKET_ADD_TARGET_RATIO:g}× stock Oscar's req/s",
                 ratio(mine.get("rps"), stock["basket_add"].get("rps")),
                 _met(times is not None and times >= BASKET_ADD_TARGET_RATIO and not flags(mine))])
    added = queries["ours-10000"]["pages"]["basket_add"]["queries"]
    rows.append([f"add to basket: ≤ {BASKET_ADD_MAX_QUERIES} SQL queries", str(added),
                 _met(added <= BASKET_ADD_MAX_QUERIES)])
    small, large = queries["ours-100"]["pages"], queries["ours-10000"]["pages"]
    stock_large = queries["stock-10000"]["pages"]
    over = [page for page in PAGES if large[page]["queries"] > stock_large[page]["queries"]]
    counts = ", ".join(f"{p} {large[p]['queries']} (stock {stock_large[p]['queries']})"
                       for p in PAGES)
    rows.append(["queries per page ≤ stock Oscar's, at 10,000 products", counts, _met(not over)])
    grown = [page for page in PAGES if large[page]["queries"] != small[page]["queries"]]
    rows.append(["queries per page flat (100 → 10,000 products)",
                 "flat" if not grown else "grow: " + ", ".join(grown), _met(not grown)])
    return table(["target (issue 19)", "measured", "met"], rows)


def _times(mine, theirs):
    if not mine.get("rps") or not theirs.get("rps"):
        return None
    return mine["rps"] / theirs["rps"]


def _met(condition):
    return "yes" if condition else "**no**"


def previous_section(load, previous):
    if not previous:
        return "No previous run in bench/RESULTS.md to compare with."
    rows = []
    for page in [*PAGES, "sms"]:
        now = load["ours"].get(page, {}).get("rps")
        before = previous.get("ours_rps", {}).get(page)
        if now is None and before is None:
            continue
        rows.append([PAGES.get(page, "inbound SMS webhook"), rate(before), rate(now),
                     ratio(now, before)])
    header = ["page (ours)", f"req/s {previous.get('when', 'before')}", "req/s now", "now ÷ before"]
    return table(header, rows)


# --- The report ------------------------------------------------------------------


def git_commit():
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True,
            cwd=HERE, timeout=10, check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def load_average_now():
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def busy_note(*loads):
    """A warning when the machine was busier than its cores during the run."""
    peak = max((float(load.split()[0]) for load in loads if load[:1].isdigit()), default=0)
    if peak <= (os.cpu_count() or 1):
        return ""
    return (f"**The machine was busy** (load average up to {peak:.1f} on {os.cpu_count()} cores: "
            f"other work ran beside the bench), so every figure here is lower than on an idle "
            f"machine, and the ratios measured in the same run are the ones to read.")


def figures(results):
    """Every figure of a wrk measure, without the paths and statuses."""
    keep = ("rps", "p50_ms", "p99_ms", "requests", "non_2xx_3xx", "socket_errors", "rate")
    return {page: {key: value for key, value in result.items() if key in keep}
            for page, result in results.items()}


def read_previous():
    if not LATEST.exists():
        return None
    match = re.search(rf"<!-- {DATA_MARK} (.*?) -->", LATEST.read_text(), re.DOTALL)
    return json.loads(match.group(1)) if match else None


def build(run_dir, when):
    load = json.loads((run_dir / "load.json").read_text())
    queries = {
        key: json.loads((run_dir / f"queries-{key}.json").read_text())
        for key in ("ours-100", "ours-10000", "stock-100", "stock-10000")
    }
    orders = json.loads((run_dir / "orders.json").read_text())
    targets = json.loads((run_dir / "targets-ours.json").read_text())
    meta = json.loads((run_dir / "meta.json").read_text())
    settings = load["settings"]
    previous = read_previous()
    products = queries["ours-10000"]["products"]
    load_end = load_average_now()
    intro = (
        f"Run of {when} · commit {git_commit()} · {os.cpu_count()} cores, load average "
        f"{meta.get('load_average', '?')} at the start and {load_end} at the end · Python {platform.python_version()} · "
        f"django-oscar {meta.get('oscar', '?')} · {meta.get('postgres', 'PostgreSQL')}\n\n"
        f"{products:,} products of three sellers in both shops, 20 a page; category page "
        f"`{targets['category']}` ({targets['category_products']:,} products). Each server: "
        f"gunicorn, 2 sync workers, DEBUG off, CONN_MAX_AGE=60, on 127.0.0.1. Load: wrk, "
        f"{settings['threads']} threads, {settings['connections']} connections, "
        f"{settings['duration_s']} s per URL, after {settings['warmup_requests']} warm-up "
        f"requests one by one. "
        f"Our shop keeps a first-time visitor's whole browse and product pages in its "
        f"page cache (Redis; shop/catalogue/page_cache.py, served before sessions, "
        f"authentication and the basket run) and the menu and product cards as parts "
        f"(shop/catalogue/cache.py), all made stale by any change to the catalogue: wrk "
        f"asks for the same URL again and again without cookies, so after the warm-up "
        f"ours serves them from it; the rows \"nothing cached\" are a second server of "
        f"ours with that cache off, every page rendered afresh. "
        f"Stock Oscar: Oscar's own apps, Whoosh search with its index built. Latencies are "
        f"wrk's p50 and p99; ratios are of requests per second. {meta.get('note', '')}"
    ).rstrip()
    busy = busy_note(meta.get("load_average", ""), load_end)
    if busy:
        intro += "\n\n" + busy
    ceiling = load["ceiling"]["page"].get("rps")
    data = {
        "when": when,
        "load_average": {"start": meta.get("load_average"), "end": load_end},
        "cores": os.cpu_count(),
        "ours_rps": {page: result.get("rps") for page, result in load["ours"].items()},
        "ours_fresh_rps": {page: result.get("rps")
                           for page, result in load.get("ours_fresh", {}).items()},
        "stock_rps": {page: result.get("rps") for page, result in load["stock"].items()},
        "ceiling_rps": ceiling,
        "page_cache_share_of_ceiling": {
            page: (load["ours"].get(page, {}).get("rps") or 0) / ceiling if ceiling else None
            for page in PAGE_CACHE_PAGES
        },
        "page_cache_target_share": PAGE_CACHE_CEILING_SHARE,
        "orders_per_second": orders.get("per_second"),
        "stock_orders_per_second": orders.get("stock_per_second"),
        "orders": {key: value for key, value in orders.items()
                   if isinstance(value, (int, float, str)) or value is None},
        "speed": {"ours": figures(load["ours"]), "ours_fresh": figures(load.get("ours_fresh", {})),
                  "stock": figures(load["stock"]), "ceiling": figures(load["ceiling"])},
        "queries": {key: {page: {k: v for k, v in counts.items() if k != "path"}
                          for page, counts in value["pages"].items()}
                    for key, value in queries.items()},
        "modules": module_figures(run_dir),
    }
    return "\n\n".join([
        "# make bench: our shop, stock django-oscar 4.2 and the ceiling",
        intro,
        "## Requests per second and latency",
        speed_section(load),
        "## SQL queries per page, with 100 and with 10,000 products",
        queries_section(queries),
        "## A first-time visitor's pages against the ceiling (issue 19)",
        page_cache_section(load),
        "## Targets of issue 19: pages rendered afresh, add to basket, queries",
        issue19_targets_section(load, queries),
        "## Targets of issue 7",
        targets_section(load, queries),
        "## Our shop against the previous run",
        previous_section(load, previous),
        *extra_sections(run_dir),
        f"<!-- {DATA_MARK} {json.dumps(data)} -->",
    ]) + "\n"


EXTRA_SECTIONS = [
    ("services.txt", "## Meal delivery: 200 against 2,000 registrations, 500,000 past deliveries kept "
                     "(manage.py bench_services --history 500000)"),
    ("availability.txt", "## Rental availability: 5,000 against 50,000 reservations "
                         "(manage.py bench_availability)"),
]


def extra_sections(run_dir):
    """Each app's own figures, printed by its bench command during the run."""
    sections = []
    for name, title in EXTRA_SECTIONS:
        path = run_dir / name
        if path.exists() and path.read_text().strip():
            sections += [title, "```\n" + path.read_text().strip() + "\n```"]
    for module, name, title in MODULE_SECTIONS:
        path = run_dir / name
        if not path.exists():
            continue
        markdown, targets = importlib.import_module(module).report(json.loads(path.read_text()))
        sections += [title, markdown]
        if targets:
            sections.append(table(["target (issue 19)", "measured", "met"],
                                  [[target, measured, _met(met)] for target, measured, met in targets]))
    return sections


def module_figures(run_dir):
    """The figures each bench module wrote, for the data line (query plans left out)."""
    def figures_only(value):
        if isinstance(value, dict):
            return {key: figures_only(item) for key, item in value.items()
                    if "explain" not in str(key).lower()}
        if isinstance(value, list):
            return [figures_only(item) for item in value]
        return value

    found = {}
    for _module, name, _title in MODULE_SECTIONS:
        path = run_dir / name
        if path.exists():
            found[path.stem] = figures_only(json.loads(path.read_text()))
    return found


# Figures of bench modules that write JSON and say how to show it (their report()).
MODULE_SECTIONS = [
    ("bench.orders", "orders.json",
     "## Orders through the pipeline (shop.pipeline.place_order against stock Oscar's OrderCreator)"),
    ("bench.cluster", "cluster.json", "## Two web servers and two workers on one database"),
    ("bench.search", "search.json", "## Search at scale"),
    ("bench.tenyears", "tenyears.json", "## Ten years of a cooperative: the reports"),
]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run-dir", type=Path, required=True)
    args = parser.parse_args(argv)
    now = datetime.now().astimezone()
    report = build(args.run_dir, now.strftime("%Y-%m-%d %H:%M %Z"))
    RESULTS_DIR.mkdir(exist_ok=True)
    dated = RESULTS_DIR / f"{now.strftime('%Y%m%d-%H%M%S')}.md"
    dated.write_text(report)
    LATEST.write_text(report)
    print(report.rsplit(f"<!-- {DATA_MARK}", 1)[0].rstrip())
    print(f"Written to {dated.relative_to(HERE.parent)} and {LATEST.relative_to(HERE.parent)}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
