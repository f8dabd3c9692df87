"""Every staff URL the resolver knows, walked as each seller's staff and anonymously.

The URLs are read from ``get_resolver()``: every pattern under a staff prefix
(``STAFF_PREFIXES``) is walked, so a new page cannot be forgotten; its kwargs
are filled with the *other* seller's objects (``OBJECT_KWARGS``, ``PK_OF``),
and a kwarg the walk does not know fails the test until someone says what it
names. As bookshop staff and as tool-library staff, each URL is asked four
times: GET, GET searching for the other seller, POST with no body, POST with
the other seller's ids. Each answer must be:

- 403, 404 or the login page (a 405 for a method the page does not take),
  never a 500; a page open to any seller's staff (no kwargs, or a client of the
  cooperative's, ``SHARED_OBJECT_URLS``) may also answer 200, 302 or 400;
- without any of the other seller's data (``world.Seller.markers``);
- and no row of any table may have changed (counts and a digest of the rows).

The Django admin is closed to seller staff altogether; anonymous visitors get
the login page (or 403/404) everywhere.
"""

import hashlib
import re
from dataclasses import dataclass

import pytest
import time_machine
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import URLResolver, get_resolver, resolve
from django.urls.resolvers import LocalePrefixPattern, RoutePattern

from phone_orders.desk_views import SESSION_KEY as DESK_SESSION_KEY
from shop import access
from shop.order.statuses import OrderStatus
from shop.staff_pages import StaffPagesConfig
from tests.clock import FROZEN_NOW

from .world import build_world

STAFF_PREFIXES = (
    "/dashboard/",
    "/admin/",
    "/phone/",
    "/services/",
    "/reports/",
    "/payments/dashboard/",
    "/notifications/outbox/",
    "/rentals/desk/",
    "/rentals/inventory/",
    "/personnes/",
    "/vie-privee/",
    "/comptabilite/",  # invoices, statements, payouts and the accounting export, for staff
    "/soldes/",  # prepaid balances, for staff
    "/benevoles/",  # volunteer drivers and their routes, for meal coordinators
)
# Under a staff prefix, yet for everyone: each checks what it needs itself.
PUBLIC_UNDER_STAFF_PREFIXES = {
    "/dashboard/login/": "the staff's sign-in form",
    "/dashboard/logout/": "signing out",
    "/admin/login/": "the admin's sign-in form",
    "/admin/logout/": "signing out",
    "/admin/catalogue/category/jsi18n/": "treebeard's JavaScript catalogue of translated texts",
    "/phone/sms/": "Twilio's SMS webhook: Twilio's signature is checked",
    "/phone/voice/": "Twilio's voice webhooks: Twilio's signature is checked",
    "/services/register/": "online registration for meal delivery: the public's",
}
# Pages whose kwargs name something every seller's staff may reach.
SHARED_OBJECT_URLS = {
    "phone_orders:desk-client": "clients are the cooperative's: any desk user finds any client "
                                "and sees only their own sellers' part of the client's orders "
                                "(here a client of both sellers, one order shared by both)",
    "phone_orders:desk-line-set": "the same client's order being taken",
    "phone_orders:desk-confirm": "the same client's order being taken",
}
# What the client desks (the phone desk, the membership desk) show of any client,
# whoever's client they are: clients are found by name or phone number there.
DESK_MARKERS = {"client name", "client phone"}
CLIENT_DESKS = ("/phone/desk/", "/rentals/desk/memberships/")


# --- What the kwargs name: the other seller's objects ---------------------------------


def shop_object(name):
    return lambda world, other: other.objects[name].pk


def meal_object(name):
    return lambda world, other: world.meals.objects[name].pk


def cooperative_object(name):
    return lambda world, other: world.cooperative[name].pk


