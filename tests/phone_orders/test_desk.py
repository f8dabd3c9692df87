"""The phone desk: find or create the caller, build an order across sellers, confirm, read back."""

from decimal import Decimal as D

import pytest
from oscar.core.loading import get_model

from shop.notifications.models import OutboundMessage
from shop.order.models import Channel, PaymentMethod
from shop.people.models import Consent
from shop.taxes import TaxClass
from tests.factories import (
    PhoneOnlyClientFactory,
    StaffFactory,
    UserFactory,
    product_for,
    seller_staff,
)

pytestmark = pytest.mark.django_db
User = get_model("accounts", "User")
Order = get_model("order", "Order")


@pytest.fixture
def staff(client):
    user = StaffFactory(first_name="Josée")
    client.force_login(user)
    return user


@pytest.fixture
def gerard(db):
    return PhoneOnlyClientFactory(first_name="Gérard", last_name="Bouchard", phone="+15145550142")


@pytest.fixture
def book_and_drill(sellers):
    book = product_for(sellers["bookshop"], title="Kamouraska", price="24.95",
                       tax_class=TaxClass.BOOKS, class_name="Livre imprimé")
    drill = product_for(sellers["tools"], title="Perceuse", price="10.00")
    return book, drill


def add(client, customer, product, quantity=1):
    return client.post(f"/phone/desk/clients/{customer.pk}/lines/",
                       {"product": product.pk, "quantity": quantity, "action": "add"})


class TestFindingTheCaller:
    @pytest.mark.parametrize("typed", ["514 555-0142", "(514) 555-0142", "1-514-555-0142",
                                       "+15145550142", "514.555.0142"])
    def test_by_a_phone_number_typed_in_any_form(self, client, staff, gerard, typed):
        html = client.get("/phone/desk/", {"q": typed}).content.decode()
        assert f"/phone/desk/clients/{gerard.pk}/" in html

    def test_by_name_accents_as_typed(self, client, staff, gerard):
        html = client.get("/phone/desk/", {"q": "gérard bouch"}).content.decode()
        assert f"/phone/desk/clients/{gerard.pk}/" in html

    def test_offers_to_create_a_client_with_the_number_typed(self, client, staff):
        html = client.get("/phone/desk/", {"q": "514 555 0177"}).content.decode()
        assert 'value="+15145550177"' in html and 'id="no-client"' in html


class TestCreatingAClientOnTheSpot:
    def test_needs_no_email_and_records_the_sms_consent_read_to_them(self, client, staff):
        response = client.post("/phone/desk/clients/new/", {
            "first_name": "Rita", "last_name": "Gagnon", "phone": "438 555-0123",
            "language": "fr", "sms_consent": "on"})
        rita = User.objects.get(phone="+14385550123")
        assert response.status_code == 302 and response["Location"].endswith(f"/clients/{rita.pk}/")
        assert rita.email is None and not rita.has_usable_password()
        rows = {(r.purpose, r.channel, r.action, r.method, r.recorded_by, r.person)
                for r in Consent.objects.all()}
        assert rows == {(purpose, "sms", "given", "desk", staff, rita.person)
                        for purpose in ("service", "reminders", "news")}
        assert all("ARRET" in record.wording for record in Consent.objects.all())

    def test_refuses_a_number_already_taken(self, client, staff, gerard):
        response = client.post("/phone/desk/clients/new/", {
            "first_name": "X", "phone": "514-555-0142", "language": "fr"})
        assert response.status_code == 400 and User.objects.count() == 2

    def test_refuses_an_invalid_number(self, client, staff):
        response = client.post("/phone/desk/clients/new/", {"first_name": "X", "phone": "12", "language": "fr"})
        assert response.status_code == 400


