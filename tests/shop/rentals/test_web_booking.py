"""A client books a tool on its product page, and pays at pick-up or on Stripe Checkout."""

from datetime import timedelta
from decimal import Decimal
from html import unescape

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from shop.order.models import Channel, PaymentMethod
from shop.order.statuses import OrderStatus
from shop.payments.models import PaymentLink
from shop.rentals.models import Reservation, ReservationStatus
from shop.rentals.services import holds_release_expired
from tests.factories import UserFactory
from tests.integrations.stripe.fake import event, fixture, stripe_on, webhook_secret  # noqa: F401
from tests.shop.payments.conftest import post_event, tasks_inline  # noqa: F401

from .factories import ToolLibraryFactory, member_of, rentable_product, reservation_row

Order = get_model("order", "Order")
Country = get_model("address", "Country")
pytestmark = pytest.mark.django_db


def day(n):
    return timezone.localdate() + timedelta(days=n)


@pytest.fixture
def library():
    return ToolLibraryFactory(name="Outilthèque Rosemont")


@pytest.fixture
def saw(library):
    """A saw lent to members only: 8 $ a day, 50 $ deposit, one unit."""
    return rentable_product(library, title="Scie circulaire", units=1,
                            price_per_day=Decimal("8.00"), price_per_week=Decimal("30.00"),
                            deposit=Decimal("50.00"), membership_required=True)


@pytest.fixture
def member(client, library):
    user = member_of(library)
    client.force_login(user)
    return user


def book(client, product, start, end):
    return client.post(f"/rentals/book/{product.pk}/",
                       {"start": start.isoformat(), "end": end.isoformat()})


def text(response):
    """The page as a reader sees it (entities such as &#x27; turned back into characters)."""
    return unescape(response.content.decode())


def nothing_made():
    return not Reservation.objects.exists() and not Order.objects.exists()


class TestTheProductPage:
    def test_an_anonymous_visitor_is_asked_to_sign_in_to_book(self, client, saw):
        html = text(client.get(saw.get_absolute_url()))

        assert "Connectez-vous pour réserver cet outil" in html
        assert f'href="/accounts/login/?next={saw.get_absolute_url()}"' in html
        assert 'id="booking-form"' not in html

    def test_a_signed_in_client_gets_the_form_from_tomorrow_to_the_day_after(self, client, saw,
                                                                             member):
        html = text(client.get(saw.get_absolute_url()))

        assert f'action="/rentals/book/{saw.pk}/"' in html
        assert f'value="{day(1).isoformat()}"' in html and f'value="{day(2).isoformat()}"' in html
        assert "Premier jour" in html and "La journée où vous venez chercher l'outil." in html
        assert "csrfmiddlewaretoken" in html

    def test_a_product_that_is_not_lent_has_no_booking_form(self, client, member, library):
        from tests.factories import product_for

        hammer = product_for(library, title="Marteau", price="12.00")
        html = text(client.get(hammer.get_absolute_url()))

        assert 'id="booking-form"' not in html and "réserver cet outil" not in html

    def test_a_tool_with_no_unit_lent_has_no_booking_form(self, client, member, library):
        ladder = rentable_product(library, title="Échelle", units=0)
        html = text(client.get(ladder.get_absolute_url()))

        assert "Aucun exemplaire de cet article n'est prêté en ce moment." in html
        assert 'id="booking-form"' not in html

    def test_booking_needs_a_signed_in_client(self, client, saw):
        response = book(client, saw, day(1), day(2))

        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
        assert nothing_made()


