"""Orders per second through our pipeline, and through stock Oscar's, in one run.

Each order is placed by ``shop.pipeline.place_order`` with explicit lines (a
book and a tool: two sellers, two tax classes), for a registered client, to be
picked up and paid on pick-up: Oscar's strategy, offers, shipping and totals,
Québec taxes, ``OrderCreator``, stock allocation, the invoices, the outbox and
the payment source in the order's transaction, and the confirmation queued
after commit, as for an order taken on the web or by phone.

The same basket shape (the same two products, one each) then goes through
stock django-oscar 4.2 (bench.stock_oscar.settings and its database, in a
second process): a basket, the default strategy, offers, shipping, totals and
``oscar.apps.order.utils.OrderCreator.place_order`` in one transaction.

Each shop is then measured a second time with 2 processes placing orders at
once (production runs 2 web workers and 2 task workers on 2 cores), each its
own Django and connection, started together after their warm-up: orders a
second over the common window, and each order's latency. The run then checks
that every order placed is in the database once and that the stock records
allocated exactly the units the orders took (``parallel_*`` keys; stock
Oscar's ``stock_parallel_*``).

    python -m bench.orders --seconds 10 --out bench/var/orders.json
"""

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time

import django

MAX_ORDERS = 100_000
PROCESSES = 2
WORKER_START_SECONDS = 8  # time for the workers to start Django and warm up
STOCK_SETTINGS = "bench.stock_oscar.settings"
TARGET_PER_SECOND = 40


def customer():
    from django.contrib.auth import get_user_model

    User = get_user_model()
    email = "client@bench.example.org"
    client = User._default_manager.filter(email=email).first()
    if client is not None:
        return client
    if "username" in {field.name for field in User._meta.fields}:  # Django's own user model
        return User._default_manager.create_user("bench-client", email)
    return User._default_manager.create_user(email)


def product_pools():
    """The books and the tools of the catalogue, which both track their stock."""
    from oscar.core.loading import get_model

    from bench.catalogue import KINDS, UPC_PREFIX

    Product = get_model("catalogue", "Product")
    products = Product._default_manager.filter(upc__startswith=UPC_PREFIX)
    return [
        list(products.filter(product_class__name=kind.product_class).order_by("upc")[:2000])
        for kind in KINDS[:2]
    ]


def place_ours(client, products):
    from shop.order.models import Channel, PaymentMethod
    from shop.pipeline import LineRequest, place_order
    from shop.shipping.repository import Fulfilment

    return place_order(
        customer=client,
        channel=Channel.WEB,
        fulfilment=Fulfilment.PICKUP,
        payment_method=PaymentMethod.ON_DELIVERY,
        lines=[LineRequest(product=product, quantity=1) for product in products],
    )


def place_stock(client, products):
    """Stock Oscar's checkout without HTTP: what ``PaymentDetailsView.submit`` runs."""
    from django.db import transaction
    from oscar.core.loading import get_class, get_model

    Applicator = get_class("offer.applicator", "Applicator")
    Basket = get_model("basket", "Basket")
    OrderCreator = get_class("order.utils", "OrderCreator")
    OrderNumberGenerator = get_class("order.utils", "OrderNumberGenerator")
    OrderTotalCalculator = get_class("checkout.calculators", "OrderTotalCalculator")
    Repository = get_class("shipping.repository", "Repository")
    Selector = get_class("partner.strategy", "Selector")

    with transaction.atomic():
        basket = Basket._default_manager.create(owner=client)
        basket.strategy = Selector().strategy(user=client)
        for product in products:
            basket.add_product(product, 1)
        Applicator().apply(basket, client)
        shipping_method = Repository().get_default_shipping_method(basket=basket)
        shipping_charge = shipping_method.calculate(basket)
        total = OrderTotalCalculator().calculate(basket, shipping_charge)
        order = OrderCreator().place_order(
            basket=basket, total=total, shipping_method=shipping_method,
            shipping_charge=shipping_charge, user=client,
            order_number=OrderNumberGenerator().order_number(basket),
        )
        basket.submit()
    return order


def place_orders(*, seconds, place=place_ours, seed=7, placed=None):
    """Place orders until ``seconds`` have passed; return each order's duration.

    ``placed``, a list, receives each order's number and its products' ids."""
    client, pools, rng = customer(), product_pools(), random.Random(seed)
    durations = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and len(durations) < MAX_ORDERS:
        products = [rng.choice(pool) for pool in pools]
        started = time.perf_counter()
        order = place(client, products)
        durations.append(time.perf_counter() - started)
        if placed is not None:
            placed.append([order.number, [product.pk for product in products]])
    return durations