class TestBuildingTheOrder:
    def test_shows_live_totals_with_gst_and_qst_across_sellers(self, client, staff, gerard, book_and_drill):
        book, drill = book_and_drill
        add(client, gerard, book)
        add(client, gerard, drill)
        html = client.get(f"/phone/desk/clients/{gerard.pk}/").content.decode()
        assert "Kamouraska" in html and "Perceuse" in html
        assert "1,75" in html and "1,00" in html and "37,70" in html

    def test_adds_the_delivery_charge_and_its_taxes(self, client, staff, gerard, book_and_drill):
        add(client, gerard, book_and_drill[1])
        client.post(f"/phone/desk/clients/{gerard.pk}/confirm/",
                    {"fulfilment": "delivery", "payment_method": "on_delivery", "action": "preview"})
        html = client.get(f"/phone/desk/clients/{gerard.pk}/").content.decode()
        assert "17,25" in html  # 10 + 5 delivery, GST 0,75, QST 1,50

    def test_shows_the_clients_recent_orders(self, client, staff, gerard, book_and_drill):
        add(client, gerard, book_and_drill[0])
        client.post(f"/phone/desk/clients/{gerard.pk}/confirm/",
                    {"fulfilment": "pickup", "payment_method": "on_delivery", "action": "confirm"})
        order = Order.objects.get()
        html = client.get(f"/phone/desk/clients/{gerard.pk}/").content.decode()
        assert order.number in html


class TestConfirming:
    def test_places_the_order_through_the_pipeline_for_the_staff_member(
            self, client, staff, gerard, book_and_drill):
        for product in book_and_drill:
            add(client, gerard, product)
        response = client.post(f"/phone/desk/clients/{gerard.pk}/confirm/", {
            "fulfilment": "pickup", "payment_method": "invoice", "action": "confirm"})
        order = Order.objects.get()
        assert response["Location"] == f"/phone/desk/orders/{order.number}/"
        assert (order.channel, order.placed_by, order.user) == (Channel.PHONE, staff, gerard)
        assert order.payment_method == PaymentMethod.INVOICE
        assert (order.gst, order.qst, order.total_incl_tax) == (D("1.75"), D("1.00"), D("37.70"))
        assert OutboundMessage.objects.filter(to="+15145550142").exists()

    def test_for_delivery_needs_an_address(self, client, staff, gerard, book_and_drill):
        add(client, gerard, book_and_drill[1])
        response = client.post(f"/phone/desk/clients/{gerard.pk}/confirm/", {
            "fulfilment": "delivery", "payment_method": "on_delivery", "action": "confirm"})
        assert response.status_code == 400 and not Order.objects.exists()

    def test_for_delivery_keeps_the_address(self, client, staff, gerard, book_and_drill):
        add(client, gerard, book_and_drill[1])
        client.post(f"/phone/desk/clients/{gerard.pk}/confirm/", {
            "fulfilment": "delivery", "payment_method": "on_delivery", "action": "confirm",
            "line1": "123 rue Notre-Dame Ouest", "line4": "Montréal", "postcode": "H4C 1T1"})
        order = Order.objects.get()
        assert order.shipping_address.line1 == "123 rue Notre-Dame Ouest"
        assert order.shipping_excl_tax == D("5.00")

    def test_reads_the_order_back(self, client, staff, gerard, book_and_drill):
        for product in book_and_drill:
            add(client, gerard, product)
        response = client.post(f"/phone/desk/clients/{gerard.pk}/confirm/", {
            "fulfilment": "pickup", "payment_method": "on_delivery", "action": "confirm"}, follow=True)
        html = response.content.decode()
        assert "Kamouraska" in html and "37,70" in html and "1,75" in html
        assert 'id="summary-sms"' in html


class TestAccess:
    def test_seller_staff_may_take_phone_orders(self, client, sellers, gerard):
        client.force_login(seller_staff(sellers["bookshop"]))
        assert client.get("/phone/desk/").status_code == 200
        assert client.get(f"/phone/desk/clients/{gerard.pk}/").status_code == 200

    def test_clients_may_not(self, client, gerard):
        client.force_login(UserFactory())
        assert client.get("/phone/desk/").status_code == 403
        assert client.post("/phone/desk/clients/new/", {"first_name": "X", "phone": "5145550111",
                                                          "language": "fr"}).status_code == 403
        assert not User.objects.filter(phone="+15145550111").exists()

    def test_visitors_are_sent_to_log_in(self, client):
        response = client.get("/phone/desk/")
        assert response.status_code == 302 and "/login/" in response["Location"]
