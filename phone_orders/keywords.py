"""SMS keywords in French and English, with case and accents ignored.

The first word of the message decides. A keyword of one language says which
language to answer in; STOP and START are the same in both and keep the
client's language. The words that stop and resume are Twilio's own (its
carrier-level opt-out answers them too) and ARRÊT; the answer to them is in
the person's language, the keyword's only when the number has no person.
"""

import re
import unicodedata
from typing import NamedTuple

from .models import Command

KEYWORDS = {
    "AIDE": (Command.HELP, "fr"), "HELP": (Command.HELP, "en"), "INFO": (Command.HELP, None),
    "STATUT": (Command.STATUS, "fr"), "STATUS": (Command.STATUS, "en"),
    "SUIVI": (Command.STATUS, "fr"),
    "ARRET": (Command.STOP, "fr"), "STOP": (Command.STOP, None),
    "UNSUBSCRIBE": (Command.STOP, "en"), "STOPALL": (Command.STOP, "en"),
    "END": (Command.STOP, "en"), "QUIT": (Command.STOP, "en"), "CANCEL": (Command.STOP, "en"),
    "REVOKE": (Command.STOP, "en"), "OPTOUT": (Command.STOP, "en"),
    "START": (Command.START, None), "REPRENDRE": (Command.START, "fr"),
    "UNSTOP": (Command.START, "en"),
    "COMMANDE": (Command.ORDER, "fr"), "COMMANDER": (Command.ORDER, "fr"),
    "ORDER": (Command.ORDER, "en"),
    "OUI": (Command.YES, "fr"), "YES": (Command.YES, "en"),
    "NON": (Command.NO, "fr"), "NO": (Command.NO, "en"),
    "SAUTER": (Command.SKIP, "fr"), "SKIP": (Command.SKIP, "en"),
}


class Parsed(NamedTuple):
    command: str
    language: str | None


def fold(text: str) -> str:
    """Upper case without accents: "Arrêt" → "ARRET"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper()


#: "OPT OUT", "STOP ALL": two words that are one keyword.
JOINED = {("OPT", "OUT"), ("STOP", "ALL")}


def parse(body: str) -> Parsed:
    words = re.findall(r"[A-Z]+", fold(body))
    if tuple(words[:2]) in JOINED:
        words = ["".join(words[:2]), *words[2:]]
    command, language = KEYWORDS.get(words[0], (Command.UNKNOWN, None)) if words else (Command.UNKNOWN, None)
    return Parsed(command, language)
