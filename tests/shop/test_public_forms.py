"""Every public form given oversized, empty, wrongly typed and script-bearing values.

Never a server error: the form comes back with a clear French error (or, for a
value that is only unusual, takes it), and anything echoed back is escaped.
"""

import html
import re

import pytest
from django.urls import NoReverseMatch, reverse
from oscar.core.loading import get_model

from tests.factories import (
    PhoneOnlyClientFactory,
    SellerFactory,
    StaffFactory,
    UserFactory,
    product_for,
)
from tests.services.factories import SEASON_START, SeasonFactory, program_with

pytestmark = pytest.mark.django_db
Country = get_model("address", "Country")

HUGE = "x" * 10_000
SCRIPT = "<script>alert(1)</script>"
TAG = '"><img src=x onerror=alert(1)>'
VALUES = {
    "oversized": HUGE,
    "empty": "",
    "letters": "douze",
    "negative": "-3",
    "huge number": "9" * 30,
    "script": SCRIPT,
    "tag": TAG,
}
# Django's, Oscar's and the project's French messages for a refused value.
FRENCH_ERRORS = re.compile("|".join([
    "Ce champ est obligatoire", "Assurez-vous que cette valeur", "Saisissez un nombre entier",
    "Saisissez une adresse (de )?(courriel|électronique) valide", "limitations techniques",
    "Saisissez une date valide",
    "Sélectionnez un choix valide", "Entrez un code postal comme H4C 1S3",
    "Ce n.est pas un code postal", "(Entrez|Saisissez) votre code postal",
    "Saisissez un numéro de téléphone valide", "numéro de téléphone n.est pas valide",
    "Veuillez (entrer|saisir)",
    "adresse (courriel|électronique) et (un )?mot de passe", "Les deux mots de passe",
    "Ce mot de passe", "Le code postal .* n.est pas valide", "pas un numéro de téléphone",
    "Nécessaire pour une livraison", "Votre panier a un problème",
    "Indiquez l.adresse courriel", "Aucun numéro de téléphone n.a été donné",
]))
ENGLISH_ERRORS = re.compile("This field is required|Ensure this value|Enter a whole number|"
                            "Enter a valid|Select a valid choice")


def page_of(client, response):
    """The page the visitor ends on (following a redirect after a refused basket form)."""
    hops = 0
    while response.status_code in (301, 302) and hops < 3:
        response = client.get(response["Location"])
        hops += 1
    return response


def assert_escaped(response):
    content = response.content.decode()
    assert SCRIPT not in content
    assert "<img src=x onerror" not in content
    assert TAG not in content


def assert_refused_in_french(response):
    text = re.sub(r"\s+", " ", html.unescape(response.content.decode()))
    assert FRENCH_ERRORS.search(text), text[-3000:]
    assert not ENGLISH_ERRORS.search(text)


# --- The forms ------------------------------------------------------------------


def login(client, field, value, context):
    data = {"login-username": "lea@example.org", "login-password": "motdepasse-123",
            "login_submit": "1", field: value}
    return client.post("/accounts/login/", data)


def registration(client, field, value, context):
    data = {"email": "nouvelle@example.org", "password1": "un-Mot-de-passe-solide-42",
            "password2": "un-Mot-de-passe-solide-42", field: value}
    if field == "password1":
        data["password2"] = value
    return client.post("/accounts/register/", data)


def basket_add(client, field, value, context):
    product = context["product"]
    return client.post(reverse("basket:add", args=[product.pk]), {field: value},
                       HTTP_REFERER=product.get_absolute_url())


def basket_quantity(client, field, value, context):
    product = context["product"]
    client.post(reverse("basket:add", args=[product.pk]), {"quantity": "1"})
    page = client.get(reverse("basket:summary"))
    formset = page.context["formset"]
    data = {"form-TOTAL_FORMS": "1", "form-INITIAL_FORMS": "1", "form-MIN_NUM_FORMS": "0",
            "form-MAX_NUM_FORMS": "1000", "form-0-id": str(formset.forms[0].instance.pk),
            "form-0-quantity": "1", f"form-0-{field}": value}
    return client.post(reverse("basket:summary"), data)


def search(client, field, value, context):
    return client.get("/search/", {"q": "livre", field: value})


def browse(client, field, value, context):
    return client.get("/catalogue/", {field: value})


def meal_registration(client, field, value, context):
    program, step = context["program"], context["step"]
    steps = {
        "area": {"postal_code": "h4c 1s3"},
        "person": {"first_name": "Rita", "last_name": "Lavoie", "phone": "514 555-0177",
                   "address_line1": "2500, rue Saint-Jacques", "language": "fr"},
        "meals": {"weekdays": ["0"], "meal_option": str(program.meal_options.first().pk),
                  "meals_per_delivery": "1", "requested_start": SEASON_START.isoformat(),
                  "fare": "regular"},
        "health": {},
        "contact": {"preferred_channel": "email", "email": "rita@example.org"},
    }
    steps["person"].update(context.get("person", {}))
    for name, data in steps.items():
        url = reverse("services:register-step", args=[program.slug, name])
        if name == step:
            return client.post(url, {**data, field: value})
        assert client.post(url, data).status_code == 302


