"""Canadian postal codes: normal form ("H4C 1S3") and forward sortation area ("H4C")."""

import re

# ASCII digits only: "H٣C 1A1" (an Arabic-Indic three) is no postal code.
_POSTAL_CODE = re.compile(r"^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\d[ABCEGHJ-NPRSTV-Z]\d$", re.ASCII)
_FSA = re.compile(r"^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]$", re.ASCII)


def normalize_postal_code(value: str) -> str:
    """``value`` in the form "H4C 1S3", or "" when it is not a Canadian postal code."""
    compact = re.sub(r"[\s-]", "", value or "").upper()
    if not _POSTAL_CODE.match(compact):
        return ""
    return compact[:3] + " " + compact[3:]


def forward_sortation_area(postal_code: str) -> str:
    """The first three characters ("H4C") of a valid postal code, else ""."""
    normal = normalize_postal_code(postal_code)
    return normal[:3] if normal else ""


def parse_prefixes(value: str) -> list[str]:
    """FSA prefixes written with spaces or commas ("H4C, h3j") as a clean list."""
    prefixes = [part.strip().upper() for part in re.split(r"[\s,;]+", value or "")]
    return [prefix for prefix in prefixes if prefix]


def invalid_prefixes(value: str) -> list[str]:
    return [prefix for prefix in parse_prefixes(value) if not _FSA.match(prefix)]
