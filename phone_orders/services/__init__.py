"""Actions of the phone channel: inbound SMS, questions and reorders, the
staff inbox, the phone desk and the voice menu (one module each)."""
