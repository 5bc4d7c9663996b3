"""The English catalogue is complete: every German interface string has a translation."""

import shutil
import subprocess
import sys
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_english_catalogue_has_no_untranslated_or_fuzzy_entries():
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(CATALOGUE)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr


def _msgids(po: Path) -> set[str]:
    result = subprocess.run(
        ["msgcat", "--no-wrap", "--no-location", str(po)], capture_output=True, text=True, check=True
    )
    return {line[len('msgid "') : -1] for line in result.stdout.splitlines() if line.startswith('msgid "')} - {""}


def test_english_catalogue_holds_every_string_of_the_source(tmp_path):
    """A string added to the code without `makemessages` would show in German on English pages."""
    root = CATALOGUE.parents[3]
    copy = tmp_path / "src"
    shutil.copytree(
        root,
        copy,
        ignore=shutil.ignore_patterns(".venv", "node_modules", "var", ".git", "*.mo", "__pycache__", "media"),
    )
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--ignore=.venv", "--ignore=node_modules", "-v", "0"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    missing = _msgids(copy / "locale" / "en" / "LC_MESSAGES" / "django.po") - _msgids(CATALOGUE)
    assert not missing, f"run `manage.py makemessages -l en` and translate: {sorted(missing)[:10]}"
