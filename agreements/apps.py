from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Samarbeidsavtaler")

    def ready(self):
        from . import centre_parts, changelog, goal_followers, personal_data

        centre_parts.register_parts()
        changelog.register_kinds()
        goal_followers.register_parts()
        personal_data.register_parts()
