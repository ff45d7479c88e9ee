from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Spørreundersøkelser")

    def ready(self):
        from . import changelog, meeting_parts, personal_data

        changelog.register_kinds()
        meeting_parts.register_parts()
        personal_data.register_parts()