class TestBookingPaidAtPickUp:
    """With Stripe off (the default), an online booking is paid at pick-up and confirmed."""

    def test_a_member_books_and_the_booking_is_confirmed_with_its_web_order(self, client, saw,
                                                                           member):
        response = book(client, saw, day(1), day(3))

        booking = Reservation.objects.get()
        assert response.status_code == 302
        assert response["Location"] == f"/rentals/bookings/{booking.pk}/"
        assert booking.member == member and booking.status == ReservationStatus.CONFIRMED
        order = booking.order
        assert order.user == member and order.channel == Channel.WEB
        assert order.payment_method == PaymentMethod.ON_DELIVERY
        assert order.total_excl_tax == Decimal("74.00")  # 3 days at 8 $ and the 50 $ deposit

    def test_the_booking_page_says_what_when_where_how_much_and_confirmed(self, client, saw,
                                                                         member, library):
        canada, _created = Country.objects.get_or_create(iso_3166_1_a2="CA",
                                                         defaults={"name": "Canada"})
        library.addresses.create(line1="6000 rue Saint-Hubert", line4="Montréal",
                                 postcode="H2S 2L8", country=canada)
        book(client, saw, day(1), day(3))
        booking = Reservation.objects.get()

        page = client.get(f"/rentals/bookings/{booking.pk}/", follow=True)
        html = text(page)

        assert "Confirmée : l'outil vous est réservé." in html
        assert "Vous payez au moment de venir le chercher" in html
        assert "Scie circulaire" in html and "Outilthèque Rosemont" in html
        assert "6000 rue Saint-Hubert" in html
        assert "24,00" in html and "50,00" in html  # fee and deposit
        order = booking.order
        for amount in (order.gst, order.qst, order.total_incl_tax):
            assert f"{amount:.2f}".replace(".", ",") in html
        assert order.gst == Decimal("1.20")  # 5 % of the fee; the deposit is not taxed

    def test_dates_in_the_wrong_order_show_the_form_again_with_the_reason(self, client, saw,
                                                                          member):
        response = book(client, saw, day(3), day(1))

        html = text(response)
        assert response.status_code == 200
        assert "Le dernier jour vient avant le premier jour." in html
        assert f'value="{day(3).isoformat()}"' in html and f'value="{day(1).isoformat()}"' in html
        assert nothing_made()

    def test_a_start_in_the_past_is_refused(self, client, saw, member):
        response = book(client, saw, day(-2), day(1))

        assert "Une réservation ne peut pas commencer dans le passé." in text(response)
        assert nothing_made()

    def test_a_date_that_is_not_a_date_is_refused_on_the_field(self, client, saw, member):
        response = client.post(f"/rentals/book/{saw.pk}/", {"start": "demain", "end": ""})

        html = text(response)
        assert response.status_code == 200 and "Saisissez une date valide." in html
        assert 'value="demain"' in html
        assert 'aria-describedby="booking_start_helptext booking_start_error"' in html
        assert 'id="booking_start_error"' in html
        assert nothing_made()

    def test_a_unit_already_taken_shows_the_form_again_with_the_reason(self, client, saw,
                                                                       member):
        reservation_row(saw.rental_units.get(), UserFactory(), day(1), day(5))

        response = book(client, saw, day(2), day(3))

        html = text(response)
        assert "Aucun exemplaire n'est libre du" in html
        assert f'value="{day(2).isoformat()}"' in html
        assert Reservation.objects.count() == 1 and not Order.objects.exists()

    def test_a_client_without_membership_is_told_so_and_nothing_is_made(self, client, saw):
        client.force_login(UserFactory())

        response = book(client, saw, day(1), day(2))

        assert ("Pour emprunter à Outilthèque Rosemont, il faut un abonnement valide"
                in " ".join(text(response).split()))
        assert nothing_made()


class TestTheBookingPage:
    def test_another_user_gets_404(self, client, saw, member):
        book(client, saw, day(1), day(2))
        booking = Reservation.objects.get()

        client.force_login(UserFactory())
        assert client.get(f"/rentals/bookings/{booking.pk}/").status_code == 404
        assert client.post(f"/rentals/bookings/{booking.pk}/pay/").status_code == 404

    def test_an_anonymous_visitor_is_sent_to_sign_in(self, client, saw, member):
        book(client, saw, day(1), day(2))
        booking = Reservation.objects.get()
        client.logout()

        response = client.get(f"/rentals/bookings/{booking.pk}/")
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


