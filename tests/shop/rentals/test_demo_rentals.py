"""The demo tool library gets units, loan terms and members, once."""

import io

import pytest
from django.core.management import call_command

from shop.demo.loader import demo_load
from shop.rentals.models import Membership, RentableItem, Unit
from shop.rentals.selectors import product_availability

pytestmark = pytest.mark.django_db


def test_load_demo_rentals_is_idempotent():
    demo_load()

    call_command("load_demo_rentals", stdout=io.StringIO())
    counts = (RentableItem.objects.count(), Unit.objects.count(), Membership.objects.count())
    call_command("load_demo_rentals", stdout=io.StringIO())

    assert counts == (RentableItem.objects.count(), Unit.objects.count(),
                      Membership.objects.count())
    assert counts[0] == 30
    assert Unit.objects.filter(asset_tag="OTH-001-3").exists()
    drill = Unit.objects.get(asset_tag="OTH-001-1").product
    assert product_availability(product=drill).days[0].free == 3
