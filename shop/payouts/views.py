"""The staff page of payouts: transfers to the sellers the user may see."""

from django.views.generic import ListView

from shop import access

from . import selectors
from .models import Transfer


class TransferListView(ListView):
    """Transfers, newest first; ``?status=`` and ``?seller=`` narrow the list."""

    template_name = "payouts/transfers.html"
    context_object_name = "transfers"
    paginate_by = 50

    def get_queryset(self):
        transfers = selectors.transfers_visible_to(user=self.request.user)
        status = self.request.GET.get("status")
        if status in Transfer.Status.values:
            transfers = transfers.filter(status=status)
        seller = self.request.GET.get("seller", "")
        if seller.isdigit():
            transfers = transfers.filter(partner_id=int(seller))
        return transfers

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(statuses=Transfer.Status.choices,
                   sellers=access.sellers_visible_to(self.request.user).order_by("name"),
                   status=self.request.GET.get("status", ""),
                   seller=self.request.GET.get("seller", ""))
        return ctx
