"""Drive the three servers with wrk, one URL at a time, and keep the figures.

Standard library only: it runs beside the servers, not inside Django. For each
server and page it checks the answer, warms the workers with a few requests
one after the other (BENCH_WARMUP), then runs wrk for BENCH_DURATION seconds and keeps requests per second, p50 and p99.
The inbound SMS webhook is also driven at a fixed 50 requests per second by a
small open-loop sender here, since wrk only runs flat out.

    python -m bench.drive --run-dir bench/var/run
"""

import argparse
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
HOST = "127.0.0.1"
CSRF_TOKEN = "benchcsrftoken0123456789abcdefgh"  # the one in wrk/basket_add.lua
UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0, "h": 3_600_000.0}


def env_int(name, default):
    return int(os.environ.get(name, default))


DURATION = env_int("BENCH_DURATION", 10)
WARMUP = env_int("BENCH_WARMUP", 4)
THREADS = env_int("BENCH_WRK_THREADS", 2)
CONNECTIONS = env_int("BENCH_CONNECTIONS", 4)
SMS_RATE = env_int("BENCH_SMS_RATE", 50)


# --- One request, to check what a URL answers -------------------------------


def fetch(port, method, path, body=None, headers=None):
    """``(status, headers)`` of one request; redirects are not followed."""
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        response.read()
        headers = dict(response.getheaders())
        headers["Set-Cookie"] = "; ".join(response.msg.get_all("Set-Cookie") or [])
        return response.status, headers
    finally:
        connection.close()


def basket_form():
    return (
        f"csrfmiddlewaretoken={CSRF_TOKEN}&quantity=1",
        {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={CSRF_TOKEN}",
        },
    )


def sms_entries(path):
    with open(path) as lines:
        return [line.rstrip("\n").split("\t", 1) for line in lines]


def sms_request(port, sms_path, entry):
    signature, body = entry
    return fetch(
        port,
        "POST",
        sms_path,
        body=body,
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Twilio-Signature": signature,
        },
    )


# --- wrk ------------------------------------------------------------------------


def wrk(url, *, seconds, script=None, env=None):
    """Run wrk once and return its figures (requests/s, p50, p99, errors)."""
    command = [
        "wrk", f"-t{THREADS}", f"-c{CONNECTIONS}", f"-d{seconds}s", "--timeout", "30s",
        "--latency",
    ]
    if script:
        command += ["-s", str(script)]
    completed = subprocess.run(
        [*command, url],
        capture_output=True,
        text=True,
        timeout=seconds + 60,
        env={**os.environ, "BENCH_WRK_THREADS": str(THREADS), **(env or {})},
        check=False,
    )
    if completed.returncode != 0:
        return {"error": (completed.stderr or completed.stdout).strip()[-300:]}
    return parse_wrk(completed.stdout)


def parse_wrk(output):
    figures = {
        "rps": _number(r"Requests/sec:\s+([\d.]+)", output),
        "requests": int(_number(r"(\d+) requests in", output) or 0),
        "p50_ms": _latency("50%", output),
        "p99_ms": _latency("99%", output),
        "non_2xx_3xx": int(_number(r"Non-2xx or 3xx responses:\s+(\d+)", output) or 0),
        "socket_errors": 0,
    }
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if errors:
        figures["socket_errors"] = sum(int(n) for n in errors.groups())
    if not figures["requests"]:  # none finished in time: no latency to speak of
        figures.update(p50_ms=None, p99_ms=None)
    return figures


def _number(pattern, text):
    match = re.search(pattern, text)
    return float(match.group(1)) if match else None


def _latency(percentile, text):
    match = re.search(rf"^\s+{percentile}\s+([\d.]+)(us|ms|s|m|h)\s*$", text, re.MULTILINE)
    return float(match.group(1)) * UNITS_MS[match.group(2)] if match else None


def measure(port, path, *, script=None, env=None):
    return wrk(f"http://{HOST}:{port}{path}", seconds=DURATION, script=script, env=env)


def warm(send):
    """The status of the first of BENCH_WARMUP requests sent one after the other.

    Each worker loads its templates, thumbnails and connection on its first
    requests; sent one by one, they leave no backlog for the measure.
    """
    statuses = [send() for _ in range(max(1, WARMUP))]
    return statuses[0]


# --- The inbound SMS webhook at a fixed rate ---------------------------------


