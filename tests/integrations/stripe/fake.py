"""A fake Stripe API for tests: an SDK transport that never leaves the process.

``FakeStripe`` is a ``stripe.HTTPClient`` given to ``StripeClient(http_client=…)``.
It answers with Stripe's own example objects (integrations/stripe/contracts/
stripe-fixtures3.json), changing only the fields a request is about (id,
amount, status, metadata…), and checks every request's method, path, required
parameters and idempotency key. What it could not accept is kept in
``problems`` as well as answered with a 400, so a caller that swallows the
error still fails the test (the ``stripe_on`` fixture checks ``problems``).

It also plays Stripe's part in a test: ``succeed`` a PaymentIntent as if the
client paid, build ``event`` payloads and ``sign`` them as Stripe does.
"""

from __future__ import annotations

import copy
import itertools
import json
import re
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pytest
import stripe

import integrations.stripe

FIXTURES = Path(integrations.stripe.__file__).resolve().parent / "contracts" / "stripe-fixtures3.json"
WEBHOOK_SECRET = "whsec_test_comptoir"


@cache
def _all_fixtures() -> dict:
    return json.loads(FIXTURES.read_text())["resources"]


def fixture(resource: str, **changes) -> dict:
    """Stripe's example ``resource`` object with ``changes`` applied."""
    obj = copy.deepcopy(_all_fixtures()[resource])
    obj.update(changes)
    return obj


def fixture_fields(resource: str) -> set:
    return set(_all_fixtures()[resource])


def form_params(encoded: str) -> dict:
    """``a[b][0][c]=1`` form encoding, as the SDK sends it, into nested dicts/lists."""
    root: dict = {}
    for key, value in parse_qsl(encoded, keep_blank_values=True):
        parts = re.findall(r"[^\[\]]+", key)
        node = root
        for part, _following in zip(parts, parts[1:], strict=False):
            node = node.setdefault(part, {})
        node[parts[-1]] = value
    return _lists(root)


def _lists(node):
    if not isinstance(node, dict):
        return node
    if node and all(key.isdigit() for key in node):
        return [_lists(node[key]) for key in sorted(node, key=int)]
    return {key: _lists(value) for key, value in node.items()}


def _get(params: dict, dotted: str):
    node = params
    for part in dotted.split("."):
        if isinstance(node, list):
            node = node[int(part)] if part.isdigit() and int(part) < len(node) else None
        elif isinstance(node, dict):
            node = node.get(part)
        else:
            return None
    return node


@dataclass(frozen=True)
class Route:
    method: str
    pattern: str
    handler: str
    required: tuple = ()
    key_pattern: str | None = None  # the idempotency key a create must carry


ROUTES = (
    Route("post", r"/v1/payment_intents", "pi_create",
          ("amount", "currency", "metadata.order_number", "automatic_payment_methods.enabled"),
          r"pi-[\w-]+-\d+"),
    Route("post", r"/v1/payment_intents/(?P<id>pi_\w+)/cancel", "pi_cancel", (),
          r"pi-cancel-pi_\w+"),
    Route("post", r"/v1/payment_intents/(?P<id>pi_\w+)", "pi_update",
          ("amount", "currency", "metadata.order_number"), r"pi-[\w-]+-\d+-update"),
    Route("get", r"/v1/payment_intents/(?P<id>pi_\w+)", "pi_retrieve"),
    Route("post", r"/v1/checkout/sessions", "cs_create",
          ("mode", "success_url", "cancel_url", "expires_at", "client_reference_id",
           "metadata.order_number", "payment_intent_data.metadata.order_number",
           "line_items.0.quantity", "line_items.0.price_data.currency",
           "line_items.0.price_data.unit_amount", "line_items.0.price_data.product_data.name"),
          r"cs-[\w-]+-\d+-\d+"),
    Route("post", r"/v1/checkout/sessions/(?P<id>cs_\w+)/expire", "cs_expire", (),
          r"cs-expire-cs_\w+"),
    Route("post", r"/v1/refunds", "refund_create", ("payment_intent", "amount"), r"[\w-]+"),
    Route("get", r"/v1/events", "events_list", ("created.gte", "types.0")),
    # Connect: transfers to sellers' accounts, their reversals, the accounts themselves.
    Route("post", r"/v1/transfers", "transfer_create", ("amount", "currency", "destination"),
          r"transfer-[\w-]+"),
    Route("post", r"/v1/transfers/(?P<id>tr_\w+)/reversals", "transfer_reversal_create",
          ("amount",), r"transfer-reversal-[\w-]+"),
    Route("get", r"/v1/accounts/(?P<id>acct_\w+)", "account_retrieve"),
)


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    params: dict
    headers: dict


