"""Changes to plans that other pages must see at once. Plans are edited in the admin
(plans/admin.py), which calls these in its transaction."""

from django.db import transaction
from django.utils import timezone

from .models import Plan


@transaction.atomic
def goals_changed(*, plan_ids) -> None:
    """The goals, strategies or focus areas of these plans changed: each plan's «sist
    endret» moves, and with it the key its page's goal tree is cached under
    (plans.views.plan_detail)."""
    ids = {pk for pk in plan_ids if pk is not None}
    if ids:
        Plan.objects.filter(pk__in=ids).update(updated_at=timezone.now())