class TestBookingPaidOnStripeCheckout:
    @pytest.fixture
    def booked(self, client, saw, member, stripe_on):  # noqa: F811
        response = book(client, saw, day(1), day(2))
        return Reservation.objects.get(), response, stripe_on

    def test_the_client_is_sent_to_the_checkout_session_of_the_booking_order(self, booked):
        booking, response, fake = booked

        link = PaymentLink.objects.get(order=booking.order)
        assert response.status_code == 302 and response["Location"] == link.url
        assert link.url == fake.objects[link.session_id]["url"]
        session = fake.objects[link.session_id]
        assert session["success_url"].endswith(f"/rentals/bookings/{booking.pk}/")
        assert session["cancel_url"] == session["success_url"]
        assert session["amount_total"] == 6840  # 16 $ fee, 0,80 $ GST, 1,60 $ QST, 50 $ deposit
        assert booking.order.total_incl_tax == Decimal("68.40")
        assert booking.status == ReservationStatus.HELD
        assert booking.order.status == OrderStatus.PENDING_PAYMENT

    def test_the_booking_page_says_it_waits_for_payment_until_the_hold_ends(self, client,
                                                                           booked):
        booking, _response, _fake = booked

        html = text(client.get(f"/rentals/bookings/{booking.pk}/"))

        until = timezone.localtime(booking.hold_expires_at).strftime("%H\xa0h\xa0%M")  # 10 h 30
        assert f"En attente de votre paiement — l'outil vous est réservé jusqu'à {until}." \
            in html
        assert 'id="booking-pay"' in html

    def test_paying_again_from_the_booking_page_reuses_the_open_session(self, client, booked):
        booking, response, _fake = booked

        again = client.post(f"/rentals/bookings/{booking.pk}/pay/")

        assert again["Location"] == response["Location"]
        assert PaymentLink.objects.count() == 1

    def test_the_completed_session_webhook_confirms_the_hold(self, client, booked, post_event):  # noqa: F811
        booking, _response, fake = booked
        link = PaymentLink.objects.get()
        session = {**fake.objects[link.session_id], "status": "complete",
                   "payment_status": "paid", "payment_intent": fake.new_id("pi")}

        assert post_event(event("checkout.session.completed", session)).status_code == 200

        booking.refresh_from_db()
        assert booking.status == ReservationStatus.CONFIRMED
        assert booking.order.status == OrderStatus.TO_PREPARE
        html = text(client.get(f"/rentals/bookings/{booking.pk}/"))
        assert "Confirmée : l'outil vous est réservé." in html
        assert 'id="booking-pay"' not in html

    def test_the_payment_intent_succeeded_webhook_confirms_the_hold(self, booked, post_event):  # noqa: F811
        booking, _response, _fake = booked
        intent = fixture("payment_intent", id="pi_booking", amount=6840, amount_received=6840,
                         currency="cad", status="succeeded", latest_charge="ch_booking",
                         metadata={"order_number": booking.order.number})

        post_event(event("payment_intent.succeeded", intent))

        booking.refresh_from_db()
        assert booking.status == ReservationStatus.CONFIRMED

    def test_an_unpaid_hold_past_its_time_shows_as_released(self, client, booked):
        booking, _response, _fake = booked
        Reservation.objects.filter(pk=booking.pk).update(
            hold_expires_at=timezone.now() - timedelta(minutes=1))

        before = text(client.get(f"/rentals/bookings/{booking.pk}/"))
        assert holds_release_expired() == 1
        after = text(client.get(f"/rentals/bookings/{booking.pk}/"))

        for html in (before, after):
            assert "Libérée parce qu'elle n'a pas été payée à temps." in html
            assert 'id="booking-pay"' not in html
        booking.refresh_from_db()
        assert booking.status == ReservationStatus.CANCELLED
        assert booking.order.status == OrderStatus.CANCELLED
        assert client.post(f"/rentals/bookings/{booking.pk}/pay/")["Location"] == \
            f"/rentals/bookings/{booking.pk}/"

    def test_a_released_hold_closes_its_checkout_page_so_it_cannot_be_paid_late(
            self, booked, django_capture_on_commit_callbacks):
        booking, _response, fake = booked
        Reservation.objects.filter(pk=booking.pk).update(
            hold_expires_at=timezone.now() - timedelta(minutes=1))

        with django_capture_on_commit_callbacks(execute=True):
            holds_release_expired()

        link = PaymentLink.objects.get()
        assert link.status == PaymentLink.Status.EXPIRED
        assert fake.requests_to("post", rf"/v1/checkout/sessions/{link.session_id}/expire")
        assert fake.objects[link.session_id]["status"] == "expired"