class FakeStripe(stripe.HTTPClient):
    name = "fake"

    def __init__(self):
        super().__init__()
        self.requests: list[Request] = []
        self.responses: list[tuple[str, dict]] = []  # (fixture resource, body)
        self.problems: list[str] = []
        self.objects: dict[str, dict] = {}
        self.undelivered_events: list[dict] = []
        self._answered: dict[str, tuple] = {}
        self._failures: list[str] = []
        self._ids = itertools.count(1)

    # The transport the SDK calls

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        parts = urlsplit(url)
        params = form_params(post_data if method == "post" else parts.query)
        request = Request(method, parts.path, params, dict(headers or {}))
        self.requests.append(request)
        route, match = self._route(request)
        if route is None:
            return self._refuse(f"No Stripe endpoint {method.upper()} {parts.path}")
        problem = self._check(route, request)
        if problem:
            return self._refuse(problem)
        if self._failures:
            return self._fail(self._failures.pop(0))
        key = request.headers.get("Idempotency-Key")
        if method == "post" and key in self._answered:
            return self._answered[key]
        answer = getattr(self, route.handler)(params, **match.groupdict())
        if method == "post":
            self._answered[key] = answer
        return answer

    def request_stream(self, method, url, headers, post_data=None, *, _usage=None):
        raise NotImplementedError("The fake does not stream.")

    def close(self):
        pass

    def _route(self, request):
        for route in ROUTES:
            match = re.fullmatch(route.pattern, request.path)
            if route.method == request.method and match:
                return route, match
        return None, None

    def _check(self, route, request):
        missing = [name for name in route.required if _get(request.params, name) in (None, "")]
        if missing:
            return "{} {} lacks {}".format(request.method.upper(), request.path, ", ".join(missing))
        key = request.headers.get("Idempotency-Key", "")
        if route.key_pattern and not re.fullmatch(route.key_pattern, key):
            return f"{request.method.upper()} {request.path} has idempotency key {key!r}"
        if "amount" in route.required and not request.params["amount"].isdigit():
            return "amount must be a whole number of cents: {!r}".format(request.params["amount"])
        return None

    def _refuse(self, problem):
        self.problems.append(problem)
        return self._error(400, "invalid_request_error", problem)

    # What a test asks of it

    def fail_next(self, kind: str = "connection"):
        """The next request fails: "connection", "server" or "card_declined"."""
        self._failures.append(kind)

    def _fail(self, kind):
        if kind == "connection":
            raise stripe.APIConnectionError("Could not reach Stripe (fake).", should_retry=False)
        if kind == "server":
            return self._error(500, "api_error", "Something went wrong on Stripe's end.")
        return self._error(402, "card_error", "Your card was declined.", code="card_declined")

    @staticmethod
    def _error(status, error_type, message, code=None):
        body = {"error": {"type": error_type, "message": message, "code": code}}
        return json.dumps(body), status, {"Request-Id": "req_fake", "stripe-should-retry": "false"}

    def _answer(self, resource, body):
        self.responses.append((resource, copy.deepcopy(body)))
        return json.dumps(body), 200, {"Request-Id": f"req_fake_{next(self._ids)}"}

    def new_id(self, prefix):
        return f"{prefix}_fake{next(self._ids):08d}"

    def requests_to(self, method, path_pattern):
        return [r for r in self.requests
                if r.method == method and re.fullmatch(path_pattern, r.path)]

    # PaymentIntents

    def pi_create(self, params):
        intent = fixture(
            "payment_intent", id=self.new_id("pi"), amount=int(params["amount"]),
            currency=params["currency"], metadata=params.get("metadata", {}),
            description=params.get("description") or None, status="requires_payment_method",
            amount_received=0, latest_charge=None, canceled_at=None, last_payment_error=None,
            next_action=None, processing=None,
        )
        intent["client_secret"] = "{}_secret_fake".format(intent["id"])
        self.objects[intent["id"]] = intent
        return self._answer("payment_intent", intent)

    def pi_update(self, params, id):
        intent = self.objects.get(id)
        if intent is None:
            return self._missing(id)
        intent.update(amount=int(params["amount"]), currency=params["currency"],
                      metadata={**intent["metadata"], **params.get("metadata", {})})
        return self._answer("payment_intent", intent)

    def pi_retrieve(self, params, id):
        intent = self.objects.get(id)
        return self._answer("payment_intent", intent) if intent else self._missing(id)

    def pi_cancel(self, params, id):
        intent = self.objects.get(id)
        if intent is None:
            return self._missing(id)
        intent.update(status="canceled", canceled_at=int(time.time()),
                      cancellation_reason=params.get("cancellation_reason"))
        return self._answer("payment_intent", intent)

    def _missing(self, object_id):
        return self._error(404, "invalid_request_error", f"No such object: {object_id}",
                           code="resource_missing")

    # Checkout Sessions

    def cs_create(self, params):
        session_id = self.new_id("cs_test")
        item = params["line_items"][0]
        session = fixture(
            "checkout.session", id=session_id, mode="payment", status="open",
            payment_status="unpaid", amount_total=int(item["price_data"]["unit_amount"]),
            amount_subtotal=int(item["price_data"]["unit_amount"]),
            currency=item["price_data"]["currency"], metadata=params["metadata"],
            client_reference_id=params["client_reference_id"],
            expires_at=int(params["expires_at"]), success_url=params["success_url"],
            cancel_url=params["cancel_url"], customer_email=params.get("customer_email"),
            locale=params.get("locale"), payment_intent=None,
            url=f"https://checkout.stripe.com/c/pay/{session_id}",
        )
        self.objects[session_id] = session
        return self._answer("checkout.session", session)

    def cs_expire(self, params, id):
        session = self.objects.get(id)
        if session is None:
            return self._missing(id)
        session.update(status="expired", url=None)
        return self._answer("checkout.session", session)

    # Refunds

    def refund_create(self, params):
        intent = self.objects.get(params["payment_intent"], {})
        refund = fixture(
            "refund", id=self.new_id("re"), amount=int(params["amount"]),
            currency=intent.get("currency", "cad"), payment_intent=params["payment_intent"],
            charge=intent.get("latest_charge"), metadata=params.get("metadata", {}),
            reason=params.get("reason"), status="succeeded",
        )
        self.objects[refund["id"]] = refund
        return self._answer("refund", refund)

    # Connect

    def transfer_create(self, params):
        transfer_id = self.new_id("tr")
        transfer = fixture(
            "transfer", id=transfer_id, amount=int(params["amount"]),
            currency=params["currency"], destination=params["destination"],
            transfer_group=params.get("transfer_group"),
            source_transaction=params.get("source_transaction"),
            metadata=params.get("metadata", {}), amount_reversed=0, reversed=False,
            reversals={"object": "list", "data": [], "has_more": False,
                       "url": f"/v1/transfers/{transfer_id}/reversals"},
        )
        self.objects[transfer_id] = transfer
        return self._answer("transfer", transfer)

    def transfer_reversal_create(self, params, id):
        transfer = self.objects.get(id)
        if transfer is None:
            return self._missing(id)
        amount = int(params["amount"])
        if amount > transfer["amount"] - transfer["amount_reversed"]:
            return self._refuse(f"Reversal of {amount} exceeds what is left of {id}")
        reversal = fixture(
            "transfer_reversal", id=self.new_id("trr"), amount=amount,
            currency=transfer["currency"], transfer=id, metadata=params.get("metadata", {}),
        )
        transfer["amount_reversed"] += amount
        transfer["reversed"] = transfer["amount_reversed"] >= transfer["amount"]
        transfer["reversals"]["data"].append(reversal)
        self.objects[reversal["id"]] = reversal
        return self._answer("transfer_reversal", reversal)

    def account_retrieve(self, params, id):
        account = self.objects.get(id)
        return self._answer("account", account) if account else self._missing(id)

    def connected_account(self, account_id: str, *, payouts_enabled: bool = True,
                          charges_enabled: bool = True) -> dict:
        """A seller's connected account as Stripe holds it, for ``GET /v1/accounts/{id}``."""
        account = fixture(
            "account", id=account_id, payouts_enabled=payouts_enabled,
            charges_enabled=charges_enabled, details_submitted=True, country="CA",
            default_currency="cad",
        )
        self.objects[account_id] = account
        return account

    # Events

    def events_list(self, params):
        wanted = set(params["types"])
        data = [event for event in self.undelivered_events if event["type"] in wanted]
        return self._answer("list", {"object": "list", "data": data, "has_more": False,
                                     "url": "/v1/events"})

    # Stripe's side of a payment

    def succeed(self, intent_id: str) -> dict:
        """The client paid: the PaymentIntent succeeds with a charge."""
        intent = self.objects[intent_id]
        intent.update(status="succeeded", amount_received=intent["amount"],
                      latest_charge=self.new_id("ch"))
        return copy.deepcopy(intent)

    def charge_for(self, intent: dict, *, amount_refunded: int = 0) -> dict:
        """The charge of a paid PaymentIntent, refunded by ``amount_refunded`` cents."""
        return fixture(
            "charge", id=intent["latest_charge"], amount=intent["amount"],
            amount_captured=intent["amount"], amount_refunded=amount_refunded,
            refunded=amount_refunded >= intent["amount"], captured=True,
            currency=intent["currency"], payment_intent=intent["id"],
            metadata=intent["metadata"], status="succeeded",
        )


