from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _


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
