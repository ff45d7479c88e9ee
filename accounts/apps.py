from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Kommuner og brukere")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import security
        from .middleware import SessionRenewalMiddleware

        security.connect()
        user_logged_in.connect(
            SessionRenewalMiddleware.mark_renewed, dispatch_uid="session_renewed_at_login"
        )
