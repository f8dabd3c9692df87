"""The Stripe webhook, the client's payment page and staff's payment actions.

Views parse, call one service and respond. Staff pages are mounted under
/payments/dashboard/ (who may open them: ``PaymentsConfig``) and follow the
dashboard's seller isolation: an order's payment is acted on by coordinators,
or by staff of a seller having all its lines
(``shop.dashboard.selectors.can_act_on_order``).
"""

import logging
from datetime import datetime, time, timedelta

from csp.decorators import csp_update
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView, TemplateView
from oscar.core.loading import get_model

from integrations.stripe import client as stripe_client
from integrations.stripe.exceptions import (
    StripeError,
    StripeNotConfigured,
    WebhookSignatureInvalid,
)
from shop.csp import STRIPE_JS
from shop.csv_export import csv_response, csv_writer
from shop.dashboard import selectors as dashboard_selectors
from shop.observability.webhooks import webhook_duplicate, webhook_observed
from shop.order.models import PaymentMethod
from shop.order.statuses import OrderStatus
from shop.ratelimit import signed_webhook_limited

from . import selectors, services
from .forms import ManualPaymentForm, RefundForm, SettlementForm
from .webhooks import stripe_event_receive

logger = logging.getLogger(__name__)
Order = get_model("order", "Order")

STRIPE_UNAVAILABLE = _(
    "Card payment is unavailable right now: no payment was taken. Please try again later."
)


# --- Stripe ------------------------------------------------------------------------


def stripe_event_verified(request):
    """``(event, None)`` for a request Stripe signed, else ``(None, error)``; checked once."""
    if not hasattr(request, "_stripe_verified"):
        try:
            event = stripe_client.webhook_gateway().webhook_event_construct(
                payload=request.body, signature_header=request.headers.get("Stripe-Signature")
            )
        except (WebhookSignatureInvalid, StripeNotConfigured) as error:
            request._stripe_verified = (None, error)
        else:
            request._stripe_verified = (event, None)
    return request._stripe_verified


def is_signed_by_stripe(request) -> bool:
    return stripe_event_verified(request)[0] is not None


@method_decorator(csrf_exempt, name="dispatch")
@method_decorator(webhook_observed("stripe"), name="dispatch")  # counted in /metrics
@method_decorator(signed_webhook_limited(is_signed_by_stripe), name="dispatch")
class StripeWebhookView(View):
    """Stripe's events: the signature is checked on the raw body before anything."""

    http_method_names = ["post"]

    def post(self, request):
        event, error = stripe_event_verified(request)
        if error is not None:
            logger.warning("Stripe webhook refused: %s", error)
            return HttpResponseBadRequest(
                "not a Stripe event" if str(error).startswith("Not a Stripe event")
                else "invalid signature", content_type="text/plain")
        if not stripe_event_receive(event=event):
            webhook_duplicate()
        return HttpResponse("ok")


# --- The client's payment page -------------------------------------------------------


@method_decorator(csp_update(STRIPE_JS), name="dispatch")  # Stripe.js's sources
class OrderPayView(TemplateView):
    """An order's payment state, and the card form while a card order is unpaid.

    Stripe brings the client back here after paying; the page only shows the
    state, which the signed webhook alone changes.
    """

    template_name = "payments/order_pay.html"

    def get_order(self):
        order = Order._default_manager.filter(number=self.kwargs["number"]).first()
        if order is None or not order.check_verification_hash(self.kwargs["hash"]):
            raise Http404
        return order

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        order = self.get_order()
        payment = selectors.order_payment(order)
        ctx.update(order=order, payment=payment,
                   returning=self.request.GET.get("redirect_status") == "succeeded",
                   payment_link=services.payment_link_current(order=order))
        if payment.state == selectors.PaymentState.UNPAID and order.status != OrderStatus.CANCELLED:
            ctx.update(self.card_form_context(order))
        return ctx

    def card_form_context(self, order):
        if order.payment_method != PaymentMethod.CARD or not stripe_client.is_enabled():
            return {}
        try:
            intent = services.card_payment_intent(order=order)
        except StripeError:
            return {"card_error": STRIPE_UNAVAILABLE}
        if intent is None or intent.status in ("succeeded", "processing", "canceled"):
            return {"intent_status": getattr(intent, "status", None)}
        return {
            "card_form": True,
            "client_secret": intent.client_secret,
            "publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
            "return_url": self.request.build_absolute_uri(self.request.path),
        }


# --- Staff -----------------------------------------------------------------------------


