from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CentresConfig(AppConfig):
    name = "centres"
    verbose_name = _("Frivilligsentraler")

    def ready(self):
        from . import personal_data

        personal_data.register_parts()
