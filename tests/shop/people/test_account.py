""""Mon compte": a person's orders, tools, meals, memberships, consents and details on one page;
the same page for staff ("what the client sees"), opened only to those allowed to see the person.
"""

import re
from datetime import timedelta
from html import unescape
from types import SimpleNamespace

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from services.models import DeliveryStatus, RegistrationEvent, RegistrationStatus
from services.services import deliveries_generate, registration_approve
from shop import access
from shop.order.models import Channel, PaymentMethod
from shop.people.models import Consent, ConsentAction, ConsentMethod, PersonAddress
from shop.people.services.consents import consent_record
from shop.people.services.persons import person_of
from shop.pipeline import LineRequest, place_order
from shop.rentals.models import Membership, ReservationStatus
from tests.clock import at, day
from tests.factories import SellerFactory, StaffFactory, UserFactory, product_for, seller_staff
from tests.services.factories import (
    SEASON_START,
    ClientFactory,
    SeasonFactory,
    program_with,
    register,
    written,
)
from tests.shop.i18n.test_english_leaks import leaks
from tests.shop.rentals.factories import (
    MembershipTierFactory,
    ToolLibraryFactory,
    rentable_product,
    reservation_row,
)

pytestmark = pytest.mark.django_db

MON = SEASON_START
WED = MON + timedelta(days=2)


def text_of(response):
    html = response.content.decode()
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html)))


def english_left(response) -> list[str]:
    """English words in the page's sections (the header and footer are tested elsewhere)."""
    html = response.content.decode()
    main = html[html.index('<div id="person-page">'):html.index("<!-- /person-page -->")]
    return leaks(SimpleNamespace(status_code=response.status_code, content=main.encode()))


def book_order(user, *, price="10.00", payment_method=PaymentMethod.ON_DELIVERY):
    product = product_for(SellerFactory(name="Librairie du Quartier", kind="bookshop"),
                          title="Le Survenant", price=price)
    return place_order(customer=user, channel=Channel.WEB, fulfilment="pickup",
                       payment_method=payment_method, lines=[LineRequest(product)])


@pytest.fixture
def lea(client):
    user = UserFactory(email="lea@example.org", first_name="Léa", last_name="Tremblay")
    client.force_login(user)
    return user


@pytest.fixture
def program(db):
    return program_with(weekdays=(0, 2, 4), products=True)


@pytest.fixture
def meals(lea, program):
    """Léa gets meals on Mondays and Wednesdays from the season's first Monday."""
    season = SeasonFactory(program=program)
    client = ClientFactory(person=person_of(lea), diet_restrictions="Sans gluten strict")
    registration = registration_approve(
        registration=register(client, program, season, weekdays=[0, 2]), by=None)
    deliveries_generate(start=MON, days=14)
    return registration


def delivery_on(registration, date):
    return registration.deliveries.get(date=date)


