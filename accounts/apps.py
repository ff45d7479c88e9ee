import axes.apps
import django_tasks_db.apps
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default = True  # the app's own, beside the two below
    name = "accounts"
    verbose_name = _("Kommuner og brukere")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import changelog, security
        from .middleware import SessionRenewalMiddleware

        changelog.register_kinds()
        security.connect()
        user_logged_in.connect(
            SessionRenewalMiddleware.mark_renewed, dispatch_uid="session_renewed_at_login"
        )


# The libraries' apps under Norwegian names in the admin (their own are English words,
# not marked for translation); INSTALLED_APPS names these instead of the libraries' own.
class AxesConfig(axes.apps.AppConfig):
    default = False
    verbose_name = _("Innloggingsvern")


class TasksConfig(django_tasks_db.apps.TasksAppConfig):
    default = False
    verbose_name = _("Bakgrunnsjobber")
