"""The benchmark's catalogue: seeded products of the three sellers, for either shop.

One module for both shops. Run with our settings (bench.settings) or stock
Oscar's (bench.stock_oscar.settings), it writes the same sellers, categories,
products, stock records, prices and authors through whichever models those
settings install; fields only our models have (the seller's kind, the tax
class) are set only where they exist. Product number ``i`` is drawn from its
own seeded generator, so loading up to 100 and then up to 10,000 gives the
same rows as loading 10,000 at once, in both shops.

    python -m bench.catalogue load --upto 100
    python -m bench.catalogue targets        # the URLs to drive, as JSON
    python -m bench.catalogue count          # how many products are loaded
"""

import argparse
import json
import random
import sys
from dataclasses import dataclass
from decimal import Decimal

import django

SEED = "comptoir-bench-1"
BATCH = 1000
UPC_PREFIX = "BENCH"
BENCH_CATEGORY = "Livres > Romans"
BASKET_PRODUCTS = 200


@dataclass(frozen=True)
class Kind:
    """One seller and the kind of product it sells; keyed by ``seller_code``."""

    seller_code: str
    seller_name: str
    seller_fields: dict
    product_class: str
    product_class_fields: dict
    track_stock: bool
    categories: tuple
    nouns: tuple
    share: float


KINDS = (
    Kind(
        seller_code="librairie-le-signet",
        seller_name="Librairie Le Signet",
        seller_fields={"kind": "bookshop"},
        product_class="Livre",
        product_class_fields={"tax_class": "books"},
        track_stock=True,
        categories=(
            "Livres > Romans",
            "Livres > Essais",
            "Livres > Jeunesse",
            "Livres > Bandes dessinées",
            "Livres > Poésie",
        ),
        nouns=("Chronique", "Mémoires", "Histoire", "Carnets", "Lettres", "Récit", "Journal"),
        share=0.60,
    ),
    Kind(
        seller_code="outiltheque-hochelaga",
        seller_name="Outilthèque Hochelaga",
        seller_fields={"kind": "tool_library"},
        product_class="Outil",
        product_class_fields={"tax_class": "standard"},
        track_stock=True,
        categories=(
            "Outils > Menuiserie",
            "Outils > Jardinage",
            "Outils > Électricité",
            "Outils > Plomberie",
        ),
        nouns=("Perceuse", "Scie", "Ponceuse", "Râteau", "Escabeau", "Niveau", "Sécateur"),
        share=0.25,
    ),
    Kind(
        seller_code="popote-saint-henri",
        seller_name="Popote roulante Saint-Henri",
        seller_fields={"kind": "meal_service", "tax_exempt": True},
        product_class="Repas",
        product_class_fields={"tax_class": "exempt"},
        track_stock=False,
        categories=("Repas > Plats principaux", "Repas > Soupes", "Repas > Desserts"),
        nouns=("Pâté chinois", "Soupe", "Ragoût", "Tourtière", "Pouding", "Potage", "Gratin"),
        share=0.15,
    ),
)

ADJECTIVES = (
    "rouge", "d'hiver", "du fleuve", "de Montréal", "tranquille", "des Laurentides",
    "sans fin", "de la rue Ontario", "d'automne", "du quartier", "ancien", "nouveau",
)
WORDS = (
    "un", "récit", "des", "saisons", "quartier", "ville", "fleuve", "voisins", "cuisine",
    "atelier", "famille", "hiver", "lumière", "marché", "souvenirs", "chantier", "jardin",
    "bois", "coopérative", "entraide", "table", "route", "village", "printemps", "neige",
)
AUTHORS = (
    "Gabrielle Roy", "Michel Tremblay", "Anne Hébert", "Dany Laferrière", "Kim Thúy",
    "Réjean Ducharme", "Marie-Claire Blais", "Jacques Poulin", "Nicole Brossard",
)


@dataclass(frozen=True)
class ProductSpec:
    number: int
    kind: Kind
    title: str
    description: str
    category: str
    price: Decimal
    num_in_stock: int | None
    author: str


def product_spec(number):
    """Product number ``number``: the same in every run and in both shops."""
    rng = random.Random(f"{SEED}-{number}")
    draw, kind = rng.random(), KINDS[-1]
    for candidate in KINDS:
        if draw < candidate.share:
            kind = candidate
            break
        draw -= candidate.share
    title = f"{rng.choice(kind.nouns)} {rng.choice(ADJECTIVES)} no {number}"
    return ProductSpec(
        number=number,
        kind=kind,
        title=title,
        description=" ".join(rng.choice(WORDS) for _ in range(40)).capitalize() + ".",
        category=rng.choice(kind.categories),
        price=Decimal(rng.randint(300, 8000)) / 100,
        num_in_stock=rng.randint(500, 2000) if kind.track_stock else None,
        author=rng.choice(AUTHORS),
    )


def upc(number):
    return f"{UPC_PREFIX}{number:06d}"


# --- Loading ----------------------------------------------------------------