OBJECT_KWARGS = {
    "number": lambda world, other: other.objects["order"].number,
    "line_id": shop_object("line"),
    "note_id": shop_object("note"),
    "parent_pk": shop_object("product"),
    "partner_pk": lambda world, other: other.partner.pk,
    "user_pk": lambda world, other: other.staff.pk,
    "program_pk": meal_object("program"),
    "parent": cooperative_object("category"),
    "method_pk": cooperative_object("shipping_method"),
    "slug": lambda world, other: world.cooperative["comms"].code,
}
# Kwargs that name no object: any seller's staff may give them.
PARAMETER_KWARGS = {
    "day": lambda world, other: world.meals.objects["day"].isoformat(),
    "action": lambda world, other: "approve",
    "table": lambda world, other: "people-by-seller",  # the cooperative's only
    "product_class_slug": lambda world, other: world.cooperative["product_class"].slug,
    "year": lambda world, other: f"{world.meals.objects['day']:%Y}",  # a statement's month
    "month": lambda world, other: f"{world.meals.objects['day']:%m}",
}
PK_OF = {
    "dashboard:catalogue-product": shop_object("product"),
    "dashboard:catalogue-product-delete": shop_object("product"),
    "dashboard:catalogue-category-detail-list": cooperative_object("category"),
    "dashboard:catalogue-category-update": cooperative_object("category"),
    "dashboard:catalogue-category-delete": cooperative_object("category"),
    "dashboard:catalogue-class-update": cooperative_object("product_class"),
    "dashboard:catalogue-class-delete": cooperative_object("product_class"),
    "dashboard:catalogue-attribute-option-group-update":
        cooperative_object("attribute_option_group"),
    "dashboard:catalogue-attribute-option-group-delete":
        cooperative_object("attribute_option_group"),
    "dashboard:catalogue-option-update": cooperative_object("option"),
    "dashboard:catalogue-option-delete": cooperative_object("option"),
    "dashboard:user-detail": shop_object("client"),
    "dashboard:user-password-reset": shop_object("client"),
    "dashboard:user-alert-delete": shop_object("alert"),
    "dashboard:user-alert-update": shop_object("alert"),
    "dashboard:page-update": cooperative_object("page"),
    "dashboard:page-delete": cooperative_object("page"),
    "dashboard:partner-manage": lambda world, other: other.partner.pk,
    "dashboard:partner-delete": lambda world, other: other.partner.pk,
    "dashboard:seller-page-update": lambda world, other: other.partner.pk,
    "dashboard:offer-metadata": cooperative_object("offer"),
    "dashboard:offer-condition": cooperative_object("offer"),
    "dashboard:offer-benefit": cooperative_object("offer"),
    "dashboard:offer-restrictions": cooperative_object("offer"),
    "dashboard:offer-delete": cooperative_object("offer"),
    "dashboard:offer-detail": cooperative_object("offer"),
    "dashboard:range-update": cooperative_object("range"),
    "dashboard:range-delete": cooperative_object("range"),
    "dashboard:range-products": cooperative_object("range"),
    "dashboard:range-reorder": cooperative_object("range"),
    "dashboard:reviews-update": shop_object("review"),
    "dashboard:reviews-delete": shop_object("review"),
    "dashboard:voucher-update": cooperative_object("voucher"),
    "dashboard:voucher-delete": cooperative_object("voucher"),
    "dashboard:voucher-stats": cooperative_object("voucher"),
    "dashboard:voucher-set-update": cooperative_object("voucher_set"),
    "dashboard:voucher-set-detail": cooperative_object("voucher_set"),
    "dashboard:voucher-set-download": cooperative_object("voucher_set"),
    "dashboard:voucher-set-delete": cooperative_object("voucher_set"),
    "dashboard:shipping-method-detail": cooperative_object("shipping_method"),
    "dashboard:shipping-method-edit": cooperative_object("shipping_method"),
    "dashboard:shipping-method-delete": cooperative_object("shipping_method"),
    "dashboard:shipping-method-band-edit": cooperative_object("shipping_band"),
    "dashboard:shipping-method-band-delete": cooperative_object("shipping_band"),
    "rentals:unit-calendar": shop_object("unit"),
    "rentals:reservation": shop_object("reservation"),
    "rentals:stock-record": shop_object("stockrecord"),
    "notifications:outbox-retry": cooperative_object("outbound"),
    "services:registration-detail": meal_object("registration"),
    "services:registration-action": meal_object("registration"),
    "services:delivery-skip": meal_object("delivery"),
    "services:stop-outcome": meal_object("delivery"),
    "services:client-detail": meal_object("meal_client"),
    "services:client-update": meal_object("meal_client"),
    "services:follow-up-close": meal_object("follow_up"),
    "services:route-detail": meal_object("route"),
    "drivers:route": meal_object("route"),
    "phone_orders:desk-client": cooperative_object("shared_client"),
    "phone_orders:desk-line-set": cooperative_object("shared_client"),
    "phone_orders:desk-confirm": cooperative_object("shared_client"),
    "phone_orders:inbox-done": cooperative_object("inbox_item"),
    "phone_orders:campaign-start": cooperative_object("campaign"),
    "people:staff-person": lambda world, other: other.objects["client"].person.pk,
    "balance:person": lambda world, other: other.objects["client"].person.pk,
    "balance:credit": lambda world, other: other.objects["client"].person.pk,
    "people:staff-person-consents": lambda world, other: other.objects["client"].person.pk,
    "people:staff-export": lambda world, other: other.objects["client"].person.pk,
    "people:link-staff-confirm": cooperative_object("link_request"),
    "people:privacy-request": cooperative_object("privacy_request"),
    "statements:staff-statement-pdf": lambda world, other: other.objects["client"].person.pk,
}


