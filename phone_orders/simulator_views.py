"""The SMS and voice simulator page (coordinators): the whole channel, no Twilio account."""

import secrets

from django.shortcuts import render

from shop.notifications.phones import to_e164

from .services import simulator

SESSION_KEY = "phone_simulator"
# Shaped as Twilio's recording addresses are: the only ones the inbox keeps.
DEMO_RECORDING = ("https://api.twilio.com/2010-04-01/Accounts/AC" + "0" * 32
                  + "/Recordings/RE" + "0" * 32)


def simulator_view(request):
    state = request.session.get(SESSION_KEY, {"sms": [], "call_sid": ""})
    context = {"from_number": request.POST.get("from_number", "+15145550142"), "step": None}
    phone = to_e164(context["from_number"]) or context["from_number"]
    action = request.POST.get("action")
    if action == "sms" and request.POST.get("body"):
        step = simulator.sms_send(from_number=phone, body=request.POST["body"])
        state["sms"] = (state["sms"] + [{"from": phone, "body": request.POST["body"],
                                         "replies": step.messages, "status": step.status}])[-20:]
    elif action in ("call", "digits", "record", "follow", "no_answer"):
        context["step"] = _call(request, state, phone, action)
    request.session[SESSION_KEY] = state
    context["conversation"] = state["sms"]
    return render(request, "phone_orders/simulator.html", context)


def _call(request, state, phone, action):
    if action == "call":
        state["call_sid"] = "CA" + secrets.token_hex(16)
        return simulator.call_step(url="", from_number=phone, call_sid=state["call_sid"])
    params = {
        "digits": {"Digits": request.POST.get("digits", "")},
        "record": {"RecordingUrl": DEMO_RECORDING, "RecordingDuration": "12"},
        "no_answer": {"DialCallStatus": "no-answer"},
        "follow": {},
    }[action]
    return simulator.call_step(url=request.POST.get("url", ""), from_number=phone,
                               call_sid=state.get("call_sid", ""), **params)
