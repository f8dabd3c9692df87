"""The phone desk: staff find the caller, build their order, confirm, read it back.

The order being built is kept in the staff member's session, one per client,
as product ids and quantities; every page shows its totals and taxes computed
by the same rules as the pipeline.

Who may open the desk is declared once (``PhoneOrdersConfig``); what each
staff member sees and sells there is the access policy's, through
``selectors``: seller staff see and sell their own sellers' part only.
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from oscar.core.loading import get_class, get_model

from shop import access
from shop.notifications.models import OutboundMessage
from shop.notifications.phones import to_e164
from shop.notifications.services import contact_for
from shop.order.models import PaymentMethod

from . import selectors
from .forms import (
    SMS_CONSENT_WORDING,
    AddLineForm,
    ClientCreateForm,
    ClientSearchForm,
    OrderOptionsForm,
    desk_payment_methods,
)
from .services.desk import client_create_by_phone, desk_order_place

User = get_model("accounts", "User")
Product = get_model("catalogue", "Product")
UnableToPlaceOrder = get_class("order.exceptions", "UnableToPlaceOrder")
SESSION_KEY = "phone_desk"
PRODUCT_REFUSED = gettext_lazy(
    "This product is sold by another seller: you can only take orders for your own "
    "seller's products."
)


class Draft:
    """The order being built for one client, in the staff member's session."""

    def __init__(self, session, client_id):
        self.session, self.key = session, str(client_id)
        self.data = session.get(SESSION_KEY, {}).get(self.key) or {
            "lines": {}, "fulfilment": "pickup", "payment_method": "on_delivery",
            "address": {}}

    def save(self):
        drafts = self.session.get(SESSION_KEY, {})
        drafts[self.key] = self.data
        self.session[SESSION_KEY] = drafts

    def clear(self):
        drafts = self.session.get(SESSION_KEY, {})
        drafts.pop(self.key, None)
        self.session[SESSION_KEY] = drafts

    def set_quantity(self, product_id, quantity):
        if quantity > 0:
            self.data["lines"][str(product_id)] = quantity
        else:
            self.data["lines"].pop(str(product_id), None)
        self.save()

    def lines(self):
        ids = [int(pk) for pk in self.data["lines"]]
        products = Product._default_manager.in_bulk(ids)
        return [(products[pk], self.data["lines"][str(pk)]) for pk in ids if pk in products]


def desk_search_view(request):
    form = ClientSearchForm(request.GET or None)
    clients = (selectors.clients_search(form.cleaned_data["q"], viewer=request.user)
               if form.is_valid() else [])
    query = request.GET.get("q", "")
    phone_typed = to_e164(query)
    create_form = ClientCreateForm(initial={"phone": phone_typed or "", "language": "fr"})
    return render(request, "phone_orders/desk/search.html", {
        "form": form, "clients": clients, "query": query, "create_form": create_form,
        "consent_wording": SMS_CONSENT_WORDING,
        "shows_emails": access.desk_sees_client_emails(request.user)})


@require_POST
def desk_client_create_view(request):
    form = ClientCreateForm(request.POST)
    if form.is_valid() and User._default_manager.filter(phone=form.cleaned_data["phone"]).exists():
        form.add_error("phone", _("A client already has this phone number."))
    if not form.is_valid():
        return render(request, "phone_orders/desk/search.html", {
            "form": ClientSearchForm(), "clients": [], "create_form": form,
            "consent_wording": SMS_CONSENT_WORDING}, status=400)
    client = client_create_by_phone(by=request.user, **form.cleaned_data)
    messages.success(request, _("Client created."))
    return redirect("phone_orders:desk-client", pk=client.pk)


def desk_client(pk):
    return get_object_or_404(selectors.desk_clients(), pk=pk)


def desk_client_view(request, pk):
    client = desk_client(pk)
    draft = Draft(request.session, client.pk)
    initial = _options_initial(request, client, draft)
    return _client_page(request, client, draft, OrderOptionsForm(initial=initial, client=client))


