"""Memberships: the public page of the tiers, and selling one at the tool library's desk.

The plans page is the public's: each tool library's tiers with their price,
what they give, how long they last, the solidarity price and the phone
number; "Become a member" puts the tier's product in the basket, and the order
pipeline does the rest. The desk page is for the staff of a tool library and
coordinators (``access.may_sell_memberships``): find the client as the phone
desk does (``phone_orders.selectors.clients_search``), choose the tier, paid
at the counter or later.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from oscar.core.loading import get_class
from oscar.templatetags.currency_filters import currency

from phone_orders.selectors import clients_search
from shop import access
from shop.payments.services import ManualMethod
from shop.rentals.services.membership_products import membership_plans
from shop.rentals.services.membership_sales import membership_sell_at_desk, tiers_sold_by
from shop.rentals.services.memberships import MEMBERSHIP_DAYS

UnableToPlaceOrder = get_class("order.exceptions", "UnableToPlaceOrder")
PAY_LATER = "later"


class MembershipPlansView(TemplateView):
    """``/rentals/memberships/``: the tiers of every tool library, to join online or by phone."""

    template_name = "rentals/membership_plans.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(libraries=membership_plans(), days=MEMBERSHIP_DAYS)
        return context


class MembershipSaleForm(forms.Form):
    client = forms.TypedChoiceField(label=gettext_lazy("Client"), coerce=int,
                                    widget=forms.RadioSelect)
    tier = forms.TypedChoiceField(label=gettext_lazy("Membership"), coerce=int)
    solidarity = forms.BooleanField(label=gettext_lazy("Solidarity price"), required=False)
    paid_with = forms.ChoiceField(
        label=gettext_lazy("Payment"), widget=forms.RadioSelect, initial=PAY_LATER,
        choices=[(PAY_LATER, gettext_lazy("Pays later (at the next visit)"))]
        + [(code, gettext_lazy("Paid now at the counter: %(method)s") % {"method": label})
           for code, label in ManualMethod.CHOICES],
    )

    def __init__(self, *args, clients, tiers, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["client"].choices = [(c.pk, client_label(c)) for c in clients]
        self.fields["tier"].choices = [
            (t.pk, _("%(tier)s, %(seller)s — %(price)s (solidarity price %(solidarity)s)") % {
                "tier": t.name, "seller": t.seller.name, "price": currency(t.price),
                "solidarity": currency(t.solidarity_price)}) for t in tiers]


def client_label(client) -> str:
    phone = client.phone.as_national if getattr(client, "phone", None) else ""
    return " — ".join(part for part in (client.get_full_name(), phone) if part)


class MembershipSellView(TemplateView):
    """``/rentals/desk/memberships/``: sell a membership to a client at the desk."""

    template_name = "rentals/membership_sell.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.get("q", "")
        context.update(query=query, tiers=tiers_sold_by(self.request.user))
        if "form" not in kwargs:
            clients = list(clients_search(query, viewer=self.request.user))
            context["form"] = self.make_form(clients=clients) if clients else None
            context["searched"] = bool(query)
        return context

    def make_form(self, data=None, *, clients):
        return MembershipSaleForm(data, clients=clients, tiers=tiers_sold_by(self.request.user))

    def post(self, request):
        clients = access.client_accounts().filter(pk=request.POST.get("client") or 0)
        form = self.make_form(request.POST, clients=clients)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        data = form.cleaned_data
        paid_with = None if data["paid_with"] == PAY_LATER else data["paid_with"]
        try:
            order = membership_sell_at_desk(
                client=clients.get(), tier=tiers_sold_by(request.user).get(pk=data["tier"]),
                staff=request.user, solidarity=data["solidarity"], paid_with=paid_with)
        except (PermissionDenied, UnableToPlaceOrder) as error:
            messages.error(request, str(error))
            return redirect("rentals:membership-sell")
        messages.success(request, _("Membership sold: order %(number)s, %(total)s.") % {
            "number": order.number, "total": currency(order.total_incl_tax)})
        return redirect("rentals:membership-sell")