class TestTheAccountPage:
    def test_asks_a_visitor_to_sign_in(self, client):
        response = client.get("/compte/")
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]

    def test_shows_each_order_with_its_status_in_french_and_its_taxes(self, client, lea):
        order = book_order(lea)
        response = client.get("/compte/")
        page = text_of(response)
        assert f"{order.number}" in page and "À préparer" in page and "To prepare" not in page
        assert "TPS" in page and "TVQ" in page
        assert "0,50 $" in page and "1,00 $" in page and "11,50 $" in page
        assert f'href="/accounts/orders/{order.number}/"' in response.content.decode()

    def test_lists_the_monthly_invoices_apart(self, client, lea):
        invoiced = book_order(lea, payment_method=PaymentMethod.INVOICE)
        book_order(lea)
        response = client.get("/compte/")
        assert [order.number for order in response.context["page"].invoices] == [invoiced.number]
        assert "Factures mensuelles" in text_of(response)

    def test_its_queries_do_not_grow_with_the_number_of_orders(self, client, lea):
        """Counted on the second visit: the first fills the cache (menus, footer)."""
        book_order(lea)
        client.get("/compte/")
        with CaptureQueriesContext(connection) as one:
            client.get("/compte/")
        for _ in range(9):
            book_order(lea)
        client.get("/compte/")
        with CaptureQueriesContext(connection) as ten:
            response = client.get("/compte/")
        assert len(response.context["page"].orders) == 10
        assert len(ten.captured_queries) == len(one.captured_queries)

    def test_shows_a_tool_at_home_with_its_due_date_and_a_booking_to_come(self, client, lea):
        library = ToolLibraryFactory()
        drill, saw = (rentable_product(library, title=title).rental_units.get()
                      for title in ("Perceuse", "Scie sauteuse"))
        reservation_row(drill, lea, day(-3), day(4), status=ReservationStatus.CHECKED_OUT)
        reservation_row(saw, lea, day(10), day(12))
        page = text_of(client.get("/compte/"))
        assert f"Perceuse — {library.name} À rapporter au plus tard le {written(day(4), 'l j F Y')}" \
            in page
        assert f"Du {written(day(10), 'l j F Y')} au {written(day(12), 'l j F Y')}" in page

    def test_shows_a_membership_with_its_end_and_where_to_renew(self, client, lea):
        library = ToolLibraryFactory()
        tier = MembershipTierFactory(seller=library, name="Membre solidaire")
        Membership.objects.create(member=lea, tier=tier, start_date=day(-300), end_date=day(64),
                                  price_paid=tier.price)
        response = client.get("/compte/")
        assert f"Valide jusqu’au {written(day(64), 'j F Y')}" in text_of(response)
        assert f'href="{reverse("rentals:membership-plans")}"' in response.content.decode()

    def test_never_shows_another_persons_things(self, client, lea):
        other = UserFactory(first_name="Marcel")
        foreign = book_order(other)
        page = text_of(client.get("/compte/"))
        assert foreign.number not in page and "Marcel" not in page

    def test_the_top_bar_links_to_it(self, client, lea):
        assert 'href="/compte/"' in client.get("/").content.decode()

    def test_is_french_with_no_english_left(self, client, lea, meals):
        book_order(lea)
        PersonAddress.objects.create(person=person_of(lea), line1="12, rue Lajeunesse",
                                     postal_code="H2M 1A1", is_default=True)
        reservation_row(rentable_product(ToolLibraryFactory()).rental_units.get(), lea,
                        day(-3), day(4), status=ReservationStatus.CHECKED_OUT)
        assert english_left(client.get("/compte/")) == []


class TestSkippingAMeal:
    def test_the_next_deliveries_are_listed(self, client, meals):
        page = text_of(client.get("/compte/"))
        assert written(MON, "l j F Y") in page and written(WED, "l j F Y") in page

    def test_works_before_the_cut_off(self, client, meals):
        delivery = delivery_on(meals, MON)
        response = client.post(f"/compte/repas/{delivery.pk}/sauter/", follow=True)
        delivery.refresh_from_db()
        assert delivery.status == DeliveryStatus.SKIPPED
        assert RegistrationEvent.objects.filter(registration=meals, action="skipped").exists()
        assert f"Aucun repas ne sera livré le {written(MON, 'j F Y')}." in text_of(response)

    def test_is_refused_after_the_cut_off_with_a_french_message(self, client, clock, lea,
                                                                 meals):
        delivery = delivery_on(meals, MON)
        clock.move_to(at(MON - timedelta(days=1), 19))
        client.force_login(lea)  # the session of weeks ago has expired
        response = client.post(f"/compte/repas/{delivery.pk}/sauter/", follow=True)
        delivery.refresh_from_db()
        assert delivery.status == DeliveryStatus.SCHEDULED
        page = text_of(response)
        assert "Il est trop tard pour changer la livraison" in page
        assert "Sauter ce repas" in page  # Wednesday's may still be skipped…
        assert page.count("Sauter ce repas") == len(response.context["page"].deliveries) - 1

    def test_another_persons_delivery_cannot_be_skipped(self, client, meals, program):
        stranger = ClientFactory(person=person_of(UserFactory()))
        theirs = register(stranger, program, meals.season, weekdays=[0])
        registration_approve(registration=theirs, by=None)
        deliveries_generate(start=MON, days=1)
        delivery = delivery_on(theirs, MON)
        assert client.post(f"/compte/repas/{delivery.pk}/sauter/").status_code == 404
        delivery.refresh_from_db()
        assert delivery.status == DeliveryStatus.SCHEDULED

    def test_meals_can_be_paused_between_two_dates(self, client, meals):
        resume = MON + timedelta(days=7)
        client.post(f"/compte/inscriptions/{meals.pk}/pause/",
                    {"start": MON.isoformat(), "resume_on": resume.isoformat()})
        meals.refresh_from_db()
        assert meals.status == RegistrationStatus.PAUSED
        assert (meals.paused_from, meals.resume_on) == (MON, resume)
        assert not meals.deliveries.filter(date__lt=resume).exists()

    def test_the_page_shows_no_health_notes(self, client, meals):
        assert "Sans gluten" not in text_of(client.get("/compte/"))


