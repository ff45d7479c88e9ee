from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrantsConfig(AppConfig):
    name = "grants"
    verbose_name = _("Statstilskudd")

    def ready(self):
        from . import changelog, personal_data

        changelog.register_kinds()
        personal_data.register_parts()
