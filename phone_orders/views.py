"""Twilio webhooks of the phone channel (thin: parse, call one service, answer TwiML)."""

from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from integrations.twilio.twiml import messaging_reply, twiml_response
from integrations.twilio.webhooks import is_signed, parse_inbound_sms, twilio_signature_required
from shop.observability.webhooks import webhook_observed
from shop.ratelimit import signed_webhook_limited

from .services.sms import sms_inbound_handle


@csrf_exempt
@webhook_observed("twilio")
@signed_webhook_limited(is_signed)
@require_POST
@twilio_signature_required
def sms_inbound_view(request):
    reply = sms_inbound_handle(sms=parse_inbound_sms(request.POST))
    return twiml_response(messaging_reply(reply))