def paced(port, sms_path, entries, *, rate, seconds):
    """Send ``rate`` requests a second for ``seconds`` seconds, each at its set time.

    Open loop: each request leaves at its scheduled time whatever the previous
    ones are doing, and its latency is counted from that time, so a slow server
    cannot slow the sender down and hide its own delay.
    """
    count = min(len(entries), rate * seconds)
    latencies, statuses, lock = [], {}, threading.Lock()
    start = time.perf_counter() + 0.1

    def send(index):
        scheduled = start + index / rate
        try:
            status = sms_request(port, sms_path, entries[index])[0]
        except OSError:
            status = "error"
        elapsed = time.perf_counter() - scheduled
        with lock:
            latencies.append(elapsed * 1000)
            statuses[status] = statuses.get(status, 0) + 1

    with ThreadPoolExecutor(max_workers=32) as pool:
        for index in range(count):
            delay = start + index / rate - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pool.submit(send, index)
    elapsed = time.perf_counter() - start
    latencies.sort()
    return {
        "rps": count / elapsed,
        "requests": count,
        "p50_ms": latencies[len(latencies) // 2],
        "p99_ms": latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
        "statuses": {str(key): value for key, value in statuses.items()},
        "non_2xx_3xx": sum(n for s, n in statuses.items() if not str(s).startswith(("2", "3"))),
        "socket_errors": statuses.get("error", 0),
    }


# --- The run -------------------------------------------------------------------


def drive_shop(name, port, targets, run_dir):
    results = {}
    for page in ("home", "catalogue", "category", "product"):
        status = warm(lambda page=page: fetch(port, "GET", targets[page])[0])
        print(f"{name:>8} {page:<10} HTTP {status}  {targets[page]}", file=sys.stderr)
        results[page] = {"path": targets[page], "status": status, **measure(port, targets[page])}
    paths_file = run_dir / f"basket-paths-{name}.txt"
    paths_file.write_text("\n".join(targets["basket_add"]) + "\n")
    body, headers = basket_form()
    status, answer = warm(
        lambda: fetch(port, "POST", targets["basket_add"][0], body=body, headers=headers)
    )
    added = "oscar_open_basket" in answer["Set-Cookie"]
    print(f"{name:>8} basket_add HTTP {status}, basket cookie set: {added}", file=sys.stderr)
    results["basket_add"] = {
        "path": targets["basket_add"][0],
        "status": status if added else f"{status}, no basket",
        **measure(
            port,
            "/",
            script=HERE / "wrk" / "basket_add.lua",
            env={"BENCH_BASKET_PATHS": str(paths_file)},
        ),
    }
    return results


def drive_fresh(port, targets):
    """Our browse and product pages with the page cache off: every page rendered
    afresh, as the first visit after a change to the catalogue is."""
    results = {}
    for page in ("catalogue", "category", "product"):
        status = warm(lambda page=page: fetch(port, "GET", targets[page])[0])
        print(f"{'fresh':>8} {page:<10} HTTP {status}  {targets[page]}", file=sys.stderr)
        results[page] = {"path": targets[page], "status": status, **measure(port, targets[page])}
    return results


def drive_sms(port, sms_path, run_dir):
    checks = iter(sms_entries(run_dir / "sms-check.txt"))
    status = warm(lambda: sms_request(port, sms_path, next(checks))[0])
    print(f"{'ours':>8} sms        HTTP {status}  {sms_path}", file=sys.stderr)
    paced_result = paced(
        port, sms_path, sms_entries(run_dir / "sms-paced.txt"), rate=SMS_RATE, seconds=DURATION
    )
    flat_out = wrk(
        f"http://{HOST}:{port}{sms_path}",
        seconds=DURATION,
        script=HERE / "wrk" / "sms.lua",
        env={
            "BENCH_SMS_REQUESTS": str(run_dir / "sms-wrk.txt"),
            "BENCH_SMS_PATH": sms_path,
        },
    )
    return {
        "sms": {"path": sms_path, "status": status, **flat_out},
        "sms_paced": {"path": sms_path, "status": status, "rate": SMS_RATE, **paced_result},
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run-dir", type=Path, required=True)
    parser.add_argument("--ours", type=int, required=True, help="port of our shop")
    parser.add_argument("--ours-fresh", type=int, help="port of our shop with the page cache off")
    parser.add_argument("--stock", type=int, required=True, help="port of stock Oscar")
    parser.add_argument("--ceiling", type=int, required=True, help="port of the ceiling")
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        raise SystemExit("wrk is not installed (apt-get install wrk)")
    run_dir = args.run_dir
    targets = {
        name: json.loads((run_dir / f"targets-{name}.json").read_text())
        for name in ("ours", "stock")
    }
    results = {
        "settings": {
            "duration_s": DURATION, "warmup_requests": WARMUP, "threads": THREADS,
            "connections": CONNECTIONS, "sms_rate": SMS_RATE,
        },
        "ours": drive_shop("ours", args.ours, targets["ours"], run_dir),
        "stock": drive_shop("stock", args.stock, targets["stock"], run_dir),
    }
    if args.ours_fresh:
        results["ours_fresh"] = drive_fresh(args.ours_fresh, targets["ours"])
    status = warm(lambda: fetch(args.ceiling, "GET", "/")[0])
    print(f"{'ceiling':>8} page       HTTP {status}", file=sys.stderr)
    results["ceiling"] = {"page": {"path": "/", "status": status, **measure(args.ceiling, "/")}}
    sms_path = targets["ours"].get("sms_inbound")
    if sms_path:
        results["ours"].update(drive_sms(args.ours, sms_path, run_dir))
    else:
        print("inbound SMS webhook: not built yet", file=sys.stderr)
    (run_dir / "load.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
