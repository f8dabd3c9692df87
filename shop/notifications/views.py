"""The staff outbox page and Twilio's message status callback.

Who may open the outbox pages is declared once, in ``NotificationsConfig``.
"""

from django.contrib import messages as flash
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from integrations.twilio.webhooks import (
    is_signed,
    parse_status_callback,
    twilio_signature_required,
)
from shop.observability.webhooks import webhook_observed
from shop.ratelimit import signed_webhook_limited

from . import selectors, services
from .models import MessageStatus, OutboundMessage


class OutboxListView(ListView):
    template_name = "notifications/outbox.html"
    context_object_name = "outbox_messages"
    paginate_by = 50

    def get_queryset(self):
        return selectors.outbox_for_staff(status=self.request.GET.get("status", ""))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = selectors.outbox_counts()
        context["status_counts"] = [(value, label, counts.get(value, 0))
                                    for value, label in MessageStatus.choices]
        context["current_status"] = self.request.GET.get("status", "")
        return context


@require_POST
def outbox_message_retry_view(request, pk):
    message = get_object_or_404(OutboundMessage, pk=pk, status=MessageStatus.FAILED)
    services.message_retry(message=message)
    flash.success(request, _("The message will be sent again."))
    return redirect("notifications:outbox")


@require_POST
def outbox_send_due_view(request):
    from .tasks import outbox_sweep

    count = outbox_sweep()
    flash.success(request, _("%(count)s due message(s) handled.") % {"count": count})
    return redirect("notifications:outbox")


@csrf_exempt
@webhook_observed("twilio")
@signed_webhook_limited(is_signed)
@require_POST
@twilio_signature_required
def sms_status_callback_view(request):
    callback = parse_status_callback(request.POST)
    services.message_status_update(sid=callback.message_sid, provider_status=callback.status,
                                   error_code=callback.error_code)
    return HttpResponse(status=204)
