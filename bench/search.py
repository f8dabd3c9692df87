"""Search response times at 100,000 products: our full-text search, and stock Oscar's.

Ours: ``shop.search.selectors.search_results`` on PostgreSQL, as the search
page runs it: the count of the results (no further than the page counts,
shop.search.selectors.count_found) and their first page (20 products),
for queries a client types: an author, a title typed without its accents,
an ISBN with hyphens, a near miss and a word of a seller's name. The catalogue
is loaded up to ``--products`` first (bench.catalogue), with a few books that
carry an ISBN as their UPC, as the bookshop's do.

Stock Oscar: the same queries through Haystack (``SearchQuerySet().auto_query``,
what its search page runs) on the Whoosh index its settings point to, in a
second process; Whoosh indexes about 30 products a second here, so it is
measured at the size its index has (bench/run.sh builds it at 10,000) and the
report says that size.

    python -m bench.search --products 100000 --out bench/var/search.json
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

import django

STOCK_SETTINGS = "bench.stock_oscar.settings"
PAGE = 20
TARGET_P99_MS = 100
TARGET_PRODUCTS = 100_000
PROBES = (  # books with an ISBN as UPC, in both shops
    ("9782890521234", "Les Fous de Bassan", "Anne Hébert"),
    ("9782760919213", "La Grosse Femme d'à côté est enceinte", "Michel Tremblay"),
    ("9782923550729", "Ru", "Kim Thúy"),
)
QUERIES = (
    ("author", "Michel Tremblay"),
    ("author without accents", "anne hebert"),
    ("title without accents", "memoires d'hiver"),
    ("ISBN with hyphens", "978-2-89052-123-4"),
    ("near miss", "Tremblai"),
    ("near miss in a title", "perceuze"),
    ("seller's name", "outiltheque"),
)


def add_probes():
    """The probe books, once, priced like the catalogue's (bench.catalogue's book class)."""
    from django.conf import settings
    from django.db import transaction
    from oscar.core.loading import get_model
    from oscar.core.utils import slugify

    from bench.catalogue import KINDS

    Partner = get_model("partner", "Partner")
    Product = get_model("catalogue", "Product")
    ProductAttribute = get_model("catalogue", "ProductAttribute")
    ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
    ProductClass = get_model("catalogue", "ProductClass")
    StockRecord = get_model("partner", "StockRecord")
    books = ProductClass._default_manager.get(name=KINDS[0].product_class)
    seller = Partner._default_manager.get(code=KINDS[0].seller_code)
    author = ProductAttribute._default_manager.get(product_class=books, code="author")
    with transaction.atomic():
        for isbn, title, name in PROBES:
            if Product._default_manager.filter(upc=isbn).exists():
                continue
            product = Product._default_manager.create(
                upc=isbn, title=title, slug=slugify(title), product_class=books, is_public=True)
            ProductAttributeValue._default_manager.create(
                attribute=author, product=product, value_text=name)
            StockRecord._default_manager.create(
                product=product, partner=seller, partner_sku=isbn, price="24.95",
                price_currency=settings.OSCAR_DEFAULT_CURRENCY, num_in_stock=10)


def ours(query):
    """As the search page: the count (up to its limit, shop.search.selectors.count_found)
    and the first page."""
    from shop.search.selectors import count_found, search_results

    results = search_results(query=query)
    return count_found(query=query), len(list(results[:PAGE]))


def explain(query):
    """PostgreSQL's plan of the first page of ``query``, as run (EXPLAIN ANALYZE)."""
    from django.db import connection

    from shop.search.selectors import search_results

    sql, params = search_results(query=query)[:PAGE].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
        return [row[0] for row in cursor.fetchall()]


def stock(query):
    from haystack.query import SearchQuerySet

    results = SearchQuerySet().auto_query(query)
    return results.count(), len([result.pk for result in results[:PAGE]])


def catalogue_size(search):
    if search is stock:
        from haystack.query import SearchQuerySet

        return SearchQuerySet().count()
    from oscar.core.loading import get_model

    return get_model("catalogue", "Product")._default_manager.count()


