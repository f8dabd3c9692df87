"""SMS campaigns (coordinators, ``PhoneOrdersConfig``): write one, start it, read its report."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .models import Campaign
from .services.campaigns import SEGMENTS, campaign_report, campaign_start


class CampaignForm(forms.ModelForm):
    segment = forms.ChoiceField(choices=())

    class Meta:
        model = Campaign
        fields = ["seller", "name", "body", "segment", "per_minute"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["segment"].choices = [(s.code, s.label) for s in SEGMENTS.values()]
        self.fields["per_minute"].widget.attrs["max"] = 120


def campaign_list_view(request):
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        campaign = form.save(commit=False)
        campaign.created_by = request.user
        campaign.save()
        messages.success(request, _("Campaign saved; start it when ready."))
        return redirect("phone_orders:campaigns")
    campaigns = [(c, campaign_report(c)) for c in Campaign._default_manager.select_related("seller")[:50]]
    return render(request, "phone_orders/campaigns.html", {"form": form, "campaigns": campaigns},
                  status=400 if form.errors else 200)


@require_POST
def campaign_start_view(request, pk):
    count = campaign_start(campaign=get_object_or_404(Campaign, pk=pk))
    messages.success(request, _("%(count)s message(s) queued.") % {"count": count})
    return redirect("phone_orders:campaigns")
