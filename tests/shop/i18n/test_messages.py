"""The French catalogues are complete: nothing untranslated, fuzzy or forgotten.

An untranslated or fuzzy entry shows English on a French page; a string in the
code that ``makemessages`` finds but no catalogue holds does too.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)
# Each catalogue, and the folder whose source strings go into it (makemessages'
# rule: a file goes to the nearest "locale" folder above it, else to locale/).
CATALOGUES = {
    ROOT / "locale/fr_CA/LC_MESSAGES/django.po": None,
    ROOT / "services/locale/fr_CA/LC_MESSAGES/django.po": "services",
    ROOT / "locale_oscar/fr_CA/LC_MESSAGES/django.po": None,
}
SOURCES = ("shop", "services", "phone_orders", "integrations", "templates")


def entries(path):
    return [entry for entry in polib.pofile(str(path)) if not entry.obsolete]


def key(entry):
    return (entry.msgctxt or "", entry.msgid)


@pytest.mark.parametrize("path", list(CATALOGUES), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_entry_is_translated_and_none_is_fuzzy(path):
    assert not polib.pofile(str(path)).metadata_is_fuzzy, "a fuzzy header: msgfmt may skip it"
    catalogue = entries(path)
    untranslated = [entry.msgid for entry in catalogue if not entry.translated()]
    fuzzy = [entry.msgid for entry in catalogue if "fuzzy" in entry.flags]
    assert not untranslated, f"{len(untranslated)} untranslated in {path.name}: {untranslated[:20]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {path.name}: {fuzzy[:20]}"


@pytest.mark.parametrize("path", list(CATALOGUES), ids=lambda p: str(p.relative_to(ROOT)))
def test_no_entry_is_defined_twice(path):
    """A duplicate msgid breaks compilemessages for everyone."""
    seen, twice = set(), []
    for entry in polib.pofile(str(path)):
        if not entry.obsolete and key(entry) in seen:
            twice.append(entry.msgid)
        seen.add(key(entry))
    assert not twice


@pytest.mark.parametrize("path", list(CATALOGUES), ids=lambda p: str(p.relative_to(ROOT)))
def test_compiled_catalogue_is_up_to_date(path):
    """The committed .mo holds every translation of its .po (compilemessages was run)."""
    compiled = {key(entry): entry for entry in polib.mofile(str(path.with_suffix(".mo")))}
    stale = [entry.msgid for entry in entries(path)
             if entry.translated() and (key(entry) not in compiled
                                        or compiled[key(entry)].msgstr != entry.msgstr
                                        or compiled[key(entry)].msgstr_plural
                                        != {int(n): s for n, s in entry.msgstr_plural.items()})]
    assert not stale, f"run compilemessages: {len(stale)} changed, e.g. {stale[:5]}"


@pytest.mark.skipif(not shutil.which("xgettext"), reason="GNU gettext is not installed")
def test_makemessages_finds_no_string_missing_from_the_catalogues(tmp_path):
    """Every string marked for translation in the code has a French translation.

    makemessages runs on a copy of the sources, without the project's settings,
    so it writes its catalogues (and keeps their .pot) in the copy only.
    """
    for name in SOURCES:
        shutil.copytree(ROOT / name, tmp_path / name,
                        ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "static", "*.mo",
                                                      "*.po", "fonts", "*.jpg", "*.png"))
    (tmp_path / "locale").mkdir()
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "--locale", "fr_CA", "--keep-pot",
         "--domain", "django", "--verbosity", "0"],
        cwd=tmp_path, check=True, capture_output=True, timeout=300,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )
    missing = {}
    for path, folder in CATALOGUES.items():
        if "locale_oscar" in str(path):
            continue
        pot = tmp_path / (folder or "") / "locale" / "django.pot"
        if not pot.exists():
            continue
        have = {key(entry) for entry in entries(path) if entry.translated()}
        wanted = [entry for entry in polib.pofile(str(pot))]
        absent = [entry.msgid for entry in wanted if key(entry) not in have]
        if absent:
            missing[str(path.relative_to(ROOT))] = absent
    assert not missing, (
        "strings with no French translation (run makemessages, then translate): "
        + "; ".join(f"{path}: {len(ids)}, e.g. {ids[:15]}" for path, ids in missing.items()))
