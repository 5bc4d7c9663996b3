"""The English catalogue is complete: every German interface string has a translation."""
import subprocess
from pathlib import Path

CATALOGUE = Path(__file__).resolve().parent.parent / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_english_catalogue_has_no_untranslated_or_fuzzy_entries():
    result = subprocess.run(["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(CATALOGUE)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr and "fuzzy" not in result.stderr, result.stderr
