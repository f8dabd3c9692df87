"""The phone desk: clients created on the spot, orders placed for them."""

from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_class, get_model

from shop import access
from shop.notifications.services import contact_language_set, sms_consent_give
from shop.order.models import Channel
from shop.people.models import ConsentMethod
from shop.people.selectors.persons import persons_with_phone
from shop.people.services.persons import (
    person_merge,
    person_merge_conflicts,
    person_of,
    person_same_name,
)
from shop.pipeline import LineRequest, place_order

from ..forms import SMS_CONSENT_WORDING

User = get_model("accounts", "User")
Country = get_model("address", "Country")
ShippingAddress = get_model("order", "ShippingAddress")
Selector = get_class("partner.strategy", "Selector")
UnableToPlaceOrder = get_class("order.exceptions", "UnableToPlaceOrder")


@transaction.atomic
def client_create_by_phone(*, first_name, last_name, phone, language, sms_consent, by):
    """A client known by phone only (no email), with their SMS consent if given.

    The consent read to them goes into their ledger with the staff member's name.
    """
    client = User._default_manager.create_user(phone=phone, first_name=first_name,
                                                last_name=last_name)
    person_join_by_phone(account=client, by=by)
    person = person_of(client)
    if person.language != language:
        person.language = language
        person.save(update_fields=["language", "updated_at"])
    contact_language_set(phone=phone, language=language, user=client)
    if sms_consent:
        sms_consent_give(phone=phone, user=client, method=ConsentMethod.DESK, recorded_by=by,
                         wording=SMS_CONSENT_WORDING[language], person=person)
    return client


def person_join_by_phone(*, account, by=None):
    """The desk talks to the person on this number: the number is theirs.

    Records of that number with no account (a meal client typed earlier, a
    number that wrote to us) and under the same name, or no name, become the
    account's person; a record under another name (a spouse sharing the line)
    stays apart.
    """
    person = person_of(account)
    for other in persons_with_phone(account.phone):
        if (other.pk != person.pk and other.user_id is None
                and person_same_name(other, account.first_name, account.last_name)
                and not person_merge_conflicts(keep=person, other=other)):
            person = person_merge(keep=person, other=other, by=by)
    return person


def desk_order_place(*, client, staff, lines, fulfilment, payment_method, address=None):
    """Place a phone order: ``lines`` are (product, quantity); ``address`` a dict for delivery.

    ``staff`` orders only what they may sell (``access.desk_sellers``): seller
    staff their own sellers' products; else ``UnableToPlaceOrder``.
    """
    _check_sellers(client=client, staff=staff, lines=lines)
    return place_order(
        customer=client, channel=Channel.PHONE, placed_by=staff,
        lines=[LineRequest(product, quantity) for product, quantity in lines],
        fulfilment=fulfilment, payment_method=payment_method,
        shipping_address=_address(client, address) if fulfilment == "delivery" else None,
    )


def _check_sellers(*, client, staff, lines):
    """Each line is sold (by the pipeline's strategy) by a seller ``staff`` may sell for."""
    allowed = set(access.desk_sellers(staff).values_list("pk", flat=True))
    strategy = Selector().strategy(user=client)
    for product, _quantity in lines:
        record = strategy.fetch_for_product(product).stockrecord
        if record is not None and record.partner_id not in allowed:
            raise UnableToPlaceOrder(
                _("%(title)s is sold by another seller: you can only take orders for your own "
                  "seller's products.") % {"title": product.get_title()})


def _address(client, address):
    if not address:
        return None
    country, _created = Country._default_manager.get_or_create(
        iso_3166_1_a2="CA", defaults={"name": "Canada", "is_shipping_country": True})
    return ShippingAddress(first_name=client.first_name, last_name=client.last_name,
                           line1=address["line1"], line4=address["line4"],
                           state="QC", postcode=address["postcode"], country=country,
                           phone_number=str(client.phone or ""))
