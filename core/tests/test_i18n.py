"""The English catalogue (locale/en/LC_MESSAGES/django.po) is complete, correct and current.

Japanese is the source language of every gettext string; English must be complete. When one of
these tests fails, follow locale/README.md: run makemessages, translate, compile_translations.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

REPO = Path(__file__).resolve().parents[2]
PO_PATH = REPO / "locale" / "en" / "LC_MESSAGES" / "django.po"

# The same ignores as the makemessages command in locale/README.md.
IGNORES = (".venv/*", "bench/*", "var/*", "tests/*", "*/tests/*")
# Top-level entries not copied for the up-to-date check: ignored above, or build output.
NOT_COPIED = {"var", "bench", "tests", "locale", "node_modules", "staticfiles"}

# A printf-style placeholder as Python's % operator reads it: %(name)s, %(mb)d, %s ("%%" is not).
PLACEHOLDER = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa%]"
)
HTML_TAG = re.compile(r"</?[A-Za-z][^>]*>")


def _catalogue() -> polib.POFile:
    return polib.pofile(str(PO_PATH))


def _label(entry: polib.POEntry) -> str:
    where = entry.occurrences[0] if entry.occurrences else ("?", "")
    return f"{where[0]}:{where[1]} {entry.msgid!r}"


def _translations(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def _placeholders(text: str) -> set[str]:
    found = set()
    for match in PLACEHOLDER.finditer(text):
        if match.group(0) != "%%":
            found.add(match.group(0))
    return found


def _key(entry: polib.POEntry) -> tuple[str, str, str]:
    return (entry.msgctxt or "", entry.msgid, entry.msgid_plural or "")


def test_every_english_string_is_translated_and_none_is_fuzzy_or_obsolete():
    po = _catalogue()
    assert po.metadata.get("Language") == "en"
    assert po.metadata.get("Plural-Forms") == "nplurals=2; plural=(n != 1);"
    assert not po.metadata_is_fuzzy, "remove '#, fuzzy' from the header of django.po"

    problems = []
    for entry in po:
        if entry.obsolete:
            problems.append(f"obsolete (delete the '#~' lines): {entry.msgid!r}")
            continue
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy (check the translation, then drop the flag): {_label(entry)}")
        if entry.msgid_plural and sorted(entry.msgstr_plural) != [0, 1]:
            problems.append(f"needs msgstr[0] and msgstr[1]: {_label(entry)}")
        if not all(text.strip() for text in _translations(entry)):
            problems.append(f"untranslated: {_label(entry)}")
    assert not problems, "\n".join(problems)
    assert len(po.translated_entries()) > 0


def test_each_translation_keeps_the_placeholders_of_its_source():
    problems = []
    for entry in _catalogue().translated_entries():
        expected = _placeholders(entry.msgid) | _placeholders(entry.msgid_plural or "")
        for text in _translations(entry):
            if _placeholders(text) != expected:
                problems.append(
                    f"{_label(entry)}: expected {sorted(expected)}, "
                    f"got {sorted(_placeholders(text))} in {text!r}"
                )
    assert not problems, "\n".join(problems)


def test_each_translation_keeps_the_html_tags_of_its_source():
    problems = []
    for entry in _catalogue().translated_entries():
        expected = sorted(HTML_TAG.findall(entry.msgid))
        for text in _translations(entry):
            if sorted(HTML_TAG.findall(text)) != expected:
                problems.append(f"{_label(entry)}: the translation must keep {expected}: {text!r}")
    assert not problems, "\n".join(problems)


def _copy_sources(target: Path) -> None:
    """Copy what makemessages reads into target, leaving the repository untouched."""
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo", "*.po")
    for item in REPO.iterdir():
        if item.name.startswith(".") or item.name in NOT_COPIED:
            continue
        if item.is_dir():
            shutil.copytree(item, target / item.name, ignore=skip, symlinks=True)
        else:
            shutil.copy2(item, target / item.name)
    (target / "locale").mkdir()


def test_the_catalogue_lists_exactly_the_strings_marked_in_the_code(tmp_path):
    if shutil.which("xgettext") is None:
        message = "xgettext (Debian package gettext) is needed to check that django.po is current"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)

    work = tmp_path / "src"
    work.mkdir()
    _copy_sources(work)
    env = {**os.environ, "KANMIN_TESTING": "1", "KANMIN_DATA_DIR": str(tmp_path / "var")}
    command = [sys.executable, "manage.py", "makemessages", "-l", "en"]
    for pattern in IGNORES:
        command += ["--ignore", pattern]
    run = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr

    fresh = polib.pofile(str(work / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    in_code = {_key(e): e for e in fresh if not e.obsolete}
    in_repo = {_key(e) for e in _catalogue() if not e.obsolete}
    missing = [_label(in_code[k]) for k in sorted(in_code.keys() - in_repo)]
    stale = [repr(k[1]) for k in sorted(in_repo - in_code.keys())]
    if missing or stale:
        pytest.fail(
            "locale/en/LC_MESSAGES/django.po is out of date; see locale/README.md.\n"
            + "".join(f"  not in django.po yet: {m}\n" for m in missing)
            + "".join(f"  no longer in the code: {s}\n" for s in stale),
            pytrace=False,
        )


@pytest.fixture
def english_catalogue(settings, tmp_path):
    """Serve translations compiled from the current django.po, whatever .mo is installed."""
    mo = tmp_path / "locale" / "en" / "LC_MESSAGES" / "django.mo"
    mo.parent.mkdir(parents=True)
    _catalogue().save_as_mofile(str(mo))
    settings.LOCALE_PATHS = [tmp_path / "locale"]  # Django resets its translation caches


@pytest.mark.django_db
def test_the_home_page_is_in_english_after_choosing_english(client, english_catalogue):
    chosen = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert chosen.status_code == 302

    page = client.get("/").content.decode()

    assert '<html lang="en">' in page
    assert "Skip to main content" in page
    assert ">Datasets</a>" in page
    assert "Staff sign-in" in page
    base_strings = [
        e.msgid for e in _catalogue()
        if not e.obsolete and any(path == "templates/base.html" for path, _ in e.occurrences)
    ]
    assert "本文へ移動" in base_strings
    still_japanese = [s for s in base_strings if s in page]
    assert not still_japanese, f"Japanese UI text on the English home page: {still_japanese}"