def _client_page(request, client, draft, options_form, status=200):
    query = request.GET.get("product", "")
    return render(request, "phone_orders/desk/client.html", {
        "client": client,
        "contact": contact_for(str(client.phone)) if client.phone else None,
        "orders": selectors.recent_orders(client, viewer=request.user),
        "product_query": query,
        "products": selectors.products_search(query, viewer=request.user),
        "preview": selectors.order_preview(client=client, lines=draft.lines(),
                                           fulfilment=draft.data["fulfilment"]),
        "options_form": options_form,
        "add_form": AddLineForm(),
    }, status=status)


def _options_initial(request, client, draft):
    initial = {"fulfilment": draft.data["fulfilment"], "payment_method": draft.data["payment_method"],
               **draft.data.get("address", {})}
    address = selectors.last_address_seen_by(client, viewer=request.user)
    if not draft.data.get("address") and address is not None:
        initial.update(line1=address.line1, line4=address.line4, postcode=address.postcode)
    return initial


@require_POST
def desk_line_set_view(request, pk):
    """Add, change or remove a product of the draft; only a product the user may sell."""
    client = desk_client(pk)
    form = AddLineForm(request.POST)
    if form.is_valid():
        draft = Draft(request.session, client.pk)
        product_id, quantity = form.cleaned_data["product"], form.cleaned_data["quantity"]
        action = request.POST.get("action")
        if action != "remove" and selectors.product_sellable_by(product_id, viewer=request.user) is None:
            messages.error(request, PRODUCT_REFUSED)
            return _client_page(request, client, draft, OrderOptionsForm(
                initial=_options_initial(request, client, draft), client=client), status=403)
        if action == "add":
            quantity += draft.data["lines"].get(str(product_id), 0)
        draft.set_quantity(product_id, quantity if action != "remove" else 0)
    return redirect("phone_orders:desk-client", pk=client.pk)


@require_POST
def desk_order_confirm_view(request, pk):
    client = desk_client(pk)
    draft = Draft(request.session, client.pk)
    form = OrderOptionsForm(request.POST, client=client)
    fulfilment = request.POST.get("fulfilment") or draft.data["fulfilment"]
    if fulfilment in ("pickup", "delivery"):
        draft.data["fulfilment"] = fulfilment
    if request.POST.get("payment_method") in dict(desk_payment_methods(client)):
        draft.data["payment_method"] = request.POST["payment_method"]
    draft.data["address"] = {k: request.POST.get(k, "") for k in ("line1", "line4", "postcode")}
    draft.save()
    if request.POST.get("action") == "preview":
        return redirect("phone_orders:desk-client", pk=client.pk)
    if not form.is_valid():
        return _client_page(request, client, draft, form, status=400)
    return _place(request, client, draft, form.cleaned_data)


def _place(request, client, draft, options):
    try:
        order = desk_order_place(
            client=client, staff=request.user, lines=draft.lines(),
            fulfilment=options["fulfilment"], payment_method=options["payment_method"],
            address={k: options[k] for k in ("line1", "line4", "postcode")})
    except UnableToPlaceOrder as error:
        messages.error(request, str(error))
        return redirect("phone_orders:desk-client", pk=client.pk)
    draft.clear()
    if order.payment_method == PaymentMethod.PAYMENT_LINK:
        _send_payment_link(request, order)
    return redirect("phone_orders:desk-order", number=order.number)


def _send_payment_link(request, order):
    """The order stands either way; a link that could not be sent can be sent again."""
    from integrations.stripe.exceptions import StripeError
    from shop.payments.services import PaymentRefused, payment_link_send

    try:
        link = payment_link_send(order=order, sent_by=request.user)
    except (PaymentRefused, StripeError) as error:
        messages.warning(request, _("The order is placed, but the payment link could not be sent: "
                                    "%(error)s. Send it again from the order page.") % {"error": error})
    else:
        messages.success(request, _("Payment link sent to %(to)s.") % {"to": link.sent_to})


def desk_order_summary_view(request, number):
    read_back = selectors.desk_read_back(number, viewer=request.user)
    if read_back is None:
        raise Http404
    order, lines, seller_totals = read_back
    sms = OutboundMessage._default_manager.filter(key=f"order:{order.number}:order_placed").first()
    return render(request, "phone_orders/desk/summary.html", {
        "order": order, "lines": lines, "seller_totals": seller_totals, "sms": sms})
