from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Municipality(models.Model):
    """A municipality: it owns its centres, meetings and, later, surveys and agreements."""

    name = models.CharField(_("navn"), max_length=100, unique=True)
    slug = models.SlugField(_("kortnavn"), unique=True)
    # The formal interaction with the centres: one common meeting and one visit to
    # each centre a year, in the quarters given here (seed 000: Q1 and Q3).
    common_meeting_quarter = models.PositiveSmallIntegerField(
        _("kvartal for fellesmøtet"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    visit_quarter = models.PositiveSmallIntegerField(
        _("kvartal for besøk til hver sentral"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    facts = models.TextField(
        _("fakta om frivilligheten"),
        blank=True,
        help_text=_("Én linje per punkt, vises på oversikten."),
    )

    class Meta:
        verbose_name = _("kommune")
        verbose_name_plural = _("kommuner")
        ordering = ["name"]

    def __str__(self):
        return self.name


class AccountHistory(HistoricalRecords):
    """An account's history for the people page's change log (role, municipality,
    centre, active): every save but a login's, which writes last_login only and would
    fill the log with rows that change nothing a person decided."""

    def post_save(self, instance, created, using=None, **kwargs):
        update_fields = kwargs.get("update_fields")
        if not created and update_fields and set(update_fields) <= {"last_login"}:
            return
        super().post_save(instance, created, using=using, **kwargs)


class User(AbstractUser):
    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Frivillighetskoordinator")
        LEADER = "leader", _("Daglig leder")
        READER = "reader", _("Leser")

    role = models.CharField(_("rolle"), max_length=20, choices=Role.choices, blank=True)
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommune"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="users",
    )
    centre = models.ForeignKey(
        "centres.Centre",
        verbose_name=_("frivilligsentral"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="leaders",
        help_text=_("Sentralen en daglig leder hører til."),
    )
    # Set when an administrator anonymises the person (accounts/services.py): the account
    # stays, so what the person wrote keeps its author, but it names nobody.
    anonymised_at = models.DateTimeField(_("anonymisert"), null=True, blank=True, editable=False)
    anonymised_by = models.ForeignKey(
        "self",
        verbose_name=_("anonymisert av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    history = AccountHistory(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("bruker")
        verbose_name_plural = _("brukere")
        constraints = [
            models.CheckConstraint(
                name="leader_has_centre",
                condition=~models.Q(role="leader") | models.Q(centre__isnull=False),
                violation_error_message=_("En daglig leder må høre til en frivilligsentral."),
            ),
        ]

    def get_full_name(self):
        if self.anonymised_at:
            return str(_("Anonymisert bruker"))
        return super().get_full_name()

    @property
    def is_coordinator(self) -> bool:
        return self.role == self.Role.COORDINATOR

    @property
    def is_leader(self) -> bool:
        return self.role == self.Role.LEADER

    @property
    def is_reader(self) -> bool:
        return self.role == self.Role.READER

    def clean(self):
        super().clean()
        if self.centre_id and self.municipality_id != self.centre.municipality_id:
            raise ValidationError({"centre": _("Sentralen må ligge i brukerens kommune.")})


class InvitationQuerySet(models.QuerySet):
    def pending(self, now=None):
        """Neither accepted, withdrawn nor expired: the link in the e-mail works."""
        return self.filter(
            accepted_at__isnull=True,
            withdrawn_at__isnull=True,
            expires_at__gt=now or timezone.now(),
        )


class Invitation(models.Model):
    """The coordinator's invitation of a person to the portal. The account is made with
    the invitation, inactive and without a password; the link in the e-mail (a random
    token, stored only as its SHA-256) lets the person choose a password once, before
    `expires_at`. Resending makes a new token; withdrawing ends the link."""

    user = models.ForeignKey(
        User, verbose_name=_("bruker"), on_delete=models.CASCADE, related_name="invitations"
    )
    # NULL once used or withdrawn: the unique constraint holds only the working links.
    token_hash = models.CharField(max_length=64, unique=True, null=True, editable=False)  # noqa: DJ001
    invited_by = models.ForeignKey(
        User,
        verbose_name=_("invitert av"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("invitert"), default=timezone.now)
    sent_at = models.DateTimeField(_("sist sendt"), default=timezone.now)
    send_count = models.PositiveSmallIntegerField(_("antall ganger sendt"), default=1)
    expires_at = models.DateTimeField(_("lenken gjelder til"))
    accepted_at = models.DateTimeField(_("tatt i bruk"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("trukket tilbake"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    history = HistoricalRecords(excluded_fields=["token_hash"])

    class Meta:
        verbose_name = _("invitasjon")
        verbose_name_plural = _("invitasjoner")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return str(self.user.email or self.user.username)

    def is_pending(self, now=None) -> bool:
        return (
            self.accepted_at is None
            and self.withdrawn_at is None
            and self.expires_at > (now or timezone.now())
        )

    def is_expired(self, now=None) -> bool:
        return self.accepted_at is None and self.withdrawn_at is None and not self.is_pending(now)


class OutgoingEmailQuerySet(models.QuerySet):
    def due(self, now):
        """Waiting to be sent and its time has come: new, to be tried again, or left
        behind by a worker that stopped while sending it."""
        return self.filter(status=OutgoingEmail.Status.QUEUED, next_attempt_at__lte=now)

    def not_delivered(self):
        """What the coordinators are shown: given up on, or tried and not yet taken."""
        return self.filter(
            models.Q(status=OutgoingEmail.Status.FAILED)
            | models.Q(status=OutgoingEmail.Status.QUEUED, attempts__gt=0)
        )


class OutgoingEmail(models.Model):
    """One e-mail the portal sends (accounts.mail, the outbox): written in the same
    transaction as the change it tells about, so it is sent exactly when the change is
    kept, and kept until the SMTP server has taken it."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Venter på sending")
        SENT = "sent", _("Sendt")
        FAILED = "failed", _("Ikke levert")

    class Error(models.TextChoices):
        # What went wrong in plain words, for the coordinator; the server's own words are
        # in `error_detail`, for the administrator.
        UNREACHABLE = "unreachable", _("E-posttjeneren kunne ikke nås.")
        LOGIN = "login", _("Portalen fikk ikke logge inn på e-posttjeneren.")
        RECIPIENT = "recipient", _("E-posttjeneren avviste mottakerens adresse.")
        REFUSED = "refused", _("E-posttjeneren tok ikke imot e-posten.")

    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("kommune"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outgoing_emails",
    )
    to = models.EmailField(_("til"), max_length=254)
    subject = models.TextField(_("emne"))
    body = models.TextField(_("tekst"))
    # The template the e-mail was written from (accounts/email/invitation, …).
    kind = models.CharField(_("slag"), max_length=100)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("forsøk"), default=0)
    error = models.CharField(_("feil"), max_length=20, choices=Error.choices, blank=True)
    error_detail = models.TextField(_("feilmelding fra tjeneren"), blank=True)
    created_at = models.DateTimeField(_("laget"), default=timezone.now)
    next_attempt_at = models.DateTimeField(_("neste forsøk"), default=timezone.now)
    last_attempt_at = models.DateTimeField(_("siste forsøk"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)

    objects = OutgoingEmailQuerySet.as_manager()

    class Meta:
        verbose_name = _("utgående e-post")
        verbose_name_plural = _("utgående e-post")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="outgoing_email_due"),
            models.Index(fields=["municipality", "status"], name="outgoing_email_municipality"),
        ]

    def __str__(self):
        return f"{self.to}: {self.subject}"
