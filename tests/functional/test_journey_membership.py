"""In a real browser, a new client becomes a member of the tool library online, then books a tool.

The client signs up, opens a tool's page (its price per day and its deposit
shown), and tries to book it: refused, with what to do in plain French, the
price, the tool library's phone and a link to the plans page. From there
"Devenir membre" puts the membership in the basket; the checkout, paid at the
counter later, makes them a member at once, and the same booking is then
confirmed. In English (the language chosen with the site's switch), the tool
page, the refusal and the plans page read the same. Every page is audited for
accessibility.
"""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from oscar.core.loading import get_model

from shop.rentals.models import Membership, Reservation, ReservationStatus
from shop.rentals.services.membership_products import membership_tier_products_ensure
from tests.functional.a11y import (
    at_200_percent,
    audit,
    browser_context,
    expect,
    keep_screenshot,
    needs_chromium,
    new_page,
)
from tests.shop.rentals.factories import MembershipTierFactory, rentable_product

User = get_model("accounts", "User")
Partner = get_model("partner", "Partner")

pytestmark = [pytest.mark.django_db(transaction=True), needs_chromium]


@pytest.fixture
def tool_library(sellers, settings, live_server, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the ORM runs beside Playwright's loop
    settings.PUBLIC_BASE_URL = live_server.url  # the link in the refusal leads back here
    library = sellers["tools"]
    Partner.objects.filter(pk=library.pk).update(contact_phone="+15145550120")
    library.refresh_from_db()
    for name, items, price, solidarity in (("Adhésion individuelle", 2, "40.00", "10.00"),
                                           ("Adhésion famille", 5, "60.00", "15.00")):
        membership_tier_products_ensure(tier=MembershipTierFactory(
            seller=library, name=name, max_items=items, price=Decimal(price),
            solidarity_price=Decimal(solidarity)))
    return rentable_product(library, title="Perceuse sans fil", units=2,
                            membership_required=True)


def test_a_new_client_signs_up_becomes_a_member_online_and_books_a_tool(live_server, tool_library):
    drill = tool_library
    first, last = (timezone.localdate() + timedelta(days=n) for n in (3, 5))
    with browser_context(live_server.url) as context:
        page = new_page(context)

        page.goto(live_server.url + "/accounts/register/")
        page.fill("#id_email", "nouveau@example.org")
        page.fill("#id_password1", "un-long-mot-de-passe-9")
        page.fill("#id_password2", "un-long-mot-de-passe-9")
        audit(page, "sign up")
        page.click("#register_form button[type=submit]")
        page.wait_for_load_state("load")
        assert User.objects.filter(email="nouveau@example.org").exists()

        page.goto(live_server.url + drill.get_absolute_url())
        tool_page = " ".join(page.inner_text("main").split())
        assert "par jour" in tool_page and "Dépôt" in tool_page
        audit(page, "tool page, not a member")

        book(page, first, last)
        errors = page.locator("#booking-errors")
        expect(errors).to_contain_text("il faut un abonnement valide")
        expect(errors).to_contain_text("40,00 $ (tarif solidaire 10,00 $)")
        expect(errors).to_contain_text("(514) 555-0120")
        audit(page, "booking refused, no membership")
        keep_screenshot(page, "membership_refusal")
        errors.get_by_role("link").click()

        page.wait_for_url("**/rentals/memberships/")
        plans = page.inner_text("main").replace("\xa0", " ")
        assert "Adhésion individuelle" in plans and "Adhésion famille" in plans
        assert "40,00 $ par année" in plans and "Tarif solidaire : 10,00 $ par année" in plans
        assert "(514) 555-0120" in plans
        audit(page, "membership plans")
        become_member = "form:has(button[aria-describedby]) button >> nth=0"
        at_200_percent(page, "membership-plans", become_member)
        page.click(become_member)

        page.wait_for_url("**/basket/")
        expect(page.locator("main")).to_contain_text("Adhésion individuelle")
        audit(page, "basket with the membership")
        page.click("a[href='/checkout/']")

        page.check("input[name=method][value=on_delivery]")
        audit(page, "checkout: payment method")
        page.click("#payment-method-form button")
        audit(page, "checkout: preview")
        page.click("#place-order")
        page.wait_for_url("**/checkout/thank-you/")
        audit(page, "checkout: thank you")

        member = User.objects.get(email="nouveau@example.org")
        membership = Membership.objects.get(member=member)
        assert membership.tier.name == "Adhésion individuelle"
        assert membership.end_date == timezone.localdate() + timedelta(days=364)

        page.goto(live_server.url + drill.get_absolute_url())
        book(page, first, last)
        page.wait_for_url("**/rentals/bookings/**")
        assert page.get_attribute("#booking-state", "data-state") == "confirmed"
        audit(page, "booking confirmed")
        keep_screenshot(page, "membership_then_booking")

    booking = Reservation.objects.get()
    assert (booking.member, booking.status) == (member, ReservationStatus.CONFIRMED)


def book(page, first, last):
    page.get_by_label("Premier jour").fill(first.isoformat())
    page.get_by_label("Dernier jour").fill(last.isoformat())
    page.click("#booking-submit")


def test_the_tool_library_staff_sell_a_membership_at_the_desk(live_server, tool_library, client):
    from tests.factories import PhoneOnlyClientFactory, seller_staff

    library = tool_library.stockrecords.get().partner
    gerard = PhoneOnlyClientFactory(phone="+15145550177", first_name="Gérard",
                                    last_name="Bouchard")
    client.force_login(seller_staff(library, email="pret@example.org"))
    with browser_context(live_server.url, logged_in=client) as context:
        page = new_page(context)
        page.goto(live_server.url + "/rentals/desk/memberships/")
        page.get_by_label("Numéro de téléphone ou nom du client").fill("514 555-0177")
        page.click("#membership-client-search button")
        page.get_by_label("Gérard Bouchard").check()
        page.get_by_label("Abonnement", exact=True).select_option(index=1)  # the family tier
        page.check("#id_solidarity")
        page.check("input[name=paid_with][value=cash]")
        audit(page, "desk: sell a membership")
        page.click("#membership-sale button[type=submit]")
        expect(page.locator("#messages")).to_contain_text("Abonnement vendu")
        audit(page, "desk: membership sold")

    membership = Membership.objects.get(member=gerard)
    assert (membership.tier.name, membership.solidarity) == ("Adhésion famille", True)
    assert membership.order.sources.get().amount_debited == Decimal("15.00")


def test_in_english_the_tool_page_the_refusal_and_the_plans_read_the_same(live_server,
                                                                         tool_library):
    drill = tool_library
    first, last = (timezone.localdate() + timedelta(days=n) for n in (3, 5))
    User.objects.create_user(email="newcomer@example.org", password="a-long-password-9")
    with browser_context(live_server.url) as context:
        page = new_page(context)
        page.goto(live_server.url + "/accounts/login/")
        page.click("button[lang=en]")  # the language switch, as a visitor would: kept by cookie
        page.wait_for_load_state("load")
        page.fill("#id_login-username", "newcomer@example.org")
        page.fill("#id_login-password", "a-long-password-9")
        page.click("#login_form button[type=submit]")
        page.wait_for_load_state("load")

        page.goto(live_server.url + "/en" + drill.get_absolute_url())
        tool_page = " ".join(page.inner_text("main").split()).lower()
        assert "per day" in tool_page and "deposit" in tool_page
        audit(page, "tool page, English")

        page.get_by_label("First day").fill(first.isoformat())
        page.get_by_label("Last day").fill(last.isoformat())
        page.click("#booking-submit")
        errors = page.locator("#booking-errors")
        expect(errors).to_contain_text("membership")
        expect(errors).to_contain_text("(514) 555-0120")
        audit(page, "booking refused, English")
        errors.get_by_role("link").click()

        page.wait_for_url("**/memberships/")
        plans = page.inner_text("main").replace("\xa0", " ")
        assert "$40.00" in plans or "40.00" in plans, plans
        assert "(514) 555-0120" in plans
        audit(page, "membership plans, English")