def measure(search, *, rounds):
    """p50 and p99 over ``rounds`` of every query, after one warm-up round."""
    found = {label: search(query)[0] for label, query in QUERIES}
    durations, per_query = [], {}
    for _round in range(rounds):
        for label, query in QUERIES:
            started = time.perf_counter()
            search(query)
            elapsed = 1000 * (time.perf_counter() - started)
            durations.append(elapsed)
            per_query.setdefault(label, []).append(elapsed)
    figures = {
        "products": catalogue_size(search),
        "searches": len(durations),
        "p50_ms": percentile(durations, 0.50),
        "p99_ms": percentile(durations, 0.99),
        "queries": [
            {"label": label, "query": query, "found": found[label],
             "p50_ms": percentile(per_query[label], 0.50),
             "p99_ms": percentile(per_query[label], 0.99),
             "max_ms": max(per_query[label])}
            for label, query in QUERIES
        ],
    }
    if search is ours:
        from shop.search.selectors import FOUND_LIMIT

        figures["found_limit"] = FOUND_LIMIT  # the search page counts no further
        slowest = max(figures["queries"], key=lambda query: query["p99_ms"])
        figures["slowest"] = {"label": slowest["label"], "query": slowest["query"],
                              "explain": explain(slowest["query"])}
    return figures


def percentile(values, share):
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * share))] if values else None


def measure_stock(*, rounds):
    """Stock Oscar's figures, from a process of its own; None without a Whoosh index."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": STOCK_SETTINGS}
        completed = subprocess.run(
            [sys.executable, "-m", "bench.search", "--stock", "--rounds", str(rounds),
             "--out", out.name],
            env=env, timeout=900, check=False,
        )
        if completed.returncode != 0:
            return None
        return json.loads(open(out.name).read())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=TARGET_PRODUCTS)
    parser.add_argument("--rounds", type=int, default=30)
    parser.add_argument("--out", required=True)
    parser.add_argument("--stock", action="store_true",
                        help="measure stock Oscar only (run with its settings)")
    parser.add_argument("--no-stock", action="store_true", help="measure our search only")
    args = parser.parse_args(argv)
    django.setup()
    if args.stock:
        add_probes()
        result = measure(stock, rounds=args.rounds)
    else:
        from bench.catalogue import load

        load(upto=args.products)
        add_probes()
        result = {"ours": measure(ours, rounds=args.rounds)}
        result["stock"] = None if args.no_stock else measure_stock(rounds=args.rounds)
        print("search: ours p99 {:.1f} ms at {:,} products".format(
            result["ours"]["p99_ms"], result["ours"]["products"]), file=sys.stderr)
        for query in result["ours"]["queries"]:
            print("  {label}: `{query}` found {found:,}, p50 {p50_ms:.1f} ms, p99 {p99_ms:.1f} ms"
                  .format(**query), file=sys.stderr)
    with open(args.out, "w") as out:
        json.dump(result, out, indent=1)


def report(data):
    """The search section of bench/RESULTS.md and its targets: (markdown, targets)."""
    rows = ["| shop | products | p50 | p99 | searches |", "|---|---|---|---|---|"]
    for name, key in (("ours (PostgreSQL full text, trigram)", "ours"),
                      ("stock Oscar (Haystack, Whoosh)", "stock")):
        figures = data.get(key)
        if figures:
            rows.append("| {} | {:,} | {:.1f} ms | {:.1f} ms | {} |".format(
                name, figures["products"], figures["p50_ms"], figures["p99_ms"],
                figures["searches"]))
        else:
            rows.append(f"| {name} | — | — | — | not measured (no index) |")
    rows += ["", "| query | typed | ours: found | ours p50 | ours max |", "|---|---|---|---|---|"]
    limit = data["ours"].get("found_limit")
    for query in data["ours"]["queries"]:
        found = (f"more than {limit:,}" if limit is not None and query["found"] > limit
                 else f"{query['found']:,}")
        rows.append("| {label} | `{query}` | {found} | {p50_ms:.1f} ms | {max_ms:.1f} ms |"
                    .format(**{**query, "found": found}))
    ours = data["ours"]
    targets = [(
        f"search: p99 under {TARGET_P99_MS} ms at {TARGET_PRODUCTS:,} products",
        "{:.1f} ms at {:,}".format(ours["p99_ms"], ours["products"]),
        ours["p99_ms"] < TARGET_P99_MS and ours["products"] >= TARGET_PRODUCTS,
    )]
    stock = data.get("stock")
    if stock:
        targets.append((
            "stock Oscar's search, for comparison",
            "p99 {:.1f} ms at {:,} products".format(stock["p99_ms"], stock["products"]),
            stock["p99_ms"] < TARGET_P99_MS,
        ))
    return "\n".join(rows), targets


if __name__ == "__main__":
    main()
