"""Two web servers and two Celery workers on one PostgreSQL database and one Redis.

As a shop grown past one machine runs: two gunicorn servers of ours (ports
8761 and 8762, bench.settings) and two Celery workers share the benchmark's
database and Redis database (the queued tasks; the page cache in the next
one). Clients place orders through both servers at once, over HTTP as a
browser does (add two products to the basket, check out as a guest, pick-up,
pay at the counter); then every order must be there once (no order number
twice, each with its two lines), the stock allocated must equal what was
ordered and the queued confirmations must have been taken by the workers.
Then a price is changed through the ORM (as a dashboard save or a management
command does, firing the catalogue's version bump) after server A served the
product page, and server B must serve the new price at once.

    python -m bench.cluster --out bench/var/cluster.json
"""

import argparse
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from decimal import Decimal

import django

PORTS = (8761, 8762)
CLIENTS_PER_SERVER = 3
ORDERS_PER_CLIENT = 5
WAIT_SECONDS = 60


def started(command, *, log):
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings"}
    return subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)


def start_cluster(var):
    """The two servers and the two workers; their processes."""
    bin_dir = os.path.dirname(sys.executable)
    processes = []
    for port in PORTS:
        log = open(os.path.join(var, f"cluster-web-{port}.log"), "w")
        processes.append(started(
            [os.path.join(bin_dir, "gunicorn"), "bench.wsgi:application", "--bind",
             f"127.0.0.1:{port}", "--workers", "2", "--timeout", "120", "--log-level", "warning"],
            log=log))
    for name in ("a", "b"):
        log = open(os.path.join(var, f"cluster-worker-{name}.log"), "w")
        processes.append(started(
            [os.path.join(bin_dir, "celery"), "-A", "shop", "worker", "-Q", queue_name(),
             "--concurrency", "1", "--pool", "solo", "-n", f"bench-{name}@%h",
             "--loglevel", "warning"],
            log=log))
    return processes


def stop_cluster(processes):
    for process in processes:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def queue_name():
    from django.conf import settings

    return settings.CELERY_TASK_DEFAULT_QUEUE


def wait_ready(port):
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), 1).close()
            return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"no server on port {port} after {WAIT_SECONDS} s")


# --- A client ---------------------------------------------------------------------


def checkout(base, products, email):
    """One guest order through one server; its number, or the error."""
    import requests

    with requests.Session() as browser:
        browser.get(f"{base}/basket/", timeout=30)
        for pk in products:
            post(browser, f"{base}/basket/add/{pk}/", {"quantity": 1})
        post(browser, f"{base}/checkout/", {"username": email, "options": "anonymous"})
        post(browser, f"{base}/checkout/shipping-method/", {"method_code": "pickup"})
        post(browser, f"{base}/checkout/payment-method/", {"method": "on_delivery"})
        response = post(browser, f"{base}/checkout/preview/", {"action": "place_order"},
                        follow=True)
        match = re.search(r"/checkout/thank-you/|order-number[^>]*>\s*([0-9]+)", response.text)
        if response.status_code != 200 or "thank-you" not in response.url:
            return None, f"HTTP {response.status_code} at {response.url}"
        return (match.group(1) if match and match.group(1) else ""), None


def post(browser, url, data, follow=False):
    token = browser.cookies.get("csrftoken", "")
    response = browser.post(url, data={**data, "csrfmiddlewaretoken": token},
                            headers={"X-CSRFToken": token, "Referer": url},
                            allow_redirects=follow, timeout=60)
    if response.status_code >= 400:
        raise RuntimeError(f"HTTP {response.status_code} from {url}")
    return response


