"""``manage.py load_demo_rentals``: loan terms, units and memberships for the demo tool library.

Run after ``load_demo``. Every tool of the tool library (product class
"Location d'outil") gets its loan terms and as many units as its stock record
counts, tagged ``<code>-<n>`` (OTH-001-1…); the library gets two membership
tiers, each sold as two products (full and solidarity price), and the demo
clients with an email a year of membership. Safe to run again: it creates
what is missing and changes nothing else.
"""

from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from oscar.core.loading import get_model

from shop import clock
from shop.demo import pictures
from shop.demo.loader import demo_picture_ensure
from shop.rentals.models import Membership, MembershipTier, RentableItem, Unit
from shop.rentals.services import membership_create
from shop.rentals.services.membership_products import membership_tier_products_ensure

Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")
User = get_model("accounts", "User")

LIBRARY_CODE = "outiltheque-hochelaga"
TOOL_CLASS = "Location d'outil"
LOCATION = "Comptoir, étagère {}"
TIERS = (
    # name, items at once, price, solidarity price
    ("Adhésion individuelle", 2, "40.00", "10.00"),
    ("Adhésion famille", 5, "60.00", "15.00"),
)
DEMO_MEMBERS = ("lea.tremblay@example.org", "marc-olivier.roy@example.org",
                "amina.diallo@example.org")


class Command(BaseCommand):
    help = "Give the demo tool library's tools loan terms, units and members (idempotent)."

    def handle(self, *args, **options):
        library = Partner._default_manager.filter(code=LIBRARY_CODE).first()
        if library is None:
            raise CommandError(f"No tool library {LIBRARY_CODE!r}: run manage.py load_demo first.")
        with transaction.atomic():
            terms, units = self._tools(library)
            tiers = self._tiers(library)
            members = self._members(tiers[0])
        self.stdout.write(
            f"{library.name}: {terms} new loan terms, {units} new units, "
            f"{members} new memberships."
        )

    def _tools(self, library):
        new_terms = new_units = 0
        records = StockRecord._default_manager.filter(
            partner=library, product__product_class__name=TOOL_CLASS
        ).select_related("product").order_by("partner_sku")
        for shelf, record in enumerate(records, start=1):
            _terms, created = RentableItem._default_manager.get_or_create(
                product=record.product, defaults=_terms_for(record.price)
            )
            new_terms += created
            for number in range(1, (record.num_in_stock or 0) + 1):
                _unit, created = Unit._default_manager.get_or_create(
                    asset_tag=f"{record.partner_sku}-{number}",
                    defaults={"product": record.product, "seller": library,
                              "location": LOCATION.format(1 + shelf // 10)},
                )
                new_units += created
        return new_terms, new_units

    def _tiers(self, library):
        tiers = []
        for name, items, price, solidarity in TIERS:
            tier, _created = MembershipTier._default_manager.get_or_create(
                seller=library, name=name,
                defaults={"max_items": items, "price": Decimal(price),
                          "solidarity_price": Decimal(solidarity)},
            )
            tiers.append(membership_tier_products_ensure(tier=tier))  # sold as products
        for tier in tiers:  # each product of the demo has its picture
            for product in (tier.product, tier.solidarity_product):
                demo_picture_ensure(product=product, picture=pictures.for_membership(product))
        return tiers

    def _members(self, tier):
        created = 0
        today = clock.today()
        for email in DEMO_MEMBERS:
            user = User._default_manager.filter(email=email).first()
            if user is None or Membership._default_manager.filter(
                    member=user, tier__seller=tier.seller, end_date__gte=today).exists():
                continue
            membership_create(member=user, tier=tier, solidarity=email.startswith("amina"))
            created += 1
        return created


def _terms_for(day_price):
    """Loan terms from the tool's daily fee: a week at four days, a deposit by price."""
    deposit = Decimal("20.00") if day_price < 8 else (
        Decimal("50.00") if day_price < 15 else Decimal("100.00"))
    return {
        "price_per_day": day_price,
        "price_per_week": day_price * 4,
        "deposit": deposit,
        "late_fee_per_day": (day_price / 2).quantize(Decimal("0.01")),
        "max_loan_days": 14,
        "buffer_days": 1,
        "membership_required": True,
    }
