"""The meal-delivery demo loads on top of the shop's demo, and a second run changes nothing."""

import pytest
from django.core.management import call_command

from services.demo import services_demo_load
from services.models import Delivery, MealOption, Registration, RegistrationStatus
from tests.clock import MONDAY, day, weekday_on_or_after

pytestmark = pytest.mark.django_db

DEMO_DAY = weekday_on_or_after(day(40), MONDAY)  # a Monday, weeks after the frozen day


def test_loads_a_program_with_clients_deliveries_and_a_waiting_list():
    call_command("load_demo", verbosity=0)
    first = services_demo_load(today=DEMO_DAY)
    assert first.created["program"] == 1 and first.created["registration"] == 6
    assert first.deliveries > 0
    statuses = set(Registration.objects.values_list("status", flat=True))
    assert {RegistrationStatus.APPROVED, RegistrationStatus.PENDING,
            RegistrationStatus.WAITLISTED} <= statuses
    assert not MealOption.objects.filter(regular_product__isnull=True).exists()
    bouchard = Registration.objects.get(client__last_name="Bouchard").client
    assert bouchard.user is not None and bouchard.user.email is None
    assert Delivery.objects.filter(route__isnull=False).exists()

    again = services_demo_load(today=DEMO_DAY)
    assert sum(again.created.values()) == 0 and again.deliveries == 0


def test_the_command_asks_for_the_shop_demo_first(db):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="load_demo"):
        call_command("load_demo_services")