def near_me(client, field, value, context):
    try:
        url = reverse("nearby:search")
    except NoReverseMatch:
        pytest.skip("no public postal-code page yet")
    return client.get(url, {field: value})


def checkout_gateway(client, field, value, context):
    client.post(reverse("basket:add", args=[context["product"].pk]), {"quantity": "1"})
    return client.post("/checkout/", {"username": "lea.invitee@example.org", "options": "anonymous",
                                      field: value})


def checkout_address(client, field, value, context):
    """The delivery address: asked once the guest has chosen delivery over pick-up."""
    assert checkout_gateway(client, "options", "anonymous", context).status_code == 302
    chosen = client.post(reverse("checkout:shipping-method"), {"method_code": "delivery"})
    assert chosen.status_code == 302
    assert chosen["Location"] == reverse("checkout:shipping-address")
    data = {"first_name": "Léa", "last_name": "Tremblay", "line1": "123 rue Ontario Est",
            "line4": "Montréal", "state": "QC", "postcode": "H2J 1H4", "country": "CA",
            "phone_number": "514 555-0101", field: value}
    return client.post("/checkout/shipping-address/", data)


def desk_search(client, field, value, context):
    client.force_login(context["staff"])
    return client.get(reverse("phone_orders:desk"), {field: value})


def desk_client_create(client, field, value, context):
    client.force_login(context["staff"])
    data = {"first_name": "Gérard", "last_name": "Bouchard", "phone": "514 555-0199",
            "language": "fr", field: value}
    return client.post(reverse("phone_orders:desk-client-create"), data)


def desk_line(client, field, value, context):
    client.force_login(context["staff"])
    gerard = context["gerard"]
    data = {"product": str(context["product"].pk), "quantity": "1", "action": "add", field: value}
    return client.post(reverse("phone_orders:desk-line-set", args=[gerard.pk]), data)


def desk_confirm(client, field, value, context):
    client.force_login(context["staff"])
    gerard = context["gerard"]
    client.post(reverse("phone_orders:desk-line-set", args=[gerard.pk]),
                {"product": str(context["product"].pk), "quantity": "1", "action": "add"})
    data = {"fulfilment": "delivery", "payment_method": "on_delivery", "line1": "1, rue Principale",
            "line4": "Montréal", "postcode": "H4C 1S3", field: value}
    return client.post(reverse("phone_orders:desk-confirm", args=[gerard.pk]), data)


# (form, field, kinds of values refused with an error, kinds taken or answered without error);
# a page number that is no page leads back to the first page, saying so.
BACK_TO_FIRST_PAGE = {("search", "page"), ("browse", "page")}
CASES = [
    (login, "login-username", ["oversized", "empty", "script", "tag"], []),
    (login, "login-password", ["oversized", "empty", "script"], []),
    (registration, "email", ["oversized", "empty", "letters", "script", "tag"], []),
    (registration, "password1", ["empty", "letters"], ["script"]),
    (basket_add, "quantity", ["oversized", "empty", "letters", "negative", "huge number",
                              "script", "tag"], []),
    (basket_quantity, "quantity", ["oversized", "letters", "negative", "huge number", "script",
                                   "tag"], []),
    (search, "q", [], ["oversized", "empty", "script", "tag"]),
    (search, "page", [], ["letters", "negative", "huge number", "script"]),
    (search, "sort_by", [], ["oversized", "script", "tag"]),
    (browse, "page", [], ["letters", "negative", "huge number", "script"]),
    (meal_registration, ("area", "postal_code"), ["oversized", "empty", "letters", "script",
                                                   "tag"], []),
    (meal_registration, ("person", "first_name"), ["oversized", "empty"], ["script", "tag"]),
    # The phone is optional on the person step, but needed to be reached by phone or SMS.
    (meal_registration, ("person", "phone"), ["oversized", "letters", "negative", "script"],
     ["empty"]),
    (meal_registration, ("contact", "preferred_channel"), ["oversized", "empty", "script"], []),
    (meal_registration, ("contact", "email"), ["oversized", "empty", "letters", "script",
                                               "tag"], []),
    (meal_registration, ("person", "language"), ["oversized", "empty", "script"], []),
    (meal_registration, ("meals", "meals_per_delivery"), ["oversized", "empty", "letters",
                                                          "negative", "huge number", "script"], []),
    (meal_registration, ("meals", "weekdays"), ["oversized", "empty", "letters", "huge number",
                                                "script"], []),
    (meal_registration, ("meals", "requested_start"), ["oversized", "empty", "letters",
                                                       "huge number", "script", "tag"], []),
    (meal_registration, ("meals", "meal_option"), ["oversized", "empty", "letters", "negative",
                                                   "huge number", "script"], []),
    (near_me, "postal_code", ["oversized", "empty", "letters", "script", "tag"], []),
    # Checkout as a guest: the email, then the address.
    (checkout_gateway, "username", ["oversized", "empty", "letters", "script", "tag"], []),
    (checkout_gateway, "options", ["oversized", "script"], []),
    (checkout_address, "first_name", ["oversized", "empty"], ["script", "tag"]),
    (checkout_address, "postcode", ["oversized", "empty", "letters", "script", "tag"], []),
    (checkout_address, "phone_number", ["oversized", "letters", "negative", "huge number",
                                        "script", "tag"], []),
    # Canada is the one shipping country: Oscar keeps it whatever is posted.
    (checkout_address, "country", [], ["oversized", "empty", "script"]),
    # The phone desk, for staff taking an order by phone.
    (desk_search, "q", [], ["oversized", "script", "tag", "letters", "huge number"]),
    (desk_client_create, "first_name", ["oversized", "empty"], []),
    (desk_client_create, "phone", ["oversized", "empty", "letters", "negative", "huge number",
                                   "script", "tag"], []),
    (desk_client_create, "language", ["oversized", "empty", "script"], []),
    (desk_line, "quantity", [], ["oversized", "empty", "letters", "negative", "huge number",
                                 "script"]),
    (desk_line, "product", [], ["oversized", "letters", "negative", "huge number", "script"]),
    (desk_confirm, "postcode", ["oversized", "empty"], ["script", "tag"]),
    (desk_confirm, "line1", ["oversized", "empty"], ["script", "tag"]),
    (desk_confirm, "fulfilment", ["oversized", "empty", "script"], []),
]


