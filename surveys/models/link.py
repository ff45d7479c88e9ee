"""The personal answer link: one centre's response opened without a login.

For a centre with no leader in the portal, the coordinator makes a link (a random
token in the address) and hands it over; it opens that centre's response and nothing
else, works while the survey takes answers (until its deadline) and can be revoked.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .response import SurveyResponse


class AnswerLinkQuerySet(models.QuerySet):
    def working(self, today=None):
        """Not revoked, and the survey still takes answers."""
        today = today or timezone.localdate()
        return self.filter(
            revoked_at__isnull=True,
            response__survey__status="open",
            response__survey__deadline__gte=today,
        )


class AnswerLink(models.Model):
    response = models.ForeignKey(
        SurveyResponse,
        verbose_name=_("svar fra sentral"),
        on_delete=models.CASCADE,
        related_name="answer_links",
    )
    # The link is shown to the coordinator again on the survey's page, so the token is
    # kept as it is; it opens one response, only while the survey takes answers.
    token = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("laget"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("laget av"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("trukket tilbake"), null=True, blank=True)

    objects = AnswerLinkQuerySet.as_manager()

    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
        verbose_name = _("svarlenke")
        verbose_name_plural = _("svarlenker")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return str(self.response)

    @staticmethod
    def new_token() -> str:
        return secrets.token_urlsafe(24)
