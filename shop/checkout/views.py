"""Checkout views that change: pick-up or delivery first, then card or pay later.

Views not defined here are Oscar's (``get_class`` falls back to them).

- ``IndexView`` leads to the choice of pick-up or delivery (Oscar asks for an
  address first).
- ``ShippingMethodView`` always shows the choice, with the sellers' counters
  for pick-up and, when delivery is not offered, why.
- ``ShippingAddressView`` is only for delivery, and refuses an address the
  cooperative does not deliver to, saying so.
- ``PaymentMethodView`` shows the choice: card (Stripe Payment Element, when
  cards are on) or pay on delivery / at pick-up; with cards off it says so.
  A signed-in client whose prepaid balance covers the total may pay from it;
  a registered meal client may put it on the monthly invoice.
- ``PaymentDetailsView`` places the order through the pipeline; a card order
  opens its PaymentIntent first (``OrderPlacementMixin.handle_payment``), is
  placed pending payment and goes to its payment page, where the client pays
  and which only shows the state the signed webhook sets. When Stripe cannot
  be reached, no order is placed and the client is sent back to the choice.
"""

from django import http
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from oscar.apps.checkout import views as oscar_views
from oscar.apps.checkout.views import *  # noqa: F401,F403

from integrations.stripe import client as stripe_client
from shop.balance import selectors as balance_selectors
from shop.order.models import PaymentMethod
from shop.payments import checkout as card_checkout
from shop.payments.forms import CheckoutPaymentMethodForm
from shop.payments.services import order_pay_path
from shop.shipping import selectors as shipping_selectors
from shop.shipping.repository import Fulfilment, delivery_unavailable_reason

Repository = oscar_views.Repository
UserAddress = oscar_views.UserAddress


def nearby_url():
    return reverse("nearby:search")


class IndexView(oscar_views.IndexView):
    success_url = reverse_lazy("checkout:shipping-method")


class ShippingMethodView(oscar_views.ShippingMethodView):
    """Pick-up at the sellers' counters or delivery, always asked, before any address."""

    def get(self, request, *args, **kwargs):
        if not request.basket.is_shipping_required():
            return super().get(request, *args, **kwargs)
        self._methods = self.get_available_shipping_methods()
        return self.render_to_response(self.get_context_data())

    def get_available_shipping_methods(self):
        """The methods the basket can have; the address (for delivery) is asked after."""
        return Repository().get_shipping_methods(
            basket=self.request.basket, user=self.request.user, shipping_addr=None,
            request=self.request)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["delivery_unavailable_reason"] = delivery_unavailable_reason()
        ctx["counters"] = shipping_selectors.basket_counters(self.request.basket)
        ctx["nearby_url"] = nearby_url()
        ctx["chosen_method_code"] = self.checkout_session.shipping_method_code(
            self.request.basket)
        return ctx

    def form_valid(self, form):
        code = form.cleaned_data["method_code"]
        self.checkout_session.use_shipping_method(code)
        if code == Fulfilment.DELIVERY:
            return redirect("checkout:shipping-address")
        return self.get_success_response()


class ShippingAddressView(oscar_views.ShippingAddressView):
    """The delivery address: only asked when the client chose delivery."""

    success_url = reverse_lazy("checkout:payment-method")
    skip_conditions = ["skip_unless_delivery_is_chosen"]

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["nearby_url"] = nearby_url()
        return ctx

    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated and "address_id" in request.POST:
            address = UserAddress._default_manager.filter(
                pk=request.POST["address_id"], user=request.user).first()
            if address is None or request.POST.get("action") != "ship_to":
                return http.HttpResponseBadRequest()
            reason = delivery_unavailable_reason(address)
            if reason:
                messages.error(request, reason)
                return redirect("checkout:shipping-address")
            self.checkout_session.ship_to_user_address(address)  # forgets the method: set again
            self.checkout_session.use_shipping_method(Fulfilment.DELIVERY)
            return redirect(self.get_success_url())
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        reason = delivery_unavailable_reason(form.instance)
        if reason:
            form.add_error("postcode", reason)
            return self.form_invalid(form)
        return super().form_valid(form)


class PaymentMethodView(oscar_views.PaymentMethodView):
    template_name = "oscar/checkout/payment_method.html"
    success_url = reverse_lazy("checkout:preview")

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        form = self.get_form(data=request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        self.checkout_session.pay_by(form.cleaned_data["method"])
        return self.get_success_response()

    def get_form(self, data=None):
        chosen = self.checkout_session.payment_method() or PaymentMethod.ON_DELIVERY
        user = self.request.user
        return CheckoutPaymentMethodForm(
            data, initial={"method": chosen}, cards_enabled=stripe_client.is_enabled(),
            balance=balance_selectors.balance_covering(user=user, total=self.order_total()),
            invoice=balance_selectors.is_meal_client(user=user),
        )

    def order_total(self):
        """What the client will pay (taxes and delivery included), as the preview shows it."""
        total = self.build_submission().get("order_total")
        return total.incl_tax if total is not None else None

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["cards_enabled"] = stripe_client.is_enabled()
        ctx["cards_not_enabled_message"] = card_checkout.cards_not_enabled_message()
        return ctx


class PaymentDetailsView(oscar_views.PaymentDetailsView):
    card_intent_id = None

    def get(self, request, *args, **kwargs):
        """Nothing to enter before the preview: the choice is made at the payment step."""
        if not self.preview:
            return redirect("checkout:payment-method")
        return super().get(request, *args, **kwargs)

    def render_payment_details(self, request, **kwargs):
        """A payment that could not start: back to the choice, with the reason."""
        messages.error(request, kwargs.get("error") or card_checkout.cards_unavailable_message())
        return redirect("checkout:payment-method")

    def handle_order_placement(self, *args, **kwargs):
        """An order that could not be placed leaves no PaymentIntent open."""
        try:
            return super().handle_order_placement(*args, **kwargs)
        except Exception:
            if self.card_intent_id:
                card_checkout.services.card_payment_abandon(intent_id=self.card_intent_id)
            raise

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["payment_method_label"] = PaymentMethod(self.get_payment_method()).label
        return ctx

    def handle_successful_order(self, order):
        self.placed_order = order
        return super().handle_successful_order(order)

    def get_success_url(self):
        """A card order goes to its payment page; others to Oscar's thank-you page."""
        order = getattr(self, "placed_order", None)
        if order is not None and order.payment_method == PaymentMethod.CARD:
            return order_pay_path(order)
        return super().get_success_url()
