from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Planer og mål")

    def ready(self):
        from . import changelog

        changelog.register_kinds()