class TestConsents:
    def test_a_box_ticked_appends_one_ledger_row_and_the_page_shows_it(self, client, lea):
        client.post("/compte/consentements/", {"news_email": "on"})
        row = Consent.objects.get(person=person_of(lea))
        assert (row.purpose, row.channel, row.action, row.method) == (
            "news", "email", ConsentAction.GIVEN, ConsentMethod.WEB)
        assert "Nouvelles et campagnes" in row.wording and row.given_by == "Léa Tremblay"
        form = client.get("/compte/").context["consent_form"]
        assert form["news_email"].initial is True and form["news_sms"].initial is False

    def test_only_changes_are_written(self, client, lea):
        person = person_of(lea)
        consent_record(person=person, purpose="service", channel="sms",
                       action=ConsentAction.GIVEN, method=ConsentMethod.DESK, wording="Oui")
        client.post("/compte/consentements/", {"service_sms": "on", "reminders_email": "on"})
        assert Consent.objects.filter(person=person).count() == 2

    def test_a_box_unticked_withdraws(self, client, lea):
        person = person_of(lea)
        consent_record(person=person, purpose="reminders", channel="sms",
                       action=ConsentAction.GIVEN, method=ConsentMethod.WEB, wording="Oui")
        client.post("/compte/consentements/", {})
        assert Consent.objects.filter(person=person).first().action == ConsentAction.WITHDRAWN


class TestContactDetails:
    def test_name_language_and_channel_are_saved_on_the_person_and_the_account(self, client, lea):
        client.post("/compte/coordonnees/", {"first_name": "Léa-Rose", "last_name": "Tremblay",
                                             "language": "en", "preferred_channel": "sms"})
        person = person_of(lea)
        lea.refresh_from_db()
        assert (person.first_name, person.language, person.preferred_channel) == (
            "Léa-Rose", "en", "sms")
        assert lea.first_name == "Léa-Rose"

    def test_the_meal_client_record_follows_with_who_changed_it(self, client, lea, meals):
        client.post("/compte/coordonnees/", {"first_name": "Léa-Rose", "last_name": "Tremblay",
                                             "language": "en", "preferred_channel": "email"})
        meal_client = person_of(lea).meal_client
        meal_client.refresh_from_db()
        assert (meal_client.first_name, meal_client.language, meal_client.preferred_channel) == (
            "Léa-Rose", "en", "email")
        change = meal_client.changes.first()
        assert change.changed_by == lea and change.changes["first_name"][1] == "Léa-Rose"

    def test_a_wrong_answer_is_shown_on_the_page_and_nothing_is_saved(self, client, lea):
        response = client.post("/compte/coordonnees/", {"first_name": "Léa", "last_name": "T",
                                                        "language": "de",
                                                        "preferred_channel": "sms"})
        assert response.status_code == 400 and response.context["contact_form"].errors["language"]
        assert person_of(lea).preferred_channel == "phone"


# --- Staff ---------------------------------------------------------------------------------


@pytest.fixture
def coordinator(db):
    from shop.accounts.services import user_make_coordinator

    return user_make_coordinator(user=StaffFactory())


@pytest.fixture
def volunteer(db):
    user = UserFactory(first_name="Lucie")
    user.groups.add(Group.objects.get(name=access.PHONE_DESK_GROUP))
    return user


@pytest.fixture
def gerard(db):
    return person_of(UserFactory(first_name="Gérard", last_name="Bouchard",
                                 email="gerard@example.org"))


