"""Keywords are read in French and English, with case and accents ignored."""

import pytest

from phone_orders.keywords import parse
from phone_orders.models import Command

VARIANTS = [
    ("AIDE", Command.HELP, "fr"), ("aide", Command.HELP, "fr"), ("Aidé", Command.HELP, "fr"),
    ("HELP", Command.HELP, "en"), ("help", Command.HELP, "en"), ("Help!", Command.HELP, "en"),
    ("STATUT", Command.STATUS, "fr"), ("statut", Command.STATUS, "fr"), (" Statut ?", Command.STATUS, "fr"),
    ("STATUS", Command.STATUS, "en"), ("status", Command.STATUS, "en"),
    ("ARRET", Command.STOP, "fr"), ("ARRÊT", Command.STOP, "fr"), ("arrêt", Command.STOP, "fr"),
    ("Arret", Command.STOP, "fr"), ("STOP", Command.STOP, None), ("stop", Command.STOP, None),
    ("UNSUBSCRIBE", Command.STOP, "en"), ("unsubscribe", Command.STOP, "en"),
    ("START", Command.START, None), ("start", Command.START, None),
    ("REPRENDRE", Command.START, "fr"), ("reprendre", Command.START, "fr"),
    ("COMMANDE", Command.ORDER, "fr"), ("commande", Command.ORDER, "fr"), ("Commandé", Command.ORDER, "fr"),
    ("ORDER", Command.ORDER, "en"), ("order", Command.ORDER, "en"),
    ("OUI", Command.YES, "fr"), ("oui", Command.YES, "fr"), ("Oui!", Command.YES, "fr"), ("OUÏ", Command.YES, "fr"),
    ("YES", Command.YES, "en"), ("yes", Command.YES, "en"),
    ("NON", Command.NO, "fr"), ("non", Command.NO, "fr"), ("Non.", Command.NO, "fr"),
    ("NO", Command.NO, "en"), ("no", Command.NO, "en"),
    ("SAUTER", Command.SKIP, "fr"), ("sauter", Command.SKIP, "fr"), ("Sautér", Command.SKIP, "fr"),
    ("SKIP", Command.SKIP, "en"), ("skip", Command.SKIP, "en"),
]


@pytest.mark.parametrize("body, command, language", VARIANTS)
def test_each_keyword_is_recognised(body, command, language):
    assert parse(body) == (command, language)


def test_the_first_word_decides():
    assert parse("oui merci beaucoup").command == Command.YES


@pytest.mark.parametrize("body", ["", "   ", "Bonjour, je voudrais du pain", "🙂", "123"])
def test_anything_else_is_not_understood(body):
    assert parse(body).command == Command.UNKNOWN