_EVENT_IDS = itertools.count(1)


def event(event_type: str, obj: dict, *, event_id: str | None = None,
          created: int | None = None) -> dict:
    """A webhook event as Stripe sends it: the example event around ``obj``.

    Each call is a new event (a new id) unless ``event_id`` is given; deliver
    the same payload again to repeat one.
    """
    return fixture(
        "event", id=event_id or f"evt_fake{next(_EVENT_IDS):08d}", type=event_type,
        created=created or int(time.time()), data={"object": obj},
        api_version="2025-01-27.acacia",
    )


def sign(payload: str, *, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """The Stripe-Signature header Stripe would send with ``payload``."""
    return stripe.WebhookSignature.generate_signature_header(payload, secret, timestamp=timestamp)


def deliver(client, payload: dict | str, *, secret: str = WEBHOOK_SECRET,
            timestamp: int | None = None, signature: str | None = None):
    """POST ``payload`` to the webhook endpoint as Stripe would."""
    body = payload if isinstance(payload, str) else json.dumps(payload)
    header = signature if signature is not None else sign(body, secret=secret, timestamp=timestamp)
    return client.post("/payments/webhooks/stripe/", data=body, content_type="application/json",
                       HTTP_STRIPE_SIGNATURE=header)


@pytest.fixture
def stripe_on(settings, monkeypatch):
    """Card payments switched on, every Stripe call answered by a ``FakeStripe``."""
    from integrations.stripe import client

    settings.STRIPE_ENABLED = True
    settings.STRIPE_SECRET_KEY = "sk_test_comptoir"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_comptoir"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    fake = FakeStripe()
    monkeypatch.setattr(client, "configured_http_client", lambda: fake)
    yield fake
    assert fake.problems == [], fake.problems


@pytest.fixture
def webhook_secret(settings):
    """Webhooks accepted (signed with ``WEBHOOK_SECRET``), with cards off or on."""
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    return WEBHOOK_SECRET
