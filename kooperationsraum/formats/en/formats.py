"""English dates in the British order the interface's spelling uses: 1 December 2026, 1 Dec 2026.

Django's `en` formats put the month first (December 1, 2026; 12/01/2026), which next to British
spelling reads as a mistake and makes 01/12 ambiguous. Everything else comes from `en_GB`.
"""

from django.conf.locale.en_GB.formats import *  # noqa: F403

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
MONTH_DAY_FORMAT = "j F"
