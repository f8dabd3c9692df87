"""Staff pages of the prepaid balance (``/soldes/``): find a person, see their balance
and movements, record cash or a cheque received, refund a balance-paid order.

Who may open each page is the app's ``permissions_map``; a person is looked up
among ``access.people_visible_to`` (404 otherwise), an order among those the
user may act on as a whole.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView
from oscar.templatetags.currency_filters import currency

from shop import access
from shop.people.selectors.account import people_search

from . import selectors, services
from .forms import CreditForm, RefundForm


class BalancePeopleView(TemplateView):
    template_name = "balance/staff/people.html"

    def get_context_data(self, **kwargs):
        query = self.request.GET.get("q", "").strip()
        people = people_search(viewer=self.request.user, query=query) if query else []
        return super().get_context_data(query=query, people=people, **kwargs)


class StaffPersonMixin:
    """The person of the URL, among those the staff member may see (404 otherwise)."""

    def dispatch(self, request, *args, **kwargs):
        self.person = get_object_or_404(access.people_visible_to(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


class BalancePersonView(StaffPersonMixin, FormView):
    """The person's balance, their movements, and the form to record money received."""

    template_name = "balance/staff/person.html"
    form_class = CreditForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            person=self.person, balance=selectors.balance_of(person=self.person),
            movements=selectors.recent_movements(person=self.person), **kwargs)

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.balance_credit(person=self.person, amount=data["amount"],
                                    method=data["method"], by=self.request.user,
                                    note=data["note"])
        except ValidationError as error:
            form.add_error("amount", error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(amount)s added to the balance of %(person)s.") % {
            "amount": currency(data["amount"], "CAD"), "person": self.person})
        return redirect("balance:person", pk=self.person.pk)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class BalanceOrderRefundView(FormView):
    """Put all or part of a balance-paid order back on its client's balance."""

    template_name = "balance/staff/order_refund.html"
    form_class = RefundForm

    def dispatch(self, request, *args, **kwargs):
        self.order = self.get_order()
        return super().dispatch(request, *args, **kwargs)

    def get_order(self):
        from oscar.apps.dashboard.orders.views import get_order_for_user_or_404

        from shop.dashboard import selectors as dashboard_selectors

        order = get_order_for_user_or_404(self.request.user, self.kwargs["number"])
        if not dashboard_selectors.can_act_on_order(self.request.user, order):
            raise PermissionDenied(_("This order also holds another seller's items: "
                                     "only a coordinator can refund it."))
        if services.balance_source(order) is None:
            raise PermissionDenied(_("This order was not paid from a prepaid balance."))
        return order

    def get_initial(self):
        return {"amount": services.refundable_amount(self.order)}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            order=self.order, refundable=services.refundable_amount(self.order), **kwargs)

    def form_valid(self, form):
        amount = form.cleaned_data["amount"]
        try:
            services.balance_order_refund(order=self.order, amount=amount, by=self.request.user)
        except ValidationError as error:
            form.add_error("amount", error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(amount)s put back on the client's balance.")
                         % {"amount": currency(amount, self.order.currency)})
        return redirect("dashboard:order-detail", number=self.order.number)

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)
