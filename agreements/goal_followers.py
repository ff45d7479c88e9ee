"""The clauses that follow a municipal goal up, on the goal's page (plans.followers)."""

from django.db.models import Prefetch, Q

from plans import followers
from plans.models import Strategy

from . import access
from .models import AgreementClause, FrameworkClause


def framework_clauses(user, goal):
    """The common framework's clauses anchored to the goal or one of its strategies: they
    are in every agreement, and the framework is read by everyone in the municipality."""
    return (
        FrameworkClause.objects.filter(
            Q(goal=goal) | Q(strategy__goal=goal),
            framework__municipality_id=goal.plan.municipality_id,
        )
        .select_related("framework__municipality", "strategy")
        .order_by("order", "pk")
    )


def agreement_clauses(user, goal):
    """Local clauses that name the goal or one of its strategies, in the agreements the
    user may see. Expired and renewed agreements no longer follow anything up."""
    agreements = access.visible_agreements(user).not_ended()
    return (
        AgreementClause.objects.filter(
            Q(goals=goal) | Q(strategies__goal=goal), agreement__in=agreements
        )
        .select_related("agreement__centre")
        .prefetch_related(
            Prefetch("strategies", queryset=Strategy.objects.filter(goal=goal).order_by("number"))
        )
        .distinct()
        .order_by("agreement__centre__name", "-agreement__valid_from", "agreement_id", "order")
    )


def register_parts() -> None:
    followers.register("framework_clauses", framework_clauses)
    followers.register("agreement_clauses", agreement_clauses)
