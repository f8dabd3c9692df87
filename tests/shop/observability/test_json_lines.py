"""LOG_FORMAT=json: one JSON object a line, with the fields a log collector indexes."""

import io
import json
import logging

from django.conf import settings
from django.utils.module_loading import import_string

from shop.observability.context import bound
from shop.observability.logs import ContextFilter, PersonalDataFilter
from tests.shop.test_settings_production import manage, production_env


def json_handler(stream):
    config = dict(settings.LOGGING["formatters"]["json"])
    handler = logging.StreamHandler(stream)
    handler.setFormatter(import_string(config.pop("()"))(**config))
    handler.addFilter(ContextFilter())
    handler.addFilter(PersonalDataFilter())
    return handler


def logged(emit):
    stream, logger = io.StringIO(), logging.getLogger("shop.tests.json")
    handler = json_handler(stream)
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        emit(logger)
    finally:
        logger.removeHandler(handler)
        logger.setLevel(logging.NOTSET)
    return [json.loads(line) for line in stream.getvalue().splitlines()]


class TestJsonLines:
    def test_carry_time_level_logger_message_and_the_context(self):
        def emit(logger):
            with bound(request_id="abc123def456", seller="librairie", channel="phone"):
                logger.warning("Order %s placed for %s", "100042", "+15145550142")

        (line,) = logged(emit)
        assert line["level"] == "WARNING" and line["logger"] == "shop.tests.json"
        assert line["message"] == "Order 100042 placed for [phone]"
        assert (line["request_id"], line["seller"], line["channel"]) == ("abc123def456", "librairie", "phone")
        assert line["timestamp"].startswith("20") and "task" in line

    def test_name_the_task_they_come_from(self):
        def emit(logger):
            with bound(request_id="r" * 32, task_name="shop.order.tasks.send", task_id="t-1"):
                logger.info("sent")

        (line,) = logged(emit)
        assert (line["task"], line["task_id"]) == ("shop.order.tasks.send", "t-1")

    def test_an_extra_field_is_kept_and_masked(self):
        (line,) = logged(lambda logger: logger.info("x", extra={"seller": "outils", "to": "a@b.org"}))
        assert line["seller"] == "outils" and line["to"] == "[email]"

    def test_without_a_request_the_id_is_a_dash(self):
        (line,) = logged(lambda logger: logger.info("beat"))
        assert line["request_id"] == "-"


def test_production_writes_json_lines_by_default():
    """A process started with the production settings logs JSON (LOG_FORMAT unset)."""
    code = "import logging; logging.getLogger('shop.check').warning('hello %s', 'a@b.org')"
    result = manage("shell", "-c", code, env=production_env(LOG_FORMAT=None))
    assert result.returncode == 0, result.stderr
    line = json.loads(result.stderr.strip().splitlines()[-1])
    assert (line["logger"], line["message"], line["request_id"]) == ("shop.check", "hello [email]", "-")


def test_elsewhere_plain_lines_with_the_request_id():
    console = settings.LOGGING["handlers"]["console"]
    assert console["formatter"] == "plain" and set(console["filters"]) == {"context", "personal_data"}
    assert "[%(request_id)s]" in settings.LOGGING["formatters"]["plain"]["format"]