def figures(durations):
    durations = sorted(durations)
    total = sum(durations)
    return {
        "orders": len(durations),
        "seconds": round(total, 3),
        "per_second": len(durations) / total if total else 0.0,
        "p50_ms": 1000 * durations[len(durations) // 2] if durations else None,
        "p99_ms": 1000 * durations[min(len(durations) - 1, int(len(durations) * 0.99))]
        if durations else None,
    }


def queries_per_order(place):
    """SQL statements of one order, counted on a warm process."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client, pools = customer(), product_pools()
    with CaptureQueriesContext(connection) as queries:
        place(client, [pool[0] for pool in pools])
    return len(queries)


def measure(*, seconds, place):
    place_orders(seconds=1, place=place)  # warm-up: imports, caches, the first connection
    result = figures(place_orders(seconds=seconds, place=place))
    result["queries_per_order"] = queries_per_order(place)
    return result


def worker(*, seconds, place, seed, start_at, out):
    """One of the parallel processes: warm up, wait for the common start, place orders."""
    placed = []
    place_orders(seconds=1, place=place, seed=seed, placed=placed)
    time.sleep(max(0.0, start_at - time.time()))
    started = time.time()
    durations = place_orders(seconds=seconds, place=place, seed=seed + 1, placed=placed)
    with open(out, "w") as file:
        json.dump({"durations": durations, "placed": placed, "started": started,
                   "ended": time.time()}, file)


def allocated(product_ids):
    """The units allocated on the stock records of ``product_ids``."""
    from django.db.models import Sum
    from oscar.core.loading import get_model

    StockRecord = get_model("partner", "StockRecord")
    return (StockRecord._default_manager.filter(product_id__in=product_ids)
            .aggregate(total=Sum("num_allocated"))["total"] or 0)


def measure_parallel(*, seconds, stock=False, processes=PROCESSES):
    """``processes`` processes placing orders at once, each its own connection, for
    ``seconds``: orders a second (all of them, over the common window) and each
    order's latency. Then checks every order is there once and the stock records
    allocated exactly the units the orders took."""
    from oscar.core.loading import get_model

    Order = get_model("order", "Order")
    pool_ids = sorted({product.pk for pool in product_pools() for product in pool})
    before = allocated(pool_ids)
    start_at = time.time() + WORKER_START_SECONDS
    with tempfile.TemporaryDirectory() as folder:
        outs = [os.path.join(folder, f"worker-{n}.json") for n in range(processes)]
        commands = [[sys.executable, "-m", "bench.orders", "--worker", "--seconds", str(seconds),
                     "--seed", str(100 * (n + 1)), "--start-at", repr(start_at), "--out", out]
                    + (["--stock"] if stock else []) for n, out in enumerate(outs)]
        workers = [subprocess.Popen(command) for command in commands]
        codes = [worker.wait(timeout=seconds * 3 + 120) for worker in workers]
        if any(codes):
            raise RuntimeError(f"a worker failed: exit codes {codes}")
        results = [json.loads(open(out).read()) for out in outs]
    durations = [duration for result in results for duration in result["durations"]]
    placed = [entry for result in results for entry in result["placed"]]
    window = max(r["ended"] for r in results) - min(r["started"] for r in results)
    numbers = [number for number, _products in placed]
    found = Order._default_manager.filter(number__in=numbers).count()
    assert len(set(numbers)) == len(numbers) == found, (
        f"{len(numbers)} orders placed, {len(set(numbers))} numbers, {found} in the database")
    units = sum(len(products) for _number, products in placed)
    assert allocated(pool_ids) - before == units, "stock allocated does not match the orders"
    result = figures(durations)
    result.update(per_second=len(durations) / window if window else 0.0,
                  seconds=round(window, 3), processes=processes,
                  checked_orders=len(numbers), checked_units=units)
    return result


def measure_stock(*, seconds, parallel=True):
    """Stock Oscar's figures, measured in a process of its own (its own settings)."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": STOCK_SETTINGS}
        completed = subprocess.run(
            [sys.executable, "-m", "bench.orders", "--stock", "--seconds", str(seconds),
             "--out", out.name] + ([] if parallel else ["--no-parallel"]),
            env=env, timeout=seconds * 6 + 240, check=False,
        )
        if completed.returncode != 0:
            return None
        return json.loads(open(out.name).read())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--out", required=True)
    parser.add_argument("--stock", action="store_true",
                        help="measure stock Oscar only (run with its settings)")
    parser.add_argument("--no-stock", action="store_true", help="measure our pipeline only")
    parser.add_argument("--no-parallel", action="store_true",
                        help="leave out the measure of 2 processes at once")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--seed", type=int, default=7, help=argparse.SUPPRESS)
    parser.add_argument("--start-at", type=float, default=0.0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    django.setup()
    if args.worker:
        worker(seconds=args.seconds, place=place_stock if args.stock else place_ours,
               seed=args.seed, start_at=args.start_at, out=args.out)
        return
    if args.stock:
        result = measure(seconds=args.seconds, place=place_stock)
        if not args.no_parallel:
            for key, value in measure_parallel(seconds=args.seconds, stock=True).items():
                result[f"parallel_{key}"] = value
    else:
        result = measure(seconds=args.seconds, place=place_ours)
        result["lines_per_order"] = 2
        if not args.no_parallel:
            for key, value in measure_parallel(seconds=args.seconds).items():
                result[f"parallel_{key}"] = value
        stock = None if args.no_stock else measure_stock(seconds=args.seconds,
                                                          parallel=not args.no_parallel)
        for key, value in (stock or {}).items():
            result[f"stock_{key}"] = value
        if stock:
            print("stock Oscar: {stock_orders} in {stock_seconds:.1f} s, "
                  "{stock_per_second:.1f}/s".format(**result), file=sys.stderr)
    print(
        "orders: {orders} in {seconds:.1f} s, {per_second:.1f}/s".format(**result), file=sys.stderr
    )
    with open(args.out, "w") as out:
        json.dump(result, out, indent=1)


def report(data):
    """The orders section of bench/RESULTS.md and its target: (markdown, targets)."""
    def ms(value):
        return "—" if value is None else f"{value:.1f} ms"

    def row(label, prefix, processes):
        return "| {} | {} | {:.1f} | {} | {} | {} | {} |".format(
            label, processes, data[f"{prefix}per_second"], ms(data[f"{prefix}p50_ms"]),
            ms(data[f"{prefix}p99_ms"]), data.get(f"{prefix.replace('parallel_', '')}"
                                                  "queries_per_order", "—"),
            data[f"{prefix}orders"])

    ours, stock = "ours: shop.pipeline.place_order", "stock Oscar: OrderCreator.place_order"
    rows = ["| shop | processes | orders/s | p50 per order | p99 per order | SQL per order "
            "| orders placed |", "|---|---|---|---|---|---|---|", row(ours, "", 1)]
    if "stock_per_second" in data:
        rows.append(row(stock, "stock_", 1))
    processes = data.get("parallel_processes", PROCESSES)
    if "parallel_per_second" in data:
        rows.append(row(ours, "parallel_", processes))
    if "stock_parallel_per_second" in data:
        rows.append(row(stock, "stock_parallel_", processes))
    note = ("\n\n{} lines an order (a book and a tool). One process: orders one after another. "
            "{} processes: each its own connection, placing orders at once for the same time; "
            "orders/s counts both over that window, and the run checks every order is there "
            "once and the stock records allocated exactly what the orders took. Ours also "
            "writes the taxes, the invoices, the outbox and the payment source in the order's "
            "transaction, and Oscar's purchase figures after it.").format(
                data.get("lines_per_order", 2), processes)
    ratios = []
    for prefix in ("", "parallel_"):
        if data.get(f"stock_{prefix}per_second"):
            ratios.append("{}: {:.2f}× stock Oscar".format(
                "one process" if not prefix else f"{processes} processes",
                data[f"{prefix}per_second"] / data[f"stock_{prefix}per_second"]))
    if ratios:
        note += " Ours ÷ stock: " + "; ".join(ratios) + "."
    stock_rate = data.get("stock_per_second")
    measured = "{:.1f}/s, one process".format(data["per_second"])
    if stock_rate:
        measured += f" (stock Oscar {stock_rate:.1f}/s)"
    if "parallel_per_second" in data:
        measured += "; {:.1f}/s with {} processes".format(data["parallel_per_second"], processes)
    targets = [(f"pipeline: ≥ {TARGET_PER_SECOND} orders a second, judged on one process "
                "placing orders one after another", measured,
                data["per_second"] >= TARGET_PER_SECOND)]
    return "\n".join(rows) + note, targets


if __name__ == "__main__":
    main()
