"""Twilio's published OpenAPI contract (contracts/twilio_api_v2010.json, beside this module).

The fake transport checks each request against the ``CreateMessage`` request
body and builds its answers from the spec's message schema and example, so the
fake cannot drift from the real API without a test noticing.
"""

import json
import re
from email.utils import parsedate_to_datetime
from functools import cache
from pathlib import Path
from urllib.parse import urlparse

SPEC_PATH = Path(__file__).resolve().parent / "contracts" / "twilio_api_v2010.json"
MESSAGES_PATH = "/2010-04-01/Accounts/{AccountSid}/Messages.json"
MESSAGE_SCHEMA = "api.v2010.account.message"
E164 = re.compile(r"^\+[1-9]\d{1,14}$")


class ContractViolation(AssertionError):
    """A request or answer that does not fit Twilio's published contract."""


@cache
def load_spec(path: str) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def spec() -> dict:
    return load_spec(str(SPEC_PATH))


def create_message_operation() -> dict:
    return spec()["paths"][MESSAGES_PATH]["post"]


def check_create_message(*, method, url, data, auth, required=("StatusCallback",)):
    """Check a CreateMessage request; raise ``ContractViolation`` if it does not fit.

    ``required`` adds the parameters this project always sends (the status
    callback) to those the spec requires.
    """
    operation = create_message_operation()
    if method.upper() != "POST":
        raise ContractViolation(f"CreateMessage is a POST, not {method}")
    account_sid = _check_url(url, operation)
    if not auth or auth[0] != account_sid or not auth[1]:
        raise ContractViolation("CreateMessage needs basic auth with the account SID")
    body = operation["requestBody"]["content"]["application/x-www-form-urlencoded"]["schema"]
    _check_form(data or {}, body, operation.get("x-twilio", {}), required)
    return account_sid


def _check_url(url, operation):
    parsed = urlparse(url)
    servers = {urlparse(server["url"]).netloc for server in spec()["paths"][MESSAGES_PATH]["servers"]}
    if parsed.scheme != "https" or parsed.netloc not in servers:
        raise ContractViolation("Unexpected host in {} (expected {})".format(url, ", ".join(servers)))
    pattern = next(p["schema"]["pattern"] for p in operation["parameters"] if p["name"] == "AccountSid")
    template = re.escape(MESSAGES_PATH).replace(re.escape("{AccountSid}"), "(?P<sid>[^/]+)")
    match = re.fullmatch(template, parsed.path)
    if not match or not re.match(pattern, match["sid"]):
        raise ContractViolation(f"Path {parsed.path} is not {MESSAGES_PATH}")
    return match["sid"]


def _check_form(data, schema, x_twilio, required):
    properties = schema["properties"]
    unknown = set(data) - set(properties)
    if unknown:
        raise ContractViolation("Unknown CreateMessage parameters: {}".format(", ".join(sorted(unknown))))
    for name in list(schema.get("required", [])) + list(required):
        if data.get(name) in (None, ""):
            raise ContractViolation(f"CreateMessage needs {name}")
    for group in x_twilio.get("conditional", []):
        names = [_pascal(name) for name in group]
        if not any(data.get(name) not in (None, "") for name in names):
            raise ContractViolation("CreateMessage needs one of {}".format(", ".join(names)))
    for name, value in data.items():
        _check_form_value(name, value, properties[name])


def _pascal(snake):
    return "".join(part.capitalize() for part in snake.split("_"))


def _check_form_value(name, value, prop):
    prop = _resolve(prop)
    values = value if isinstance(value, list | tuple) else [value]
    kind = prop.get("type")
    if kind == "array":
        prop, kind = _resolve(prop["items"]), prop["items"].get("type")
    for item in values:
        _check_scalar(name, str(item), prop, kind)


def _check_scalar(name, value, prop, kind):
    fmt = prop.get("format")
    if kind == "integer" and not re.fullmatch(r"-?\d+", value):
        raise ContractViolation(f"{name} must be an integer, not {value!r}")
    if kind == "boolean" and value not in ("true", "false", "True", "False"):
        raise ContractViolation(f"{name} must be a boolean, not {value!r}")
    if fmt == "phone-number" and not E164.match(value):
        raise ContractViolation(f"{name} must be an E.164 phone number, not {value!r}")
    if fmt == "uri" and not prop.get("x-twilio", {}).get("ignoreFormat"):
        _check_uri(name, value)
    if "pattern" in prop and not re.search(prop["pattern"], value):
        raise ContractViolation("{} does not match {}".format(name, prop["pattern"]))
    if "enum" in prop and value not in prop["enum"]:
        raise ContractViolation("{} must be one of {}".format(name, prop["enum"]))


def _check_uri(name, value):
    parsed = urlparse(value)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise ContractViolation(f"{name} must be an absolute URL, not {value!r}")
    if "_" in parsed.hostname:
        raise ContractViolation(f"{name}: underscores are not allowed in the host name")


def _resolve(prop):
    ref = prop.get("$ref")
    if not ref:
        return prop
    return spec()["components"]["schemas"][ref.rsplit("/", 1)[-1]]


def message_example() -> dict:
    """The spec's own example answer to CreateMessage."""
    examples = create_message_operation()["responses"]["201"]["content"]["application/json"]["examples"]
    return dict(examples["create"]["value"])


def check_message(obj: dict) -> dict:
    """Check an object against the spec's message schema; return it."""
    schema = spec()["components"]["schemas"][MESSAGE_SCHEMA]
    for name, prop in schema["properties"].items():
        _check_json_value(name, obj.get(name), _resolve(prop))
    return obj


def _check_json_value(name, value, prop):
    if value is None:
        if prop.get("nullable"):
            return
        raise ContractViolation(f"message.{name} may not be null")
    expected = {"string": str, "integer": int, "object": dict, "boolean": bool}.get(prop.get("type"))
    if expected and not isinstance(value, expected):
        raise ContractViolation("message.{} must be {}".format(name, prop["type"]))
    if "enum" in prop and value not in prop["enum"]:
        raise ContractViolation("message.{} must be one of {}".format(name, prop["enum"]))
    if "pattern" in prop and not re.search(prop["pattern"], value):
        raise ContractViolation("message.{} does not match {}".format(name, prop["pattern"]))
    if prop.get("format") == "date-time-rfc-2822":
        parsedate_to_datetime(value)
