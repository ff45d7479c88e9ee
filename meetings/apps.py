from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Møter")

    def ready(self):
        from . import centre_parts, personal_data

        centre_parts.register_parts()
        personal_data.register_parts()
