"""The change log of a centre's page: the profile and its parts."""

from django.http import Http404

from frivillig.lib.changelog import Kind, register

from . import access
from .models import Centre, ContactPerson, GoalPeriod, Partner, PeriodGoal, TargetGroup


def centre_sources(centre):
    periods = GoalPeriod.history.filter(centre_id=centre.pk).values("id")
    return [
        Centre.history.filter(id=centre.pk),
        TargetGroup.history.filter(centre_id=centre.pk),
        GoalPeriod.history.filter(centre_id=centre.pk),
        PeriodGoal.history.filter(period_id__in=periods),
        Partner.history.filter(centre_id=centre.pk),
        ContactPerson.history.filter(centre_id=centre.pk),
    ]


def _centre_for_user(user, pk):
    centre = access.visible_centres(user).filter(pk=pk).first()
    if centre is None:
        raise Http404
    return centre


def register_kinds() -> None:
    register(
        "sentral",
        Kind(
            _centre_for_user,
            lambda c: c.municipality_id,
            centre_sources,
            Centre.get_absolute_url,
            on_page=1,
        ),
        hidden=["municipality", "centre", "period"],
        labels={GoalPeriod: lambda row: f"{row.start_year}–{row.end_year}"},
    )