def search_for(world, other):
    """A GET query looking for the other seller's things (words, not whole markers)."""
    return {"q": other.token.lower(), "product": other.token.lower(), "seller": other.partner.pk,
            "partner": other.partner.pk, "program": world.meals.objects["program"].pk,
            "client": world.meals.objects["meal_client"].pk, "status": "failed",
            "format": "csv"}


def plausible_body(world, other, url_key):
    """A POST acting on the other seller's objects, as each page's form would."""
    mine = other.objects
    meals = world.meals.objects
    line = mine["line"]
    body = {
        # The phone desk.
        "product": mine["product"].pk, "quantity": "1", "action": "add",
        "fulfilment": "pickup", "payment_method": "on_delivery",
        "first_name": "Walk", "last_name": "Walk", "phone": str(mine["client"].phone),
        "language": "fr",
        # The rentals desk and inventory.
        "out-asset_tag": mine["unit"].asset_tag, "in-asset_tag": mine["unit"].asset_tag,
        "in-condition": "good", "asset_tag": mine["unit"].asset_tag,
        "delta": "-5", "reason": "lost", "low_stock_threshold": "0",
        "seller": other.partner.pk, "partner": other.partner.pk,
        # Dashboard orders.
        "order_action": "change_order_status", "new_status": OrderStatus.TO_PREPARE,
        "selected_order": mine["order"].pk, "line_action": "change_line_statuses",
        "selected_line": line.pk, f"selected_line_qty_{line.pk}": line.quantity,
        "message": "Walk", "note": "Walk",
        # Meal delivery.
        "program": meals["program"].pk, "client": meals["meal_client"].pk,
        "delivery": meals["delivery"].pk, "outcome": "delivered",
        # Payments.
        "amount": "1.00", "method": "cash",
        # Catalogue.
        "title": "Walk", "upc": "WALKUPC", "structure": "standalone",
        "stockrecords-TOTAL_FORMS": "1", "stockrecords-INITIAL_FORMS": "0",
        "stockrecords-0-partner": other.partner.pk, "stockrecords-0-partner_sku": "WALK",
        "stockrecords-0-price": "1.00", "stockrecords-0-num_in_stock": "1",
    }
    if url_key == "rentals:book-import":
        body["file"] = SimpleUploadedFile(
            "livres.csv", b"isbn,titre,auteur,editeur,prix,quantite\n9782764601235,Walk,Walk,Walk,10.00,1\n",
            content_type="text/csv")
    return body


# --- The URLs, from the resolver ---------------------------------------------------------


@dataclass(frozen=True)
class StaffUrl:
    key: str  # "namespace:name", or the path template of an unnamed pattern
    template: str
    patterns: tuple
    kwarg_names: tuple
    callback: object

    def path(self, values: dict) -> str:
        return "/" + "".join(_filled(pattern, values) for pattern in self.patterns)


def _kwarg_names(pattern) -> list:
    if isinstance(pattern, LocalePrefixPattern):
        return []
    if isinstance(pattern, RoutePattern):
        return list(pattern.converters)
    return list(pattern.regex.groupindex)


def _template(pattern) -> str:
    if isinstance(pattern, LocalePrefixPattern):
        return pattern.language_prefix
    return str(pattern).lstrip("^").rstrip("$")


def _filled(pattern, values) -> str:
    if isinstance(pattern, LocalePrefixPattern):
        return pattern.language_prefix
    if isinstance(pattern, RoutePattern):
        return re.sub(r"<(?:\w+:)?(\w+)>", lambda match: str(values[match.group(1)]),
                      str(pattern))
    regex = str(pattern).lstrip("^").rstrip("$")
    for name in pattern.regex.groupindex:
        start = regex.index(f"(?P<{name}>")
        depth, end = 0, start
        while True:
            depth += {"(": 1, ")": -1}.get(regex[end], 0)
            end += 1
            if depth == 0:
                break
        regex = regex[:start] + str(values[name]) + regex[end:]
    return re.sub(r"\\(.)", r"\1", regex)


