from django import forms
from django.contrib.auth.forms import AuthenticationForm, SetPasswordForm
from django.contrib.auth.forms import PasswordResetForm as DjangoPasswordResetForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from frivillig.lib.urls import site_scheme_and_domain

from .mail import send_on_its_own
from .models import User
from .people import INVITED_ROLES


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

    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs
    ):
        """Through the outbox (accounts.mail), like every e-mail of the portal: an SMTP
        server that is down delays the link; Django's own would log it and lose it."""
        send_on_its_own(
            to=to_email,
            subject=render_to_string(subject_template_name, context),
            body=render_to_string(email_template_name, context),
            kind=email_template_name.removesuffix(".txt"),
            municipality_id=context["user"].municipality_id,
        )


def _centre_field(municipality_id) -> forms.ModelChoiceField:
    # The centres come through the account's own link to them (User.centre): accounts
    # sits below the centres app and never imports it.
    centres = (
        User._meta.get_field("centre")
        .related_model.objects.filter(municipality_id=municipality_id, active=True)
        .order_by("name")
    )
    return forms.ModelChoiceField(
        label=_("Sentral"),
        queryset=centres,
        required=False,
        empty_label=_("Velg sentral"),
        help_text=_("Bare for en daglig leder: sentralen vedkommende arbeider for."),
    )


def _role_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Rolle"),
        choices=[(role.value, role.label) for role in INVITED_ROLES],
        widget=forms.RadioSelect,
        help_text=_(
            "Daglig leder: sentralens profil, svar og avtaler. Leser: les resultater og "
            "oversikter. Koordinator: alt for kommunen."
        ),
    )


class _RoleAndCentre(forms.Form):
    def __init__(self, *args, municipality_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"] = _role_field()
        self.fields["centre"] = _centre_field(municipality_id)

    def clean(self):
        data = super().clean()
        if data.get("role") == User.Role.LEADER and not data.get("centre"):
            self.add_error("centre", _("Velg sentralen den daglige lederen arbeider for."))
        return data


class InviteForm(_RoleAndCentre):
    first_name = forms.CharField(label=_("Fornavn"), max_length=150)
    last_name = forms.CharField(label=_("Etternavn"), max_length=150)
    email = forms.EmailField(
        label=_("E-post"),
        max_length=150,
        help_text=_("Invitasjonen sendes hit, og adressen blir brukernavnet."),
    )
    field_order = ["first_name", "last_name", "email", "role", "centre"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(self.field_order)
        self.fields["email"].widget.attrs.update(autocomplete="off")

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if User.objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).exists():
            raise ValidationError(_("Det finnes allerede en bruker med denne e-postadressen."))
        return email


class RoleForm(_RoleAndCentre):
    def __init__(self, *args, person, **kwargs):
        initial = {"role": person.role, "centre": person.centre_id}
        super().__init__(*args, municipality_id=person.municipality_id, initial=initial, **kwargs)


class AcceptInvitationForm(SetPasswordForm):
    """Django's: the new password twice, checked by AUTH_PASSWORD_VALIDATORS."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].label = _("Velg et passord")
        self.fields["new_password2"].label = _("Skriv passordet en gang til")
