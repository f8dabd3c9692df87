"""Seller staff see and act on their own seller's order lines only.

Seller A's staff (``client_a``) against seller B's data; a coordinator sees
everything.
"""

import csv
import io

import pytest
from django.urls import reverse
from oscar.core.loading import get_model
from oscar.test.factories import ShippingAddressFactory, ShippingEventFactory

from shop.order.statuses import OrderStatus

from .conftest import place_order

OrderNote = get_model("order", "OrderNote")

pytestmark = pytest.mark.django_db


def detail_url(order):
    return reverse("dashboard:order-detail", kwargs={"number": order.number})


def line_of(order, seller):
    return order.lines.get(partner=seller)


def post_line_status(client, order, line, status=OrderStatus.TO_PREPARE):
    return client.post(
        detail_url(order),
        {
            "line_action": "change_line_statuses",
            "selected_line": [line.pk],
            f"selected_line_qty_{line.pk}": line.quantity,
            "new_status": status,
        },
    )


def csv_rows(response):
    """The data rows of a CSV download, as dicts keyed by the first row."""
    body = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(body)))


def csv_numbers(response):
    return {row[next(iter(row))] for row in csv_rows(response)}


def order_urls(order, line, note):
    number = order.number
    return [
        reverse("dashboard:order-detail", kwargs={"number": number}),
        reverse("dashboard:order-detail-note", kwargs={"number": number, "note_id": note.pk}),
        reverse("dashboard:order-line-detail", kwargs={"number": number, "line_id": line.pk}),
        reverse("dashboard:order-shipping-address", kwargs={"number": number}),
    ]


class TestAnOrderHoldingOnlyAnotherSellersLines:
    @pytest.fixture
    def note(self, order_b, coordinator):
        return OrderNote.objects.create(order=order_b, user=coordinator, message="Fragile")

    def test_is_not_found_at_any_of_its_urls(self, client_a, order_b, seller_b, note):
        for url in order_urls(order_b, line_of(order_b, seller_b), note):
            assert client_a.get(url).status_code == 404, url

    def test_is_not_found_when_posting_an_order_action(self, client_a, order_b):
        response = client_a.post(
            detail_url(order_b),
            {"order_action": "change_order_status", "new_status": OrderStatus.TO_PREPARE},
        )

        assert response.status_code == 404
        order_b.refresh_from_db()
        assert order_b.status == OrderStatus.PENDING_PAYMENT

    def test_is_not_found_when_posting_a_line_action(self, client_a, order_b, seller_b):
        line = line_of(order_b, seller_b)

        assert post_line_status(client_a, order_b, line).status_code == 404
        line.refresh_from_db()
        assert line.status == OrderStatus.PENDING_PAYMENT

    def test_is_not_in_the_order_list(self, client_a, order_a, order_b):
        response = client_a.get(reverse("dashboard:order-list"))

        assert list(response.context["orders"]) == [order_a]

    def test_is_not_found_by_its_number_in_the_order_search(self, client_a, order_b):
        response = client_a.get(reverse("dashboard:order-list"), {"order_number": order_b.number})

        assert response.status_code == 200
        assert list(response.context["orders"]) == []

    def test_is_not_in_the_csv_download(self, client_a, order_a, order_b):
        response = client_a.get(reverse("dashboard:order-list"), {"response_format": "csv"})

        assert csv_numbers(response) == {str(order_a.number)}

    def test_cannot_be_downloaded_by_naming_its_id(self, client_a, order_a, order_b):
        response = client_a.post(
            reverse("dashboard:order-list"),
            {"action": "download_selected_orders", "selected_order": [order_a.pk, order_b.pk]},
        )

        assert csv_numbers(response) == {str(order_a.number)}

    def test_cannot_have_its_status_changed_from_the_list(self, client_a, order_b):
        client_a.post(
            reverse("dashboard:order-list"),
            {
                "action": "change_order_statuses",
                "selected_order": [order_b.pk],
                "new_status": OrderStatus.TO_PREPARE,
            },
        )

        order_b.refresh_from_db()
        assert order_b.status == OrderStatus.PENDING_PAYMENT


