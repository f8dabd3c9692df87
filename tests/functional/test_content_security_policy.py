"""In Chromium: a script stored in a product's description never runs, and the
shop's own scripts run under the Content-Security-Policy without a violation.

The description is written straight into the database, as a row saved before
the sanitiser or by another way than the dashboard would be: the page cleans it
when it prints it (shop.richtext), and the policy would refuse an inline script
that slipped through (shop/csp.py). The pages of the purchase journey, and the
dashboard's product form with its editor, run their scripts without the browser
reporting any violation of their policy.
"""

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import SellerFactory, StaffFactory, product_for
from tests.functional.a11y import browser_context, expect, needs_chromium, new_page

Product = get_model("catalogue", "Product")
Country = get_model("address", "Country")

pytestmark = [pytest.mark.django_db(transaction=True), needs_chromium]

PAYLOAD = ('<p>Un <strong>roman</strong> québécois.</p>'
           '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>')

# Every violation of the page's policy, as the browser reports it to the page.
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (event) {
    window.__violations.push(event.violatedDirective + " " + (event.blockedURI || "inline")
                             + " " + (event.sourceFile || "") + ":" + event.lineNumber);
});
"""


@pytest.fixture
def book(db, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # the ORM runs beside Playwright's loop
    Country.objects.get_or_create(iso_3166_1_a2="CA",
                                  defaults={"name": "Canada", "is_shipping_country": True})
    book = product_for(SellerFactory(name="Librairie"), title="Kamouraska", price="24.95")
    Product.objects.filter(pk=book.pk).update(description=PAYLOAD)  # past the dashboard's form
    return book


class Watched:
    """A page whose policy violations and console errors are collected."""

    def __init__(self, context):
        self.page = new_page(context)
        self.page.add_init_script(WATCH_VIOLATIONS)
        self.console = []
        self.page.on("console", lambda message: self.console.append(message.text))

    def goto(self, url):
        response = self.page.goto(url)
        self.page.wait_for_load_state("load")
        return response

    def assert_no_violation(self, name):
        violations = self.page.evaluate("window.__violations")
        reported = [text for text in self.console if "Content Security Policy" in text]
        assert violations == [] and reported == [], f"{name}: {violations} {reported}"


def assert_strict_policy(response, name):
    policy = response.headers.get("content-security-policy", "")
    script_src = next((part.split()[1:] for part in policy.split(";")
                       if part.split()[:1] == ["script-src"]), None)
    assert script_src == ["'self'"], f"{name}: {policy!r}"


def test_a_script_stored_in_a_description_never_runs(live_server, book):
    with browser_context(live_server.url) as context:
        page = Watched(context).page
        page.goto(live_server.url + book.get_absolute_url())
        page.wait_for_load_state("load")  # the image "x" has failed to load by now

        assert page.evaluate("typeof window.__xss") == "undefined"
        assert page.inner_html(".product-description") == (
            "<p>Un <strong>roman</strong> québécois.</p>")


def test_the_shops_own_scripts_run_without_a_violation(live_server, book):
    with browser_context(live_server.url) as context:
        watched = Watched(context)
        page = watched.page

        response = watched.goto(live_server.url + book.get_absolute_url())
        assert_strict_policy(response, "product page")
        watched.assert_no_violation("product page")
        page.click("#add_to_basket_form button[type=submit]")
        expect(page.locator("#messages")).to_contain_text("Kamouraska")
        watched.assert_no_violation("product page, added to the basket")

        page.click(".basket-mini a[href='/basket/']")  # was an inline onclick
        page.wait_for_url("**/basket/")
        assert_strict_policy(page.reload(), "basket")
        # Oscar's basket script updates the basket in place, without leaving the page.
        page.evaluate("window.__samePage = true")
        page.get_by_label("Quantité").fill("2")
        page.click("#basket_formset button[type=submit]")
        expect(page.locator("#basket_formset input[name$=quantity]")).to_have_value("2")
        assert page.evaluate("window.__samePage") is True
        watched.assert_no_violation("basket")

        response = watched.goto(live_server.url + "/checkout/")
        assert_strict_policy(response, "checkout")
        # Oscar's gateway script: no password for a guest, one for a known client.
        expect(page.locator("#id_password")).to_be_disabled()
        page.check("input[name=options][value=existing]")
        expect(page.locator("#id_password")).to_be_enabled()
        watched.assert_no_violation("checkout: who are you")


def test_the_dashboards_product_form_runs_its_scripts_under_the_staff_policy(
        live_server, book, client):
    client.force_login(StaffFactory(is_superuser=True))
    with browser_context(live_server.url, logged_in=client) as context:
        watched = Watched(context)
        page = watched.page

        response = watched.goto(live_server.url + reverse(
            "dashboard:catalogue-product", kwargs={"pk": book.pk}))

        assert "'unsafe-inline'" in response.headers["content-security-policy"]
        expect(page.locator(".tox-tinymce").first).to_be_visible()  # the description's editor
        watched.assert_no_violation("dashboard product form")
