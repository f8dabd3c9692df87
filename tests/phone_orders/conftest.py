import pytest

from tests.integrations.twilio.helpers import fake_twilio, no_quiet_hours, twilio_settings  # noqa: F401


@pytest.fixture(autouse=True)
def _signed_webhooks(request):
    """Every phone_orders test posts webhooks signed with a known token, behind TLS."""
    request.getfixturevalue("twilio_settings")
