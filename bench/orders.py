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

    place_order(
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
        OrderCreator().place_order(
            basket=basket, total=total, shipping_method=shipping_method,
            shipping_charge=shipping_charge, user=client,
            order_number=OrderNumberGenerator().order_number(basket),
        )
        basket.submit()


def place_orders(*, seconds, place=place_ours):
    """Place orders until ``seconds`` have passed; return each order's duration."""
    client, pools, rng = customer(), product_pools(), random.Random(7)
    durations = []
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and len(durations) < MAX_ORDERS:
        products = [rng.choice(pool) for pool in pools]
        started = time.perf_counter()
        place(client, products)
        durations.append(time.perf_counter() - started)
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


def measure_stock(*, seconds):
    """Stock Oscar's figures, measured in a process of its own (its own settings)."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": STOCK_SETTINGS}
        completed = subprocess.run(
            [sys.executable, "-m", "bench.orders", "--stock", "--seconds", str(seconds),
             "--out", out.name],
            env=env, timeout=seconds * 3 + 120, check=False,
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
    args = parser.parse_args(argv)
    django.setup()
    if args.stock:
        result = measure(seconds=args.seconds, place=place_stock)
    else:
        result = measure(seconds=args.seconds, place=place_ours)
        result["lines_per_order"] = 2
        stock = None if args.no_stock else measure_stock(seconds=args.seconds)
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

    header = "| shop | orders/s | p50 per order | p99 per order | SQL per order | orders placed |"
    rows = [header, "|---|---|---|---|---|---|",
            "| ours: shop.pipeline.place_order | {:.1f} | {} | {} | {} | {} |".format(
                data["per_second"], ms(data["p50_ms"]), ms(data["p99_ms"]),
                data.get("queries_per_order", "—"), data["orders"])]
    if "stock_per_second" in data:
        rows.append("| stock Oscar: OrderCreator.place_order | {:.1f} | {} | {} | {} | {} |".format(
            data["stock_per_second"], ms(data["stock_p50_ms"]), ms(data["stock_p99_ms"]),
            data.get("stock_queries_per_order", "—"), data["stock_orders"]))
    note = ("\n\n{} lines an order (a book and a tool), one process, one after another; ours "
            "also writes the taxes, the invoices, the outbox and the payment source in the "
            "order's transaction.").format(data.get("lines_per_order", 2))
    stock = data.get("stock_per_second")
    measured = "{:.1f}/s".format(data["per_second"])
    if stock:
        measured += f" (stock Oscar {stock:.1f}/s)"
    targets = [(f"pipeline: ≥ {TARGET_PER_SECOND} orders a second", measured,
                data["per_second"] >= TARGET_PER_SECOND)]
    return "\n".join(rows) + note, targets


if __name__ == "__main__":
    main()