class TestAnOrderSharedWithAnotherSeller:
    @pytest.fixture
    def shared_order(self, book, drill):
        return place_order(book, drill, shipping_address=ShippingAddressFactory())

    def test_shows_only_their_own_lines(self, client_a, shared_order, seller_a):
        response = client_a.get(detail_url(shared_order))

        assert response.status_code == 200
        assert list(response.context["lines"]) == [line_of(shared_order, seller_a)]
        assert "Les Belles-sœurs" in response.content.decode()
        assert "Perceuse sans fil" not in response.content.decode()

    def test_shows_the_total_of_their_own_lines_not_of_the_order(self, client_a, shared_order):
        response = client_a.get(detail_url(shared_order))

        assert response.context["seller_totals"]["incl_tax"] == 20
        assert not response.context["shows_whole_order"]

    def test_is_listed_with_the_total_of_their_own_lines(self, client_a, shared_order):
        response = client_a.get(reverse("dashboard:order-list"))

        (order,) = response.context["orders"]
        assert order.seller_total_incl_tax == 20
        assert order.seller_num_items == 1

    def test_is_downloaded_with_the_total_of_their_own_lines(self, client_a, shared_order):
        response = client_a.get(reverse("dashboard:order-list"), {"response_format": "csv"})

        (row,) = csv_rows(response)
        assert "20.00" in row.values()
        assert "55.00" not in row.values()

    def test_shows_no_event_about_another_sellers_line(
        self, client_a, shared_order, seller_a, seller_b
    ):
        own = ShippingEventFactory(order=shared_order, notes="own")
        own.line_quantities.create(line=line_of(shared_order, seller_a), quantity=1)
        other = ShippingEventFactory(order=shared_order, notes="other")
        other.line_quantities.create(line=line_of(shared_order, seller_b), quantity=1)

        response = client_a.get(detail_url(shared_order))

        assert list(response.context["shipping_events"]) == [own]
        assert "Perceuse sans fil" not in response.content.decode()

    def test_another_sellers_line_is_not_found(self, client_a, shared_order, seller_b):
        url = reverse(
            "dashboard:order-line-detail",
            kwargs={"number": shared_order.number, "line_id": line_of(shared_order, seller_b).pk},
        )

        assert client_a.get(url).status_code == 404

    def test_their_own_line_can_be_opened(self, client_a, shared_order, seller_a):
        url = reverse(
            "dashboard:order-line-detail",
            kwargs={"number": shared_order.number, "line_id": line_of(shared_order, seller_a).pk},
        )

        assert client_a.get(url).status_code == 200

    def test_can_change_the_status_of_their_own_line(self, client_a, shared_order, seller_a):
        line = line_of(shared_order, seller_a)

        response = post_line_status(client_a, shared_order, line)

        assert response.status_code == 302
        line.refresh_from_db()
        assert line.status == OrderStatus.TO_PREPARE

    def test_cannot_change_the_status_of_another_sellers_line(
        self, client_a, shared_order, seller_b
    ):
        line = line_of(shared_order, seller_b)

        response = post_line_status(client_a, shared_order, line)

        assert response.status_code == 302
        line.refresh_from_db()
        assert line.status == OrderStatus.PENDING_PAYMENT

    def test_a_line_action_naming_both_sellers_lines_changes_nothing(
        self, client_a, shared_order, seller_a, seller_b
    ):
        own, other = line_of(shared_order, seller_a), line_of(shared_order, seller_b)

        client_a.post(
            detail_url(shared_order),
            {
                "line_action": "change_line_statuses",
                "selected_line": [own.pk, other.pk],
                f"selected_line_qty_{own.pk}": 1,
                f"selected_line_qty_{other.pk}": 1,
                "new_status": OrderStatus.TO_PREPARE,
            },
        )

        statuses = set(shared_order.lines.values_list("status", flat=True))
        assert statuses == {OrderStatus.PENDING_PAYMENT}

    def test_cannot_change_the_order_status(self, client_a, shared_order):
        response = client_a.post(
            detail_url(shared_order),
            {"order_action": "change_order_status", "new_status": OrderStatus.TO_PREPARE},
        )

        assert response.status_code == 403
        shared_order.refresh_from_db()
        assert shared_order.status == OrderStatus.PENDING_PAYMENT
        assert not shared_order.status_changes.exists()

    def test_cannot_change_the_order_status_from_the_list(self, client_a, shared_order):
        client_a.post(
            reverse("dashboard:order-list"),
            {
                "action": "change_order_statuses",
                "selected_order": [shared_order.pk],
                "new_status": OrderStatus.TO_PREPARE,
            },
        )

        shared_order.refresh_from_db()
        assert shared_order.status == OrderStatus.PENDING_PAYMENT

    def test_cannot_add_a_note(self, client_a, shared_order):
        response = client_a.post(
            detail_url(shared_order), {"order_action": "save_note", "message": "Livré"}
        )

        assert response.status_code == 403
        assert not shared_order.notes.exists()

    def test_cannot_edit_or_delete_a_note(self, client_a, shared_order, coordinator):
        note = OrderNote.objects.create(order=shared_order, user=coordinator, message="Fragile")
        edit_url = reverse(
            "dashboard:order-detail-note",
            kwargs={"number": shared_order.number, "note_id": note.pk},
        )

        assert client_a.get(edit_url).status_code == 403
        assert (
            client_a.post(edit_url, {"order_action": "save_note", "message": "x"}).status_code
            == 403
        )
        response = client_a.post(
            detail_url(shared_order), {"order_action": "delete_note", "note_id": note.pk}
        )
        assert response.status_code == 403
        note.refresh_from_db()
        assert note.message == "Fragile"

    def test_cannot_change_the_delivery_address(self, client_a, shared_order):
        url = reverse("dashboard:order-shipping-address", kwargs={"number": shared_order.number})

        assert client_a.get(url).status_code == 403
        assert client_a.post(url, {"first_name": "Mallory"}).status_code == 403
        shared_order.shipping_address.refresh_from_db()
        assert shared_order.shipping_address.first_name == "John"

    def test_page_offers_no_order_status_or_note_form(self, client_a, shared_order):
        response = client_a.get(detail_url(shared_order))

        content = response.content.decode()
        assert not response.context["can_act_on_order"]
        assert 'value="change_order_status"' not in content
        assert 'value="save_note"' not in content