def load(*, upto):
    """Add the products numbered below ``upto`` that are not there yet."""
    from django.db import transaction
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    present = Product._default_manager.filter(upc__startswith=UPC_PREFIX).count()
    with transaction.atomic():
        sellers, classes, authors = _ensure_kinds()
        categories = _ensure_categories()
        for start in range(present, upto, BATCH):
            specs = [product_spec(n) for n in range(start, min(start + BATCH, upto))]
            _load_batch(specs, sellers=sellers, classes=classes, authors=authors,
                        categories=categories)
    total = Product._default_manager.filter(upc__startswith=UPC_PREFIX).count()
    print(f"catalogue: {total} products ({total - present} added)", file=sys.stderr)
    _analyze()


def _analyze():
    """Refresh the planner's statistics after a bulk load, as autovacuum would
    soon do on a live database; both shops get the same treatment."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _ensure_kinds():
    from oscar.core.loading import get_model

    Partner = get_model("partner", "Partner")
    ProductAttribute = get_model("catalogue", "ProductAttribute")
    ProductClass = get_model("catalogue", "ProductClass")
    sellers, classes, authors = {}, {}, {}
    for kind in KINDS:
        sellers[kind.seller_code] = Partner._default_manager.get_or_create(
            code=kind.seller_code,
            defaults={"name": kind.seller_name, **_known_fields(Partner, kind.seller_fields)},
        )[0]
        classes[kind.seller_code] = ProductClass._default_manager.get_or_create(
            name=kind.product_class,
            defaults={
                "track_stock": kind.track_stock,
                **_known_fields(ProductClass, kind.product_class_fields),
            },
        )[0]
        authors[kind.seller_code] = ProductAttribute._default_manager.get_or_create(
            product_class=classes[kind.seller_code], code="author",
            defaults={"name": "Auteur", "type": "text"},
        )[0]
    return sellers, classes, authors


def _known_fields(model, values):
    names = {field.name for field in model._meta.get_fields()}
    return {name: value for name, value in values.items() if name in names}


def _ensure_categories():
    from oscar.apps.catalogue.categories import create_from_breadcrumbs

    return {path: create_from_breadcrumbs(path) for kind in KINDS for path in kind.categories}


def _load_batch(specs, *, sellers, classes, authors, categories):
    from django.conf import settings
    from oscar.core.loading import get_model
    from oscar.core.utils import slugify

    Product = get_model("catalogue", "Product")
    ProductAttributeValue = get_model("catalogue", "ProductAttributeValue")
    ProductCategory = get_model("catalogue", "ProductCategory")
    StockRecord = get_model("partner", "StockRecord")
    products = Product._default_manager.bulk_create(
        Product(
            upc=upc(spec.number),
            title=spec.title,
            slug=slugify(spec.title),
            description=spec.description,
            product_class=classes[spec.kind.seller_code],
            is_public=True,
        )
        for spec in specs
    )
    pairs = list(zip(specs, products, strict=True))
    ProductCategory._default_manager.bulk_create(
        ProductCategory(product=product, category=categories[spec.category])
        for spec, product in pairs
    )
    StockRecord._default_manager.bulk_create(
        StockRecord(
            product=product,
            partner=sellers[spec.kind.seller_code],
            partner_sku=upc(spec.number),
            price=spec.price,
            price_currency=settings.OSCAR_DEFAULT_CURRENCY,
            num_in_stock=spec.num_in_stock,
        )
        for spec, product in pairs
    )
    ProductAttributeValue._default_manager.bulk_create(
        ProductAttributeValue(attribute=authors[spec.kind.seller_code], product=product, value_text=spec.author)
        for spec, product in pairs
        if spec.kind is KINDS[0]
    )


def count():
    """How many of the benchmark's products the database holds."""
    from oscar.core.loading import get_model

    Product = get_model("catalogue", "Product")
    return Product._default_manager.filter(upc__startswith=UPC_PREFIX).count()


# --- What to drive ----------------------------------------------------------


def targets():
    """The pages the benchmark drives, found by product number and category name.

    The same product (the first book in the benchmark's category) and the same
    basket products in both shops, whatever primary keys each database gave them.
    """
    from django.urls import Resolver404, resolve, reverse
    from oscar.core.loading import get_model

    Category = get_model("catalogue", "Category")
    Product = get_model("catalogue", "Product")
    category = Category._default_manager.get(name=BENCH_CATEGORY.split(" > ")[-1])
    in_category = category.product_set.filter(upc__startswith=UPC_PREFIX).order_by("upc")
    product = in_category.first()
    stocked = [upc(n) for n in range(10_000) if product_spec(n).kind.track_stock]
    basket_products = Product._default_manager.filter(upc__in=stocked[:BASKET_PRODUCTS])
    basket_ids = list(basket_products.order_by("pk").values_list("pk", flat=True))
    sms = "/phone/sms/inbound/"
    try:
        resolve(sms)
    except Resolver404:
        sms = None
    return {
        "home": "/",
        "catalogue": reverse("catalogue:index"),
        "category": category.get_absolute_url(),
        "category_products": in_category.count(),
        "product": product.get_absolute_url(),
        "basket_add": [reverse("basket:add", kwargs={"pk": pk}) for pk in basket_ids],
        "sms_inbound": sms,
    }


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("load").add_argument("--upto", type=int, required=True)
    commands.add_parser("targets")
    commands.add_parser("count")
    args = parser.parse_args(argv)
    django.setup()
    if args.command == "load":
        load(upto=args.upto)
    elif args.command == "count":
        print(count())
    else:
        json.dump(targets(), sys.stdout, indent=1)


if __name__ == "__main__":
    main()
