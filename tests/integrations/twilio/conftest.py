from tests.integrations.twilio.helpers import fake_twilio, no_quiet_hours, twilio_settings  # noqa: F401