def place_through_both(pools):
    """Every client's orders, through both servers at once; (placed, errors, seconds)."""
    placed, errors, lock = [], [], threading.Lock()

    def client(port, number):
        base = f"http://127.0.0.1:{port}"
        for order in range(ORDERS_PER_CLIENT):
            index = number * ORDERS_PER_CLIENT + order
            products = [pool[index % len(pool)] for pool in pools]
            try:
                _number, error = checkout(base, products, f"cluster-{port}-{number}-{order}@bench.example.org")
            except Exception as failure:  # a failed request is a figure of the run
                _number, error = None, str(failure)
            with lock:
                (errors if error else placed).append(error or (port, products))

    threads = [threading.Thread(target=client, args=(port, number))
               for port in PORTS for number in range(CLIENTS_PER_SERVER)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return placed, errors, time.perf_counter() - began


# --- The checks -------------------------------------------------------------------


def stock_allocated(pks):
    from django.db.models import Sum
    from oscar.core.loading import get_model

    StockRecord = get_model("partner", "StockRecord")
    return StockRecord._default_manager.filter(product_id__in=pks).aggregate(
        total=Sum("num_allocated"))["total"] or 0


def orders_check(since_pk, placed):
    from django.db.models import Count
    from oscar.core.loading import get_model

    Order = get_model("order", "Order")
    orders = Order._default_manager.filter(pk__gt=since_pk, guest_email__startswith="cluster-")
    numbers = orders.values("number").annotate(times=Count("pk")).filter(times__gt=1)
    lines = orders.annotate(line_count=Count("lines")).values_list("line_count", flat=True)
    return {
        "orders_placed": len(placed),
        "orders_in_database": orders.count(),
        "numbers_twice": numbers.count(),
        "orders_without_two_lines": sum(1 for count in lines if count != 2),
        "through_each_server": {str(port): sum(1 for p, _ in placed if p == port)
                                for port in PORTS},
    }


def queue_drained(seconds=WAIT_SECONDS):
    """Whether the workers took every queued task within ``seconds``."""
    import redis
    from django.conf import settings

    if not settings.CELERY_BROKER_URL.startswith("redis"):
        return None
    broker = redis.Redis.from_url(settings.CELERY_BROKER_URL, socket_timeout=2)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if broker.llen(queue_name()) == 0:
            return True
        time.sleep(0.5)
    return False


def price_check():
    """Server A serves a product page; its price changes; server B serves the new one."""
    import requests
    from oscar.core.loading import get_model

    from bench.catalogue import UPC_PREFIX

    StockRecord = get_model("partner", "StockRecord")
    record = (StockRecord._default_manager.select_related("product")
              .filter(product__upc__startswith=UPC_PREFIX).order_by("pk").first())
    url = record.product.get_absolute_url()
    before_a = requests.get(f"http://127.0.0.1:{PORTS[0]}{url}", timeout=30).text
    requests.get(f"http://127.0.0.1:{PORTS[1]}{url}", timeout=30)  # both have it cached
    new_price = (record.price + Decimal("1.11")).quantize(Decimal("0.01"))
    record.price = new_price
    record.save()  # as a dashboard save: post_save bumps the catalogue's version
    began = time.perf_counter()
    after_b = requests.get(f"http://127.0.0.1:{PORTS[1]}{url}", timeout=30).text
    shown = f"{new_price:.2f}".replace(".", ",")
    return {
        "product_url": url,
        "new_price": str(new_price),
        "old_price_shown_by_a_before": price_shown(before_a, record.price - Decimal("1.11")),
        "new_price_shown_by_b_at_once": shown in after_b,
        "b_response_ms": round(1000 * (time.perf_counter() - began), 1),
    }


def price_shown(html, price):
    return f"{price:.2f}".replace(".", ",") in html


# --- The run ----------------------------------------------------------------------


def run(var):
    from oscar.core.loading import get_model

    from bench.orders import product_pools

    Order = get_model("order", "Order")
    pools = [[product.pk for product in pool[:200]] for pool in product_pools()]
    since_pk = Order._default_manager.order_by("-pk").values_list("pk", flat=True).first() or 0
    used = [pk for pool in pools for pk in pool]
    allocated_before = stock_allocated(used)
    processes = start_cluster(var)
    try:
        for port in PORTS:
            wait_ready(port)
        placed, errors, seconds = place_through_both(pools)
        print(f"cluster: {len(placed)} placed, {len(errors)} errors {errors[:2]}",
              file=sys.stderr)
        result = orders_check(since_pk, placed)
        result["errors"] = errors[:10]
        result["errors_count"] = len(errors)
        result["seconds"] = round(seconds, 2)
        result["orders_per_second"] = round(len(placed) / seconds, 2) if seconds else None
        result["stock_allocated"] = stock_allocated(used) - allocated_before
        result["stock_ordered"] = 2 * result["orders_in_database"]
        result["queue_drained"] = queue_drained()
        result["price"] = price_check()
    finally:
        stop_cluster(processes)
    result["servers"], result["workers"] = len(PORTS), 2
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    django.setup()
    var = os.environ.get("BENCH_VAR", os.path.join(os.path.dirname(__file__), "var"))
    os.makedirs(var, exist_ok=True)
    result = run(var)
    print("cluster: {orders_in_database} orders of {orders_placed} placed, {errors_count} errors"
          .format(**result), file=sys.stderr)
    with open(args.out, "w") as out:
        json.dump(result, out, indent=1)


def all_there_once(data):
    return (data["errors_count"] == 0 and data["orders_in_database"] == data["orders_placed"]
            and data["numbers_twice"] == 0 and data["orders_without_two_lines"] == 0
            and data["stock_allocated"] == data["stock_ordered"] and data["orders_placed"] > 0)


def report(data):
    """The cluster section of bench/RESULTS.md and its targets: (markdown, targets)."""
    price = data["price"]
    rows = [
        "| check | measured |", "|---|---|",
        "| servers, workers | {servers} gunicorn, {workers} Celery, one PostgreSQL, one Redis |"
        .format(**data),
        "| orders placed (HTTP, through both at once) | {orders_placed} in {seconds} s "
        "({orders_per_second}/s; port {ports}) |".format(
            ports=", ".join(f"{port}: {count}" for port, count
                            in data["through_each_server"].items()), **data),
        "| orders in the database / numbers twice / without their 2 lines | "
        "{orders_in_database} / {numbers_twice} / {orders_without_two_lines} |".format(**data),
        "| stock allocated / ordered | {stock_allocated} / {stock_ordered} |".format(**data),
        "| errors | {errors_count} |".format(**data),
        "| confirmations taken by the workers | {} |".format(
            {True: "all", False: "not all", None: "no broker"}[data["queue_drained"]]),
        "| price changed, page from server B at once | {} ({} ms) |".format(
            "new price" if price["new_price_shown_by_b_at_once"] else "STALE",
            price["b_response_ms"]),
    ]
    targets = [
        ("two servers: orders placed through both are all there once",
         "{orders_in_database}/{orders_placed}, {numbers_twice} twice".format(**data),
         all_there_once(data)),
        ("two servers: a price changed is served by the other at once",
         "new price" if price["new_price_shown_by_b_at_once"] else "stale page",
         price["new_price_shown_by_b_at_once"]),
    ]
    return "\n".join(rows), targets


if __name__ == "__main__":
    main()
