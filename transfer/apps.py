from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransferConfig(AppConfig):
    name = "transfer"
    verbose_name = _("Transfer und Nachnutzung")

    def ready(self) -> None:
        from transfer.caching import connect_signals

        connect_signals()
