"""Tools are lent and meals are served: neither goes in the web basket as goods.

A client posting a tool or a meal to the basket is refused with the reason, the
basket stays empty and the tool's stock is untouched; a book and a membership
are bought as before. The meal service still bills delivered meals through the
pipeline.
"""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_class, get_model

from services.models import MealKind
from shop.order.models import Channel, PaymentMethod
from shop.pipeline import LineRequest, place_order
from shop.rentals.models import MembershipTier
from shop.shipping.repository import Fulfilment
from shop.taxes import TaxClass
from tests.factories import ProductClassFactory, UserFactory, product_for
from tests.services.factories import program_with
from tests.shop.rentals.factories import rentable_product

Basket = get_model("basket", "Basket")
StockRecord = get_model("partner", "StockRecord")
UnableToPlaceOrder = get_class("order.exceptions", "UnableToPlaceOrder")

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(sellers):
    book = product_for(sellers["bookshop"], title="Kamouraska", price="24.95",
                       tax_class=TaxClass.BOOKS, class_name="Livre imprimé")
    drill = rentable_product(sellers["tools"], title="Perceuse sans fil", units=2)
    ProductClassFactory(name="Adhésion à l'outilthèque", track_stock=False,
                        requires_shipping=False)
    membership = product_for(sellers["tools"], title="Adhésion annuelle", price="40.00",
                             class_name="Adhésion à l'outilthèque", num_in_stock=None)
    MembershipTier.objects.create(seller=sellers["tools"], name="Membre",
                                  price=Decimal("40.00"), solidarity_price=Decimal("10.00"),
                                  product=membership)
    program = program_with(products=True, options=(MealKind.REGULAR,))
    meal = program.meal_options.get().regular_product
    return {"book": book, "drill": drill, "membership": membership, "meal": meal,
            "program": program}


def add(client, product, quantity=1):
    return client.post(reverse("basket:add", args=[product.pk]), {"quantity": quantity},
                       follow=True)


def text(response):
    """The page's HTML, with the non-breaking spaces of amounts ("8,00 $") as plain spaces."""
    return response.content.decode().replace("\xa0", " ")


def basket_titles(client):
    page = client.get(reverse("basket:summary"))
    return [line.product.get_title() for line in page.context["basket"].all_lines()]


def test_a_tool_cannot_be_added_to_the_basket_and_its_stock_is_untouched(client, catalogue):
    drill = catalogue["drill"]
    page = add(client, drill)
    assert "se prête, il ne se vend pas" in text(page)
    assert basket_titles(client) == []
    assert StockRecord.objects.get(product=drill).num_in_stock == 2
    assert not Basket.objects.filter(lines__product=drill).exists()


def test_a_meal_cannot_be_added_to_the_basket_and_leads_to_registration(client, catalogue):
    page = add(client, catalogue["meal"])
    assert "inscrites au service de livraison de repas" in text(page)
    assert basket_titles(client) == []


def test_any_product_of_a_meal_service_is_served_on_registration_only(client, catalogue):
    """A meal the service has not tied to its program yet is not sold either."""
    soup = product_for(catalogue["program"].seller, title="Soupe du jour", price="3.00")
    add(client, soup)
    assert basket_titles(client) == []
    register = reverse("services:register", kwargs={"slug": catalogue["program"].slug})
    assert f'href="{register}"' in text(client.get(soup.get_absolute_url()))


def test_a_book_and_a_membership_still_go_in_the_basket(client, catalogue):
    add(client, catalogue["book"])
    add(client, catalogue["membership"])
    assert sorted(basket_titles(client)) == ["Adhésion annuelle", "Kamouraska"]


def test_a_signed_in_client_cannot_add_a_tool_either(client, catalogue):
    client.force_login(UserFactory())
    add(client, catalogue["drill"], quantity=3)
    add(client, catalogue["meal"])
    assert basket_titles(client) == []


