"""Demo data for meal delivery: the Popote roulante Saint-Henri's program.

Needs the shop's demo (``manage.py load_demo``): the seller, its meal products
and Gérard Bouchard, the client known only by his phone number. Every row is
found by a stable key, so a second run creates nothing; dates are set relative
to the day of the first run and kept afterwards.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from oscar.core.loading import get_model

from shop import clock
from shop.order.models import PaymentMethod

from . import services
from .models import (
    Client,
    Closure,
    Delivery,
    DeliveryStatus,
    Fare,
    MealKind,
    MealOption,
    Program,
    ProgramDay,
    Registration,
    RegistrationChannel,
    RegistrationStatus,
    Route,
    Season,
)
from .weekdays import Weekday

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
User = get_model("accounts", "User")

SELLER_CODE = "popote-saint-henri"
STAFF_EMAIL = "popote@example.org"
PROGRAM_SLUG = "popote-saint-henri"

# (kind, name, product code of the regular fare; the solidarity one adds "-SOL")
MEALS = (
    (MealKind.REGULAR, "Repas régulier", "POP-REG"),
    (MealKind.DIABETIC, "Repas diabétique", "POP-DIA"),
    (MealKind.TEXTURE_MODIFIED, "Repas à texture adaptée", "POP-TEX"),
    (MealKind.VEGETARIAN, "Repas végétarien", "POP-VEG"),
)
# Tuesdays a smaller team cooks: few places, so the demo has a waiting list.
CAPACITY = {Weekday.MONDAY: 40, Weekday.TUESDAY: 2, Weekday.WEDNESDAY: 40,
            Weekday.THURSDAY: 40, Weekday.FRIDAY: 40}


@dataclass(frozen=True)
class DemoClient:
    first_name: str
    last_name: str
    phone: str
    address: str
    postal_code: str
    meal: str
    weekdays: tuple
    channel: str
    approve: bool = True
    language: str = "fr"
    fare: str = Fare.REGULAR
    allergies: str = ""
    diet: str = ""
    access_notes: str = ""
    emergency: tuple = ("", "")
    meals: int = 1


CLIENTS = (
    DemoClient("Gérard", "Bouchard", "+15145550142", "2290, rue du Couvent", "H4C 2K1",
               MealKind.REGULAR, (0, 2, 4), RegistrationChannel.PHONE, fare=Fare.SOLIDARITY,
               diet="Sans sel ajouté", access_notes="Sonner fort : il entend mal.",
               emergency=("Sylvie Bouchard (fille)", "+15145550143")),
    DemoClient("Rita", "Lavoie", "+15145550177", "2500, rue Saint-Jacques, app. 3", "H4C 1S3",
               MealKind.DIABETIC, (0, 1, 3), RegistrationChannel.WEB, allergies="arachides",
               access_notes="Porte arrière, par la ruelle.",
               emergency=("Julie Lavoie", "+14385550188")),
    DemoClient("Jean-Guy", "Pelletier", "+15145550178", "640, rue Laporte", "H3J 1M5",
               MealKind.TEXTURE_MODIFIED, (0, 1, 2, 3, 4), RegistrationChannel.PHONE,
               fare=Fare.SOLIDARITY, diet="Purée", access_notes="Clé chez la voisine du 642."),
    DemoClient("Margaret", "O'Neil", "+15145550179", "4120, rue Notre-Dame Ouest", "H4C 1R6",
               MealKind.VEGETARIAN, (2, 4), RegistrationChannel.WEB, language="en",
               allergies="gluten", meals=2),
    DemoClient("Lucien", "Thibault", "+15145550180", "88, rue Bourget", "H4C 2M4",
               MealKind.REGULAR, (1,), RegistrationChannel.WALK_IN),
    DemoClient("Huguette", "Caron", "+15145550181", "1950, rue Workman", "H3J 1P9",
               MealKind.REGULAR, (0, 3), RegistrationChannel.WEB, approve=False,
               allergies="fruits de mer"),
)


@dataclass
class ServicesDemoSummary:
    created: Counter = field(default_factory=Counter)
    deliveries: int = 0


def services_demo_load(*, today: date | None = None) -> ServicesDemoSummary:
    """Create what is missing of the meal-delivery demo; safe to run again."""
    today = today or clock.today()
    summary = ServicesDemoSummary()
    seller = Partner._default_manager.filter(code=SELLER_CODE).first()
    if seller is None:
        raise LookupError("Run manage.py load_demo first: the meal service is missing.")
    staff = User._default_manager.filter(email=STAFF_EMAIL).first()
    with transaction.atomic():
        program = _program(seller, summary)
        season = _season(program, today, summary)
        _closures(program, season, summary)
        for person in CLIENTS:
            _registration(person, program, season, staff, summary)
    summary.deliveries = services.deliveries_generate(start=today, days=14)
    _routes(program, today, summary)
    return summary


def _program(seller, summary):
    program, created = Program._default_manager.get_or_create(
        slug=PROGRAM_SLUG,
        defaults={"seller": seller, "name": "Popote du midi — Saint-Henri",
                  "postal_prefixes": "H4C H3J H4E H3K"},
    )
    summary.created["program"] += created
    for weekday, capacity in CAPACITY.items():
        _row, created = ProgramDay._default_manager.get_or_create(
            program=program, weekday=weekday, defaults={"capacity": capacity})
        summary.created["delivery day"] += created
    for position, (kind, name, code) in enumerate(MEALS):
        _row, created = MealOption._default_manager.get_or_create(
            program=program, kind=kind,
            defaults={"name": name, "position": position,
                      "regular_product": Product._default_manager.filter(upc=code).first(),
                      "solidarity_product": Product._default_manager.filter(
                          upc=code + "-SOL").first()})
        summary.created["meal option"] += created
    return program


def _season(program, today, summary):
    season, created = Season._default_manager.get_or_create(
        program=program, name="Saison régulière",
        defaults={"starts_on": today - timedelta(days=28), "ends_on": today + timedelta(days=180),
                  "registration_opens_on": today - timedelta(days=60),
                  "registration_closes_on": today + timedelta(days=150)},
    )
    summary.created["season"] += created
    return season


def _closures(program, season, summary):
    for year in {season.starts_on.year, season.ends_on.year}:
        for day, reason in ((date(year, 12, 25), "Noël"), (date(year, 1, 1), "Jour de l'An")):
            if season.covers(day):
                _row, created = Closure._default_manager.get_or_create(
                    program=program, date=day, defaults={"reason": reason})
                summary.created["closure"] += created


def _registration(person, program, season, staff, summary):
    client = Client._default_manager.filter(phone=person.phone).first()
    if client is None:
        client = services.client_create(
            by=staff, first_name=person.first_name, last_name=person.last_name,
            phone=person.phone, address_line1=person.address, postal_code=person.postal_code,
            language=person.language, fare=person.fare, allergies=person.allergies,
            diet_restrictions=person.diet, access_notes=person.access_notes,
            emergency_contact_name=person.emergency[0],
            emergency_contact_phone=person.emergency[1], payment_method=PaymentMethod.INVOICE,
            user=User._default_manager.filter(phone=person.phone).first())
        summary.created["client"] += 1
    if Registration._default_manager.filter(client=client, program=program,
                                            season=season).exists():
        return
    registration = services.registration_create(
        client=client, program=program, season=season, weekdays=list(person.weekdays),
        meal_option=program.meal_options.get(kind=person.meal), meals_per_delivery=person.meals,
        requested_start=season.starts_on, channel=person.channel,
        entered_by=staff if person.channel != RegistrationChannel.WEB else None,
        consent_statement="Consentement de démonstration.",
    )
    summary.created["registration"] += 1
    if person.approve and registration.status == RegistrationStatus.PENDING:
        services.registration_approve(registration=registration, by=staff)


def _routes(program, today, summary):
    routes = Route._default_manager.filter(program=program)
    before = routes.count()
    for offset in range(7):
        for route in services.routes_plan(program=program, date=today + timedelta(days=offset)):
            if not route.driver_name:
                services.route_set_driver(route=route, driver_name="Denis Gagnon (bénévole)",
                                          driver_phone="+15145550190")
    summary.created["route"] += routes.count() - before


# --- Last month, billed -------------------------------------------------------------------

PAID_BY_CHEQUE = "+15145550142"  # Gérard Bouchard paid part of his invoice by cheque


def services_demo_bill_last_month(*, today: date | None = None) -> list:
    """Last month's meals delivered and billed, so that monthly statements have content.

    The deliveries of last month (from the season's start) are marked delivered
    and billed by ``billing_run`` (monthly invoice), the orders dated the
    month's last day; one client paid part by cheque that evening. Billing
    nothing twice, a second run changes nothing. Returns the orders placed.
    """
    from shop.payments.services import ManualMethod, manual_payment_record

    from .services.billing import billing_run

    program = Program._default_manager.filter(slug=PROGRAM_SLUG).first()
    if program is None:
        return []
    today = today or clock.today()
    last = today.replace(day=1) - timedelta(days=1)
    first = last.replace(day=1)
    closing = datetime.combine(last, time(17), tzinfo=clock.shop_zone())
    services.deliveries_generate(start=first, days=(last - first).days + 1, programs=[program])
    Delivery._default_manager.filter(
        program=program, date__range=(first, last), status=DeliveryStatus.SCHEDULED,
    ).update(status=DeliveryStatus.DELIVERED, outcome_at=closing)
    staff = User._default_manager.filter(email=STAFF_EMAIL).first()
    orders = billing_run(program=program, period_start=first, period_end=last, by=staff,
                         now=closing).orders
    billed = Delivery._default_manager.filter(program=program, date__range=(first, last),
                                              billed_order__isnull=False)
    get_model("order", "Order")._default_manager.filter(
        pk__in=billed.values("billed_order")).update(date_placed=closing)
    for order in orders:
        if order.user.phone == PAID_BY_CHEQUE and staff is not None:
            manual_payment_record(order=order, amount=(order.total_incl_tax / 2).quantize(
                Decimal("0.01")), method=ManualMethod.CHEQUE, user=staff)
            order.payment_events.update(date_created=closing + timedelta(hours=1))
    return orders

