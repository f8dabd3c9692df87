"""What the web shop sells as goods, and what it only lends or serves.

Some products of the catalogue are not goods:

- a lent tool (a product with loan terms, ``shop.rentals.RentableItem``) is
  booked for a range of days; its units are taken by bookings only, so no sale
  may ever use its stock, on any channel;
- a meal (a product a meal program bills its meals as, ``services.MealOption``,
  or any product of a meal service) is delivered to a registered client, who
  signs up for it. The meal service bills the meals it delivered through the
  one order pipeline, with no web visitor behind it: only the web basket and
  web checkout refuse meals.

The partner strategy asks ``refusal`` for each product it prices, so the add
to basket form, the basket and checkout all refuse these products with the
reason (shop.partner.strategy). Product pages and cards ask ``sale_route`` what
to offer instead: booking, or registration.
"""

from dataclasses import dataclass

from django.apps import apps
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

GOODS = "goods"
LOAN = "loan"
MEAL = "meal"

TOOL_REFUSAL = _(
    "This tool is lent, not sold: book it for the days you need on its page."
)
MEAL_REFUSAL = _(
    "Meals are delivered to people registered for meal delivery: register on the "
    "meal's page to receive them."
)

_CACHE_ATTR = "_comptoir_sale_route"


@dataclass(frozen=True)
class SaleRoute:
    """How a product reaches a client: sold, lent (with its terms) or served by a program."""

    kind: str = GOODS
    terms: object = None  # the loan terms of a lent tool
    program: object = None  # the meal program a meal is served by, when known

    @property
    def is_goods(self) -> bool:
        return self.kind == GOODS

    @property
    def is_loan(self) -> bool:
        return self.kind == LOAN

    @property
    def is_meal(self) -> bool:
        return self.kind == MEAL


def sale_route(product, seller=None, *, request=None) -> SaleRoute:
    """How ``product`` (sold by ``seller``, if known) reaches a client.

    With a ``request`` (a web page, its cards, its basket), the lent and served
    products are read once for the whole request, so a page of cards runs the
    same queries whatever their number. Kept on the product instance too: a
    card and the strategy pricing it ask for the same product.
    """
    if product is None or product.pk is None:
        return SaleRoute()
    known = product.__dict__.setdefault(_CACHE_ATTR, {})
    index = _request_index(request)
    if None not in known:
        known[None] = index.route(product.pk) if index is not None else _own_route(product)
    route = known[None]
    if not route.is_goods or seller is None or not _is_meal_service(seller):
        return route
    if seller.pk not in known:
        program = (index.seller_program(seller) if index is not None
                   else _program_of_seller(seller))
        known[seller.pk] = SaleRoute(kind=MEAL, program=program)
    return known[seller.pk]


def sale_routes_read(products) -> None:
    """Read the routes of ``products`` in two queries whatever their number, and keep each
    on its product as ``sale_route`` does (an order's lines, priced one by one after)."""
    products = [product for product in products if product is not None
                and product.pk is not None and None not in product.__dict__.get(_CACHE_ATTR, {})]
    if not products:
        return
    pks = {product.pk for product in products}
    RentableItem = apps.get_model("rentals", "RentableItem")
    terms = {}
    for item in RentableItem._default_manager.filter(product_id__in=pks).order_by("pk"):
        terms.setdefault(item.product_id, item)
    programs = {}
    if apps.is_installed("services") and len(terms) < len(pks):
        MealOption = apps.get_model("services", "MealOption")
        options = (MealOption._default_manager
                   .filter(Q(regular_product_id__in=pks) | Q(solidarity_product_id__in=pks))
                   .select_related("program")
                   .order_by("-program__is_active", "program__name", "pk"))
        for option in options:  # the first one wins, as in _program_of_meal
            for product_id in (option.regular_product_id, option.solidarity_product_id):
                if product_id in pks:
                    programs.setdefault(product_id, option.program)
    for product in products:
        if product.pk in terms:
            route = SaleRoute(kind=LOAN, terms=terms[product.pk])
        elif product.pk in programs:
            route = SaleRoute(kind=MEAL, program=programs[product.pk])
        else:
            route = SaleRoute()
        product.__dict__.setdefault(_CACHE_ATTR, {})[None] = route


class _RouteIndex:
    """Every lent tool's terms and every meal's program, read in two queries."""

    def __init__(self):
        RentableItem = apps.get_model("rentals", "RentableItem")
        self.terms = {terms.product_id: terms for terms in RentableItem._default_manager.all()}
        self.programs = {}
        self.seller_programs = {}
        if apps.is_installed("services"):
            MealOption = apps.get_model("services", "MealOption")
            options = (MealOption._default_manager
                       .filter(Q(regular_product__isnull=False)
                               | Q(solidarity_product__isnull=False))
                       .select_related("program")
                       .order_by("program__is_active", "-program__name", "-pk"))
            for option in options:  # the last one wins: active programs, by name
                for product_id in (option.regular_product_id, option.solidarity_product_id):
                    if product_id is not None:
                        self.programs[product_id] = option.program

    def seller_program(self, seller):
        if seller.pk not in self.seller_programs:
            self.seller_programs[seller.pk] = _program_of_seller(seller)
        return self.seller_programs[seller.pk]

    def route(self, product_id) -> SaleRoute:
        if product_id in self.terms:
            return SaleRoute(kind=LOAN, terms=self.terms[product_id])
        if product_id in self.programs:
            return SaleRoute(kind=MEAL, program=self.programs[product_id])
        return SaleRoute()


def _request_index(request):
    if request is None:
        return None
    index = getattr(request, _CACHE_ATTR, None)
    if index is None:
        index = _RouteIndex()
        setattr(request, _CACHE_ATTR, index)
    return index


def refusal(product, *, seller=None, request=None):
    """Why ``product`` may not be bought as goods, or None when it may.

    A ``request`` says the purchase is a web visitor's (the basket, web
    checkout): a meal is refused there only.
    """
    route = sale_route(product, seller, request=request)
    if route.is_loan:
        return TOOL_REFUSAL
    if route.is_meal and request is not None:
        return MEAL_REFUSAL
    return None


def _own_route(product) -> SaleRoute:
    """The route the product's own rows say: loan terms, or a meal option of a program."""
    RentableItem = apps.get_model("rentals", "RentableItem")
    terms = RentableItem._default_manager.filter(product_id=product.pk).first()
    if terms is not None:
        return SaleRoute(kind=LOAN, terms=terms)
    if apps.is_installed("services"):
        program = _program_of_meal(product)
        if program is not None:
            return SaleRoute(kind=MEAL, program=program)
    return SaleRoute()


def _program_of_meal(product):
    MealOption = apps.get_model("services", "MealOption")
    option = (
        MealOption._default_manager
        .filter(Q(regular_product_id=product.pk) | Q(solidarity_product_id=product.pk))
        .select_related("program")
        .order_by("-program__is_active", "program__name", "pk")
        .first()
    )
    return option.program if option is not None else None


def _is_meal_service(seller) -> bool:
    from shop.partner.models import SellerKind

    return getattr(seller, "kind", None) == SellerKind.MEAL_SERVICE


def _program_of_seller(seller):
    if not apps.is_installed("services"):
        return None
    Program = apps.get_model("services", "Program")
    return (Program._default_manager.filter(seller=seller)
            .order_by("-is_active", "name", "pk").first())
