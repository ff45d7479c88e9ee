"""The catalogues are complete: `makemessages`, run over the code as it is into a copy of
the committed catalogues, leaves no nynorsk or English message untranslated or fuzzy.
(Bokmål is the language of the message ids; its catalogue holds only Django's own words
the project translates.) A sentence added without its translations fails here, and so
does one whose wording changed since it was translated."""

import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

# The languages whose catalogues must be complete, as the portal offers them.
COMPLETE = ("nn", "en")
# What the project's own `makemessages` command leaves out (the preamble's and the
# Makefile's), and what only a machine writes.
NOT_SOURCE = {".git", ".venv", "node_modules", "locale", "staticfiles", "media", "build"}


def _gettext_tool(*args: str) -> str:
    return subprocess.run(args, capture_output=True, text=True, check=True).stdout


@pytest.fixture
def project_copy(tmp_path, monkeypatch, settings):
    """A folder that links to the project's sources and holds a copy of its catalogues,
    so makemessages reads the code and writes only the copy."""
    root = Path(settings.BASE_DIR)
    for entry in root.iterdir():
        if entry.name not in NOT_SOURCE and not entry.name.startswith("."):
            (tmp_path / entry.name).symlink_to(entry)
    shutil.copytree(root / "locale", tmp_path / "locale")
    monkeypatch.chdir(tmp_path)
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    return tmp_path


@pytest.mark.skipif(shutil.which("msgattrib") is None, reason="needs GNU gettext")
def test_makemessages_leaves_nothing_untranslated_or_fuzzy(project_copy):
    call_command(
        "makemessages",
        locale=list(COMPLETE),
        no_obsolete=True,
        symlinks=True,
        ignore_patterns=sorted(NOT_SOURCE),
        verbosity=0,
    )
    missing = {}
    for language in COMPLETE:
        po = str(project_copy / "locale" / language / "LC_MESSAGES" / "django.po")
        counts = _statistics(po)
        if counts["fuzzy"] or counts["untranslated"]:
            untranslated = _gettext_tool("msgattrib", "--untranslated", "--no-wrap", po)
            fuzzy = _gettext_tool("msgattrib", "--only-fuzzy", "--no-wrap", po)
            missing[language] = (counts, _msgids(untranslated + fuzzy))
    assert not missing, (
        "Messages without a translation (or fuzzy) after makemessages: fill them in "
        f"locale/<language>/LC_MESSAGES/django.po: {missing}"
    )


def _statistics(po: str) -> dict[str, int]:
    """msgfmt's counts: «1545 translated messages, 3 fuzzy translations, 2 untranslated
    messages.» (the parts with nought left out)."""
    result = subprocess.run(
        ["msgfmt", "--statistics", "-o", "/dev/null", po], capture_output=True, text=True
    )
    counts = {"translated": 0, "fuzzy": 0, "untranslated": 0}
    for part in result.stderr.strip().rstrip(".").split(", "):
        number, kind = part.split()[:2]
        counts[kind] = int(number)
    return counts


def _msgids(text: str) -> list[str]:
    return [
        line.removeprefix("msgid ")
        for line in text.splitlines()
        if line.startswith("msgid ") and line != 'msgid ""'
    ]


def test_the_portals_languages_are_the_complete_ones_and_bokmal():
    assert {code for code, _name in settings.LANGUAGES} == {settings.LANGUAGE_CODE, *COMPLETE}
