"""A client refused a loan for want of a membership is told what to do: price, link, phone."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from shop.rentals.services import reservation_create
from tests.factories import UserFactory

from .factories import MembershipTierFactory, ToolLibraryFactory, rentable_product

pytestmark = pytest.mark.django_db


def days(n):
    return timezone.localdate() + timedelta(days=n)


@pytest.fixture
def library(settings):
    settings.PUBLIC_BASE_URL = "https://comptoir.example.org"
    return ToolLibraryFactory(name="Outilthèque A", contact_phone="+15145550120")


@pytest.fixture
def saw(library):
    return rentable_product(library, title="Scie", units=1, membership_required=True)


def refusal(saw):
    with pytest.raises(ValidationError) as excinfo:
        reservation_create(product=saw, member=UserFactory(), start=days(1), end=days(2))
    return excinfo.value.messages[0]


def test_says_in_plain_french_how_to_join_with_the_price_the_link_and_the_phone(library, saw):
    for name, price, solidarity in (("Famille", "60.00", "15.00"), ("Solo", "40.00", "10.00")):
        MembershipTierFactory(seller=library, name=name, price=Decimal(price),
                              solidarity_price=Decimal(solidarity))

    message = refusal(saw)

    assert message.startswith("Pour emprunter à Outilthèque A, il faut un abonnement valide")
    assert "Devenez membre pour un an à partir de 40,00 $ (tarif solidaire 10,00 $)" in message
    assert "https://comptoir.example.org/rentals/memberships/" in message
    assert "(514) 555-0120" in message


def test_still_gives_the_link_and_phone_when_the_library_has_no_tier_yet(saw):
    message = refusal(saw)

    assert "https://comptoir.example.org/rentals/memberships/" in message
    assert "(514) 555-0120" in message


def test_on_the_booking_page_the_link_can_be_followed(client, saw):
    client.force_login(UserFactory())

    response = client.post(f"/rentals/book/{saw.pk}/", {"start": days(1).isoformat(),
                                                        "end": days(2).isoformat()})

    assert ('<a href="https://comptoir.example.org/rentals/memberships/"'
            in response.content.decode())