class TestAnOrderHoldingOnlyTheirOwnLines:
    """Every line is theirs, so order-level actions touch no other seller."""

    def test_can_have_its_status_changed(self, client_a, order_a):
        response = client_a.post(
            detail_url(order_a),
            {"order_action": "change_order_status", "new_status": OrderStatus.TO_PREPARE},
        )

        assert response.status_code == 302
        order_a.refresh_from_db()
        assert order_a.status == OrderStatus.TO_PREPARE

    def test_can_get_a_note(self, client_a, order_a):
        client_a.post(detail_url(order_a), {"order_action": "save_note", "message": "Emballé"})

        assert order_a.notes.get().message == "Emballé"


class TestACoordinator:
    def test_sees_every_order(self, coordinator_client, order_a, order_b, shared_order):
        response = coordinator_client.get(reverse("dashboard:order-list"))

        assert set(response.context["orders"]) == {order_a, order_b, shared_order}

    def test_sees_every_line_of_a_shared_order(self, coordinator_client, shared_order):
        response = coordinator_client.get(detail_url(shared_order))

        assert set(response.context["lines"]) == set(shared_order.lines.all())
        assert response.context["shows_whole_order"]

    def test_can_open_any_line(self, coordinator_client, shared_order, seller_b):
        url = reverse(
            "dashboard:order-line-detail",
            kwargs={"number": shared_order.number, "line_id": line_of(shared_order, seller_b).pk},
        )

        assert coordinator_client.get(url).status_code == 200

    def test_can_change_the_status_of_a_shared_order(self, coordinator_client, shared_order):
        coordinator_client.post(
            detail_url(shared_order),
            {"order_action": "change_order_status", "new_status": OrderStatus.TO_PREPARE},
        )

        shared_order.refresh_from_db()
        assert shared_order.status == OrderStatus.TO_PREPARE

    def test_can_add_a_note_to_a_shared_order(self, coordinator_client, shared_order):
        coordinator_client.post(
            detail_url(shared_order), {"order_action": "save_note", "message": "Rappeler"}
        )

        assert shared_order.notes.get().message == "Rappeler"

    def test_can_change_the_status_of_any_line(self, coordinator_client, shared_order, seller_b):
        line = line_of(shared_order, seller_b)

        post_line_status(coordinator_client, shared_order, line)

        line.refresh_from_db()
        assert line.status == OrderStatus.TO_PREPARE

    def test_can_edit_a_note_of_a_shared_order(self, coordinator_client, shared_order, coordinator):
        note = OrderNote.objects.create(order=shared_order, user=coordinator, message="Fragile")
        url = reverse(
            "dashboard:order-detail-note",
            kwargs={"number": shared_order.number, "note_id": note.pk},
        )

        assert coordinator_client.get(url).status_code == 200