def all_urls():
    """Every URL pattern, in the resolver's order, with its namespace."""
    def walk(resolver, patterns, namespace):
        for entry in resolver.url_patterns:
            if isinstance(entry, URLResolver):
                inner = ":".join(filter(None, [namespace, entry.namespace]))
                yield from walk(entry, patterns + (entry.pattern,), inner)
            else:
                names = sum((_kwarg_names(p) for p in patterns + (entry.pattern,)), [])
                template = "/" + "".join(_template(p) for p in patterns + (entry.pattern,))
                key = f"{namespace}:{entry.name}" if entry.name else template
                yield StaffUrl(key, template, patterns + (entry.pattern,), tuple(names),
                               entry.callback), namespace, entry

    yield from walk(get_resolver(), (), "")


def is_staff_template(template) -> bool:
    return template.startswith(STAFF_PREFIXES) and not template.startswith(
        tuple(PUBLIC_UNDER_STAFF_PREFIXES))


def staff_urls(*, admin: bool):
    """The staff URLs (the admin's, or all others), each path once: the first pattern wins."""
    seen, found = set(), []
    for url, _namespace, _pattern in all_urls():
        if url.template in seen:
            continue
        seen.add(url.template)
        if is_staff_template(url.template) and url.template.startswith("/admin/") == admin:
            found.append(url)
    return found


STAFF_URLS = staff_urls(admin=False)
ADMIN_URLS = staff_urls(admin=True)


def kwargs_for(url: StaffUrl, world, other) -> dict:
    values = {}
    for name in url.kwarg_names:
        if name == "pk" and url.key in PK_OF:
            values[name] = PK_OF[url.key](world, other)
        elif name in OBJECT_KWARGS:
            values[name] = OBJECT_KWARGS[name](world, other)
        elif name in PARAMETER_KWARGS:
            values[name] = PARAMETER_KWARGS[name](world, other)
        else:
            pytest.fail(f"{url.template} ({url.key}): the walk does not know what kwarg {name!r} "
                        "names. Add the other seller's object it names to PK_OF (for 'pk') or "
                        "OBJECT_KWARGS, or to PARAMETER_KWARGS if it names no object.")
    return values


def names_an_object(url: StaffUrl) -> bool:
    return any(name not in PARAMETER_KWARGS for name in url.kwarg_names)


# --- Snapshots of every table --------------------------------------------------------------

# Sessions change as staff work (the phone desk keeps the order being taken in
# it): ``draft_products`` looks into them instead.
# The search lexicon (PostgreSQL) keeps every word of every title saved, also of a
# product Oscar's create view saves and deletes again in one refused request; only the
# near-miss search reads it, to widen a query, and `rebuild_search_index` prunes it.
NOT_SNAPSHOT = {"django_session", "otp_totp_totpdevice", "otp_static_staticdevice",
                "otp_static_statictoken", "search_searchword"}


def snapshot() -> dict:
    """Per table: its row count and a digest of all its rows."""
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed or meta.db_table in NOT_SNAPSHOT:
            continue
        rows = list(model._base_manager.order_by("pk").values_list())
        tables[meta.db_table] = (len(rows), hashlib.sha256(repr(rows).encode()).hexdigest())
    return tables


def changed_tables(before, after) -> list:
    return sorted(table for table in after if before.get(table) != after[table])


def draft_products(client) -> set:
    """The products of the phone orders being taken in ``client``'s session."""
    drafts = client.session.get(DESK_SESSION_KEY, {})
    return {int(pk) for draft in drafts.values() for pk in draft.get("lines", {})}


# --- The answers ----------------------------------------------------------------------------