class TestWhatTheClientSees:
    def test_the_phone_desk_sees_a_clients_page(self, client, volunteer, gerard):
        order = book_order(gerard.user)
        client.force_login(volunteer)
        response = client.get(f"/personnes/{gerard.pk}/")
        assert response.status_code == 200
        assert order.number in text_of(response) and "Gérard Bouchard" in text_of(response)

    def test_the_phone_desk_cannot_open_a_staff_members_page(self, client, volunteer,
                                                              coordinator):
        client.force_login(volunteer)
        assert client.get(f"/personnes/{person_of(coordinator).pk}/").status_code == 404

    def test_meal_staff_see_their_client_but_no_health_notes(self, client, meals, program):
        client.force_login(seller_staff(program.seller))
        response = client.get(f"/personnes/{meals.client.person.pk}/")
        assert response.status_code == 200
        assert written(MON, "l j F Y") in text_of(response)
        assert "Sans gluten" not in text_of(response)

    def test_seller_staff_cannot_open_someone_who_never_dealt_with_their_seller(
            self, client, meals):
        bookseller = seller_staff(SellerFactory(name="Librairie du Coin", kind="bookshop"))
        client.force_login(bookseller)
        assert client.get(f"/personnes/{meals.client.person.pk}/").status_code == 404

    def test_seller_staff_see_only_their_sellers_orders_and_no_amounts(self, client, gerard):
        mine = SellerFactory(name="Librairie du Coin", kind="bookshop")
        ours = place_order(customer=gerard.user, channel=Channel.WEB, fulfilment="pickup",
                           payment_method=PaymentMethod.ON_DELIVERY,
                           lines=[LineRequest(product_for(mine, title="Maria Chapdelaine"))])
        theirs = book_order(gerard.user)
        client.force_login(seller_staff(mine))
        page = text_of(client.get(f"/personnes/{gerard.pk}/"))
        assert ours.number in page and theirs.number not in page and "TPS" not in page

    def test_a_client_cannot_open_staff_pages(self, client, lea, gerard):
        assert client.get(f"/personnes/{gerard.pk}/").status_code == 403
        assert client.get("/personnes/?q=Bouchard").status_code == 403

    def test_staff_record_a_consent_given_on_the_phone_in_their_name(
            self, client, volunteer, gerard):
        client.force_login(volunteer)
        client.post(f"/personnes/{gerard.pk}/consentements/",
                    {"given_by": "Sa fille, Julie Bouchard", "reminders_sms": "on"})
        row = Consent.objects.get(person=gerard)
        assert (row.method, row.recorded_by, row.given_by, row.action) == (
            ConsentMethod.DESK, volunteer, "Sa fille, Julie Bouchard", ConsentAction.GIVEN)

    def test_a_phone_consent_needs_who_answered(self, client, volunteer, gerard):
        client.force_login(volunteer)
        response = client.post(f"/personnes/{gerard.pk}/consentements/", {"news_sms": "on"})
        assert response.status_code == 400 and not Consent.objects.exists()

    def test_is_french_with_no_english_left(self, client, volunteer, gerard):
        book_order(gerard.user)
        client.force_login(volunteer)
        assert english_left(client.get(f"/personnes/{gerard.pk}/")) == []


class TestFindingAPerson:
    def test_by_name_or_phone_one_line_each(self, client, volunteer, gerard):
        phoned = person_of(UserFactory(email=None, phone="+15145550177", first_name="Rita",
                                       last_name="Lafleur"))
        client.force_login(volunteer)
        by_name = client.get("/personnes/?q=bouchard").context["people"]
        by_phone = client.get("/personnes/?q=514 555-0177").context["people"]
        assert list(by_name) == [gerard] and list(by_phone) == [phoned]

    def test_the_phone_desk_search_links_to_the_persons_page(self, client, volunteer, gerard):
        client.force_login(volunteer)
        response = client.get("/phone/desk/?q=Bouchard")
        assert f'href="/personnes/{gerard.pk}/"' in response.content.decode()


class TestMaySeePerson:
    def test_coordinators_all_the_desk_clients_seller_staff_their_own_others_nobody(
            self, coordinator, volunteer, gerard, meals, program):
        meal_client = meals.client.person
        popote = seller_staff(program.seller)
        assert access.may_see_person(coordinator, person_of(volunteer))
        assert access.may_see_person(volunteer, gerard)
        assert not access.may_see_person(volunteer, person_of(coordinator))
        assert access.may_see_person(popote, meal_client)
        assert not access.may_see_person(popote, gerard)
        assert not access.may_see_person(gerard.user, meal_client)
