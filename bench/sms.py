"""Signed inbound SMS requests for the webhook, written to files for the load.

Run with our bench settings. Each request is a distinct message (its own
MessageSid) from a client known only by a phone number, signed as Twilio signs
its webhooks (HMAC-SHA1 of the URL and the sorted parameters, with the auth
token of the bench settings), so the webhook does its full work each time
instead of answering a replayed message. One file per use, one request a line:
``signature<TAB>url-encoded body``.

    python -m bench.sms --path /phone/sms/inbound/ --out-dir bench/var/run
"""

import argparse
import base64
import hashlib
import hmac
import sys
from pathlib import Path
from urllib.parse import urlencode

import django

CLIENT_PHONE = "+15145550199"
FILES = {"check": 20, "paced": 2_000, "wrk": 30_000}


def twilio_signature(*, url, params, token):
    """The X-Twilio-Signature Twilio would send for a form POST of ``params`` to ``url``."""
    payload = url + "".join(key + params[key] for key in sorted(params))
    digest = hmac.new(token.encode(), payload.encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def message(*, sid, settings):
    return {
        "MessageSid": sid,
        "SmsSid": sid,
        "SmsMessageSid": sid,
        "AccountSid": settings.TWILIO_ACCOUNT_SID,
        "From": CLIENT_PHONE,
        "To": settings.TWILIO_FROM_NUMBER,
        "Body": settings.BENCH_SMS_BODY,
        "NumMedia": "0",
        "NumSegments": "1",
        "SmsStatus": "received",
        "ApiVersion": "2010-04-01",
    }


def ensure_client():
    from oscar.core.loading import get_model

    User = get_model("accounts", "User")
    if not User._default_manager.filter(phone=CLIENT_PHONE).exists():
        User._default_manager.create_user(phone=CLIENT_PHONE)


def write_requests(*, path, out_dir):
    from django.conf import settings

    url = settings.PUBLIC_BASE_URL.rstrip("/") + path
    for number, (name, count) in enumerate(FILES.items()):
        with open(Path(out_dir) / f"sms-{name}.txt", "w") as out:
            for index in range(count):
                params = message(sid=f"SM{number:02d}{index:030d}", settings=settings)
                signature = twilio_signature(
                    url=url, params=params, token=settings.TWILIO_AUTH_TOKEN
                )
                out.write(f"{signature}\t{urlencode(params)}\n")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", required=True)
    parser.add_argument("--out-dir", required=True)
    args = parser.parse_args(argv)
    django.setup()
    ensure_client()
    write_requests(path=args.path, out_dir=args.out_dir)
    print(f"sms: signed requests for {args.path} in {args.out_dir}", file=sys.stderr)


if __name__ == "__main__":
    main()