def test_no_channel_sells_a_tool_as_goods(catalogue):
    with pytest.raises(UnableToPlaceOrder):
        place_order(customer=UserFactory(), channel=Channel.PHONE, fulfilment=Fulfilment.PICKUP,
                    payment_method=PaymentMethod.ON_DELIVERY,
                    lines=[LineRequest(catalogue["drill"])])
    assert StockRecord.objects.get(product=catalogue["drill"]).num_in_stock == 2


def test_the_meal_service_still_bills_meals_through_the_pipeline(catalogue):
    order = place_order(customer=UserFactory(), channel=Channel.SERVICE,
                        fulfilment=Fulfilment.PICKUP, payment_method=PaymentMethod.ON_DELIVERY,
                        lines=[LineRequest(catalogue["meal"], 5)])
    assert order.lines.get().quantity == 5


def test_the_tool_page_shows_its_price_per_day_deposit_and_terms(client, catalogue):
    page = text(client.get(catalogue["drill"].get_absolute_url()))
    assert "8,00 $ par jour" in page
    assert "Dépôt remboursable : 50,00 $" in page
    assert "jusqu’à 14 jours" in page or "jusqu'à 14 jours" in page
    assert "comptoir" in page
    # Two days: 16,00 $ + 2,40 $ of taxes + 50,00 $ of deposit.
    assert "68,40 $" in page
    assert 'action="/basket/add/' not in page
    assert "Ajouter au panier" not in page
    assert 'id="rental-availability"' in page


def test_a_tool_needing_a_membership_links_to_the_plans(client, sellers):
    drill = rentable_product(sellers["tools"], title="Scie", units=1, membership_required=True)
    page = text(client.get(drill.get_absolute_url()))
    assert "adhésion" in page.lower()
    assert 'id="loan-membership"' in page


def test_the_meal_page_links_to_registration_and_the_near_me_page(client, catalogue):
    page = text(client.get(catalogue["meal"].get_absolute_url()))
    register = reverse("services:register", kwargs={"slug": catalogue["program"].slug})
    assert f'href="{register}"' in page
    assert f'href="{reverse("nearby:search")}"' in page
    assert "Ajouter au panier" not in page
    assert "8,00 $ par repas" in page


def test_a_book_page_names_its_code_isbn_and_its_seller(client, catalogue):
    page = text(client.get(catalogue["book"].get_absolute_url()))
    assert "<th>ISBN</th>" in page and "CUP" not in page
    assert "Librairie du Quartier" in page
    assert "Ajouter au panier" in page


def test_cards_say_per_day_and_lead_to_booking_or_registration(client, catalogue):
    page = text(client.get(reverse("catalogue:index")))
    assert "8,00 $ par jour" in page
    assert f'{catalogue["drill"].get_absolute_url()}#rental-booking' in page
    register = reverse("services:register", kwargs={"slug": catalogue["program"].slug})
    assert f'href="{register}"' in page
    for product in (catalogue["drill"], catalogue["meal"]):
        assert reverse("basket:add", args=[product.pk]) not in page
    assert reverse("basket:add", args=[catalogue["book"].pk]) in page
    assert "Kamouraska" in page


def test_a_long_title_is_shown_whole_on_its_card(client, sellers):
    title = "Le guide complet de la rénovation écologique des maisons anciennes du Québec"
    product_for(sellers["bookshop"], title=title, tax_class=TaxClass.BOOKS,
                class_name="Livre imprimé")
    page = text(client.get(reverse("catalogue:index")))
    assert f">{title}</a>" in page


def test_a_tool_left_in_an_old_basket_keeps_it_out_of_checkout(client, catalogue):
    """A tool put in a basket before this rule (an old basket) cannot be checked out."""
    client.get("/")
    add(client, catalogue["book"])
    basket = Basket.objects.get()
    basket.lines.create(product=catalogue["drill"], stockrecord=catalogue["drill"].stockrecords.get(),
                        quantity=1, price_currency="CAD", price_excl_tax=Decimal("8.00"),
                        line_reference=f"{catalogue['drill'].pk}_x")
    page = client.get(reverse("checkout:index"), follow=True)
    assert page.redirect_chain and page.redirect_chain[-1][0].endswith(reverse("basket:summary"))
