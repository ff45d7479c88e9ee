from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from frivillig.lib.urls import site_scheme_and_domain


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _(
            "Feil brukernavn eller passord. Merk at det skilles mellom store og små bokstaver."
        ),
        "inactive": _("Denne brukeren er deaktivert."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Brukernavn")
        # AuthenticationForm sets max_length after the field is made, so nothing checks
        # it: an over-long name went on to django-axes, whose record of the failed login
        # holds 255 characters (a DataError on PostgreSQL).
        self.fields["username"].validators.append(
            MaxLengthValidator(self.fields["username"].max_length)
        )
        self.fields["password"].label = _("Passord")


class PasswordResetForm(DjangoPasswordResetForm):
    """Django's, with the link in the e-mail on SITE_URL. Django's view builds it from the
    request's Host and X-Forwarded-Proto, which whoever asks for the reset can set, and so
    send the victim a working reset token on a link to their own server."""

    def save(self, **kwargs):
        scheme, domain = site_scheme_and_domain()
        kwargs.update(domain_override=domain, use_https=scheme == "https")
        return super().save(**kwargs)