def body_of(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def is_login_redirect(response) -> bool:
    return response.status_code == 302 and "/login/" in response["Location"]


def leaked(text, markers: dict) -> list:
    found = []
    for what, marker in markers.items():
        if re.search(r"(?<![\w+])" + re.escape(marker) + r"(?!\w)", text):
            found.append(f"{what} {marker!r}")
    return found


def forbidden_markers(world, other, url: StaffUrl) -> dict:
    markers = {**{f"meal service's {what}": marker for what, marker in world.meals.markers.items()},
               **{f"other seller's {what}": marker for what, marker in other.markers.items()
                  if not (url.template.startswith(CLIENT_DESKS) and what in DESK_MARKERS)}}
    return markers


# --- The walk ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One world for the whole walk, rolled back at the end of the module."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with time_machine.travel(FROZEN_NOW, tick=False):
                built = build_world()
            yield built
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def test_the_walk_covers_every_staff_page():
    """Every page an app keeps for staff lies under a staff prefix, so the walk takes it."""
    outside = []
    for url, namespace, pattern in all_urls():
        config = next((config for config in apps.get_app_configs()
                       if config.label == namespace.split(":")[0]), None)
        kept_for_staff = (
            namespace == "dashboard" and url.template not in ("/dashboard/login/",
                                                              "/dashboard/logout/")
        ) or (isinstance(config, StaffPagesConfig)
              and config.get_permissions(pattern.name) is not access.PUBLIC)
        if kept_for_staff and not is_staff_template(url.template):
            outside.append(url.template)
    assert outside == [], "staff pages outside STAFF_PREFIXES: add their prefix"
    assert len(STAFF_URLS) > 100 and len(ADMIN_URLS) > 100


@pytest.mark.parametrize("url", STAFF_URLS, ids=lambda url: url.key)
@pytest.mark.parametrize("seller", ["bookshop", "tools"])
def test_seller_staff_get_nothing_of_the_other_sellers(client, db, world, seller, url):
    me, other = getattr(world, seller), world.other_than(seller)
    client.force_login(me.staff)
    path = url.path(kwargs_for(url, world, other))
    assert resolve(path).func is url.callback, f"{path} does not lead to {url.key}"
    may_open = not names_an_object(url) or url.key in SHARED_OBJECT_URLS
    markers = forbidden_markers(world, other, url)

    before = snapshot()
    answers = [
        ("GET", client.get(path)),
        ("GET searching", client.get(path, search_for(world, other))),
        ("POST empty", client.post(path)),
        ("POST plausible", client.post(path, plausible_body(world, other, url.key))),
    ]
    after = snapshot()

    problems = []
    for how, response in answers:
        status = response.status_code
        refused = status in (403, 404, 405) or is_login_redirect(response)
        if not refused and not (may_open and status in (200, 302, 400)):
            problems.append(f"{how}: {status}")
        found = leaked(body_of(response), markers)
        if found:
            problems.append(f"{how}: {status} shows {', '.join(found)}")
    changed = changed_tables(before, after)
    if changed:
        problems.append(f"rows changed in {', '.join(changed)}")
    others = {other.objects["product"].pk, other.objects["hidden_product"].pk}
    if draft_products(client) & others:
        problems.append("the phone order being taken holds the other seller's product")
    assert problems == [], f"{url.template} as {seller} staff: " + "; ".join(problems)


@pytest.mark.parametrize("seller", ["bookshop", "tools"])
def test_seller_staff_get_no_page_of_the_admin(client, db, world, seller):
    me, other = getattr(world, seller), world.other_than(seller)
    client.force_login(me.staff)
    before, problems = snapshot(), []
    for url in ADMIN_URLS:
        path = url.path(admin_kwargs(url, world, other))
        for how, response in (("GET", client.get(path)), ("POST", client.post(path, {}))):
            if not (is_login_redirect(response) or response.status_code in (403, 404, 405)):
                problems.append(f"{how} {path}: {response.status_code}")
    assert problems == []
    assert changed_tables(before, snapshot()) == []


def admin_kwargs(url, world, other) -> dict:
    values = {"object_id": other.objects["product"].pk, "id": other.staff.pk,
              "pk": other.staff.pk, "content_type_id": 1, "parent_id": 1,
              "url": "accounts/user/"}
    for pattern in url.patterns:
        group = re.search(r"\(\?P<app_label>(\w+)", str(pattern))
        if group:
            values["app_label"] = group.group(1)
    unknown = set(url.kwarg_names) - set(values)
    assert not unknown, f"{url.template}: the admin walk does not know {unknown}"
    return values


@pytest.mark.parametrize("url", STAFF_URLS, ids=lambda url: url.key)
def test_visitors_get_the_login_page_on_every_staff_url(client, db, world, url):
    other = world.tools
    path = url.path(kwargs_for(url, world, other))
    before = snapshot()
    answers = [("GET", client.get(path)), ("POST", client.post(path))]
    assert changed_tables(before, snapshot()) == []
    for how, response in answers:
        assert is_login_redirect(response) or response.status_code in (403, 404, 405), (
            f"{how} {path}: {response.status_code}")


def test_visitors_get_no_page_of_the_admin(client, db, world):
    before, problems = snapshot(), []
    for url in ADMIN_URLS:
        path = url.path(admin_kwargs(url, world, world.tools))
        for how, response in (("GET", client.get(path)), ("POST", client.post(path, {}))):
            if not (is_login_redirect(response) or response.status_code in (403, 404, 405)):
                problems.append(f"{how} {path}: {response.status_code}")
    assert problems == []
    assert changed_tables(before, snapshot()) == []