def cases():
    for form, field, refused, taken in CASES:
        label = field if isinstance(field, str) else "-".join(field)
        for kind in refused:
            yield pytest.param(form, field, kind, True, id=f"{form.__name__}-{label}-{kind}")
        for kind in taken:
            yield pytest.param(form, field, kind, False, id=f"{form.__name__}-{label}-{kind}-taken")


@pytest.fixture
def context(db):
    UserFactory(email="lea@example.org")
    Country.objects.get_or_create(iso_3166_1_a2="CA", defaults={"name": "Canada",
                                                                "is_shipping_country": True})
    product = product_for(SellerFactory(name="Librairie du Quartier", kind="bookshop"),
                          title="Un livre", num_in_stock=5)
    program = program_with(weekdays=(0, 2, 4), capacity=40, options=("regular",))
    SeasonFactory(program=program)  # its registration window is open today, the frozen day
    return {"product": product, "program": program, "staff": StaffFactory(),
            "gerard": PhoneOnlyClientFactory(phone="+15145550142")}


@pytest.mark.parametrize("form, field, kind, refused", list(cases()))
def test_a_public_form_answers_bad_values_clearly_and_safely(client, context, form, field, kind,
                                                              refused):
    if isinstance(field, tuple):
        context["step"], field = field
    response = page_of(client, form(client, field, VALUES[kind], context))
    expected = 200
    if form in (desk_client_create, desk_confirm) and refused:
        expected = 400  # the desk's own answer to a form it cannot take
    assert response.status_code == expected, response.status_code
    assert_escaped(response)
    if refused:
        assert_refused_in_french(response)
    if (form.__name__, field) in BACK_TO_FIRST_PAGE:
        assert response.context["page_obj"].number == 1
        assert "Le numéro de page est invalide" in response.content.decode()
        if form is search:
            assert response.context["query"] == "livre"  # the search is kept


def test_each_step_of_the_meal_registration_can_be_shown_again(client, context):
    """Going back to a step (its own address) shows it again, with what was typed."""
    program = context["program"]
    meal_registration(client, "phone", "514 555-0177", {**context, "step": "meals"})
    for name in ("area", "person", "meals"):
        response = client.get(reverse("services:register-step", args=[program.slug, name]))
        assert response.status_code == 200, name
        if name == "person":
            assert 'value="Rita"' in response.content.decode()


@pytest.mark.parametrize("channel", ["phone", "sms"])
def test_without_a_phone_the_contact_step_asks_for_one_or_an_email(client, context, channel):
    """The phone is optional for the person, but a call or a text message needs one."""
    context.update(step="contact", person={"phone": ""})
    response = meal_registration(client, "preferred_channel", channel, context)
    assert response.status_code == 200
    assert_refused_in_french(response)
    assert "Aucun numéro de téléphone n'a été donné" in html.unescape(response.content.decode())

    by_email = meal_registration(client, "preferred_channel", "email", context)
    assert by_email.status_code == 302
