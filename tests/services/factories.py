"""Factories for meal delivery: a program with its days and meals, seasons, clients."""

from datetime import date, time, timedelta

import factory
from django.utils import translation
from django.utils.formats import date_format

from services.models import (
    Client,
    MealKind,
    MealOption,
    Program,
    ProgramDay,
    RegistrationChannel,
    Season,
)
from services.services import registration_create
from shop.partner.models import SellerKind
from shop.taxes import TaxClass
from tests.clock import MONDAY, day, weekday_on_or_after
from tests.factories import ProductClassFactory, SellerFactory, product_for

# A fifteen-week season, Monday to Friday, starting a few weeks after the frozen
# day, so tests read like a calendar. Online registration is open on the frozen
# day: from 19 days before it to 103 days after, before the season ends.
SEASON_START = weekday_on_or_after(day(18), MONDAY)
SEASON_END = SEASON_START + timedelta(weeks=14, days=4)  # a Friday
REGISTRATION_OPENS = day(-19)
REGISTRATION_CLOSES = day(103)


def written(on: date, pattern: str, language: str = "fr-ca") -> str:
    """Day ``on`` as pages and messages write it in ``language``: "lundi 7 septembre 2026"."""
    with translation.override(language):
        return date_format(on, pattern)


class MealServiceFactory(SellerFactory):
    name = factory.Sequence(lambda n: f"Popote {n}")
    kind = SellerKind.MEAL_SERVICE
    contact_phone = "+15145550130"
    tax_exempt = True


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program

    seller = factory.SubFactory(MealServiceFactory)
    name = factory.Sequence(lambda n: f"Popote du midi {n}")
    slug = factory.Sequence(lambda n: f"popote-{n}")
    postal_prefixes = "H4C H3J"
    cutoff_time = time(18, 0)


def program_with(*, weekdays=(0, 2, 4), capacity=40, options=(MealKind.REGULAR,), products=False,
                 **fields) -> Program:
    """A program delivering on ``weekdays`` with ``capacity`` meals a day.

    With ``products``, each meal option is sold as a regular (8.00) and a
    solidarity (5.00) product of the program's seller.
    """
    program = ProgramFactory(**fields)
    if products:
        ProductClassFactory(name="Repas", tax_class=TaxClass.EXEMPT, track_stock=False,
                            requires_shipping=True)
    for weekday in weekdays:
        ProgramDay.objects.create(program=program, weekday=weekday, capacity=capacity)
    for position, kind in enumerate(options):
        option = MealOption(program=program, kind=kind, name=MealKind(kind).label,
                            position=position)
        if products:
            option.regular_product = product_for(
                program.seller, title=f"Repas {kind}", price="8.00", num_in_stock=100,
                tax_class=TaxClass.EXEMPT, class_name="Repas")
            option.solidarity_product = product_for(
                program.seller, title=f"Repas {kind} solidaire", price="5.00",
                num_in_stock=100, tax_class=TaxClass.EXEMPT, class_name="Repas")
        option.save()
    return program


class SeasonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Season

    program = factory.SubFactory(ProgramFactory)
    name = f"Automne {SEASON_START.year}"
    starts_on = SEASON_START
    ends_on = SEASON_END
    registration_opens_on = REGISTRATION_OPENS
    registration_closes_on = REGISTRATION_CLOSES


class ClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Client
        skip_postgeneration_save = True

    first_name = "Gérard"
    last_name = factory.Sequence(lambda n: f"Bouchard{n}")
    phone = factory.Sequence(lambda n: f"+1438555{n:04d}")
    address_line1 = factory.Sequence(lambda n: f"{100 + n}, rue Notre-Dame Ouest")
    postal_code = "H4C 1S3"

    @factory.post_generation
    def sms_consent_in_the_ledger(obj, create, extracted, **kwargs):
        """A client made with ``sms_consent=True`` agreed to texts: the ledger says so."""
        if create and obj.sms_consent:
            from services.models import ConsentKind, RegistrationChannel
            from services.services import consent_record

            consent_record(client=obj, kind=ConsentKind.SMS, statement="Oui aux SMS",
                           given_by=obj.full_name, channel=RegistrationChannel.PHONE)


def register(client, program, season, *, weekdays=(0,), meals=1, channel=RegistrationChannel.PHONE,
             option=None, start=SEASON_START, **kwargs):
    """Shorthand for ``registration_create`` with the program's first meal."""
    return registration_create(
        client=client, program=program, season=season, weekdays=list(weekdays),
        meals_per_delivery=meals, meal_option=option or program.meal_options.first(),
        requested_start=start, channel=channel, **kwargs,
    )