class OrderPaymentActionMixin:
    """An order the user may act on as a whole, else 404 or 403."""

    def get_order(self):
        from oscar.apps.dashboard.orders.views import get_order_for_user_or_404

        order = get_order_for_user_or_404(self.request.user, self.kwargs["number"])
        if not dashboard_selectors.can_act_on_order(self.request.user, order):
            raise PermissionDenied(_("This order also holds another seller's items: "
                                     "only a coordinator can record its payments."))
        return order

    def order_url(self, order):
        return reverse("dashboard:order-detail", kwargs={"number": order.number})

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        order = self.get_order()
        ctx.update(order=order, payment=selectors.order_payment(order))
        return ctx


class OrderPaymentRecordView(OrderPaymentActionMixin, FormView):
    """Staff record a pay-later payment received (cash, cheque, debit)."""

    form_class = ManualPaymentForm
    template_name = "payments/dashboard/payment_record.html"

    def get_initial(self):
        return {"amount": services.amount_outstanding(self.get_order())}

    def form_valid(self, form):
        order = self.get_order()
        try:
            services.manual_payment_record(
                order=order, amount=form.cleaned_data["amount"],
                method=form.cleaned_data["method"], user=self.request.user,
                note=form.cleaned_data["note"],
            )
        except services.PaymentRefused as error:
            form.add_error("amount", str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("Payment of %(amount)s recorded.")
                         % {"amount": form.cleaned_data["amount"]})
        return redirect(self.order_url(order))


class OrderRefundCreateView(OrderPaymentActionMixin, FormView):
    """Staff refund all or part of a card payment through Stripe."""

    form_class = RefundForm
    template_name = "payments/dashboard/refund_create.html"

    def get_initial(self):
        order = self.get_order()
        source = services.refundable_source(order)
        available = source.amount_debited - services.refund_in_flight_or_done(source) if source else 0
        return {"amount": available}

    def form_valid(self, form):
        order = self.get_order()
        try:
            refund = services.refund_create(
                order=order, amount=form.cleaned_data["amount"], user=self.request.user,
                reason=form.cleaned_data["reason"],
            )
        except services.PaymentRefused as error:
            form.add_error("amount", str(error))
            return self.form_invalid(form)
        except StripeError as error:
            logger.warning("Refund of order %s failed: %s", order.number, error)
            form.add_error(None, _("Stripe did not make the refund: %(error)s") % {"error": error})
            return self.form_invalid(form)
        messages.success(self.request, _("Refund of %(amount)s: %(status)s.")
                         % {"amount": refund.amount, "status": refund.get_status_display()})
        return redirect(self.order_url(order))


class OrderPaymentLinkSendView(OrderPaymentActionMixin, View):
    """Staff send (or send again) a link to pay the order."""

    http_method_names = ["post"]

    def post(self, request, number):
        order = self.get_order()
        try:
            link = services.payment_link_send(order=order, sent_by=request.user)
        except services.PaymentRefused as error:
            link = services.payment_link_current(order=order)
            messages.error(request, str(error))
            if link:
                messages.info(request, _("The link to give the client: %(url)s") % {"url": link.url})
        except StripeError:
            messages.error(request, STRIPE_UNAVAILABLE)
        else:
            messages.success(request, _("Payment link sent to %(to)s.") % {"to": link.sent_to})
        return redirect(self.order_url(order))


class SettlementReportView(TemplateView):
    """What each seller is owed for a period; ``?format=csv`` to download it."""

    template_name = "payments/dashboard/settlement.html"

    def get(self, request, *args, **kwargs):
        self.form = SettlementForm(request.GET or SettlementForm.this_month())
        self.rows = self.get_rows() if self.form.is_valid() else []
        if request.GET.get("format") == "csv" and self.form.is_valid():
            return self.csv_response()
        return super().get(request, *args, **kwargs)

    def get_rows(self):
        start, end = self.period()
        return selectors.settlement_rows(user=self.request.user, start=start, end=end)

    def period(self):
        zone = timezone.get_current_timezone()
        start = datetime.combine(self.form.cleaned_data["start"], time.min, tzinfo=zone)
        end = datetime.combine(self.form.cleaned_data["end"] + timedelta(days=1), time.min,
                               tzinfo=zone)
        return start, end

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(form=self.form, rows=self.rows)
        return ctx

    def csv_response(self):
        data = self.form.cleaned_data
        response = csv_response("settlement-{}-{}.csv".format(data["start"], data["end"]))
        writer = csv_writer(response)
        writer.writerow([_("Seller"), _("Orders"), _("Sales excl. tax"), _("GST"), _("QST"),
                         _("Sales incl. tax"), _("Refunds"), _("Fee rate"), _("Fee"), _("Owed")])
        for row in self.rows:
            writer.writerow([row.seller.name, row.order_count, row.sales_excl_tax, row.gst,
                             row.qst, row.sales_incl_tax, row.refunds, row.fee_rate, row.fee,
                             row.owed])
        return response
