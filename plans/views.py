from django.db.models import F, Prefetch
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from frivillig.lib import changelog
from frivillig.lib.cache import cached
from frivillig.lib.pagination import paginate

from . import access, followers
from .models import Goal, Hearing, HearingInput, Measure, Plan
from .progress import (
    GOALS_WITHOUT_CENTRE,
    GOALS_WITHOUT_MEASURE,
    OVERDUE,
    full_list,
    progress_by_municipality,
)
from .tree import plan_forest

# The plan page shows its goals (with their strategies) and its measures a page at a time.
PLAN_GOALS = 20
PLAN_MEASURES = 25
# The progress overview shows the first items of each list; a list's own page the rest.
PROGRESS_ITEMS = 10
PROGRESS_PER_PAGE = 25
PROGRESS_LISTS = {
    GOALS_WITHOUT_MEASURE: _("Mål uten tiltak"),
    GOALS_WITHOUT_CENTRE: _("Mål ingen sentral arbeider for"),
    OVERDUE: _("Tiltak over fristen"),
}


def plan_list(request):
    plans = access.visible_plans(
        request.user, Plan.objects.select_related("municipality").order_by("title")
    )
    return render(request, "plans/plan_list.html", {"forest": plan_forest(plans)})


def plan_detail(request, pk):
    plan = access.get_plan_for_user(request.user, pk, queryset=Plan.objects.for_page())
    measures = plan.measures.select_related("goal__plan", "strategy__goal").order_by(
        F("deadline").asc(nulls_last=True), "text", "pk"
    )
    goals = paginate(request, plan.goals.as_tree().order_by("number", "pk"), PLAN_GOALS)
    # The same for every reader of the plan: rendered once per page of goals until the
    # plan changes (its goals, strategies and focus areas move updated_at, services).
    goal_tree = cached(
        "plan-goal-tree",
        plan.pk,
        plan.updated_at.isoformat(),
        goals.number,
        build=lambda: render_to_string("plans/_goal_tree.html", {"goals": goals}),
    )
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "goals": goals,
            "goal_tree": goal_tree,
            "measures": paginate(request, measures, PLAN_MEASURES, param="tiltak"),
            "children": access.visible_plans(request.user, plan.children.all()),
            "today": timezone.localdate(),
            "changelog": changelog.for_page(request.user, "plan", plan, plan.municipality_id),
        },
    )


def goal_detail(request, pk):
    goal = access.get_goal_for_user(request.user, pk, queryset=Goal.objects.for_page())
    return render(
        request,
        "plans/goal_detail.html",
        {
            "goal": goal,
            # The centres' goals and the clauses that serve it (from the apps above plans).
            **followers.for_goal(request.user, goal),
            "today": timezone.localdate(),
            "changelog": changelog.for_page(request.user, "mal", goal, goal.plan.municipality_id),
        },
    )


def hearing_detail(request, pk):
    inputs = HearingInput.objects.prefetch_related("changed_goals", "changed_strategies__goal")
    hearing = access.get_hearing_for_user(
        request.user,
        pk,
        queryset=Hearing.objects.with_counts()
        .select_related("plan__municipality")
        .prefetch_related(Prefetch("inputs", queryset=inputs)),
    )
    return render(request, "plans/hearing_detail.html", {"hearing": hearing})


def progress(request):
    goals = access.visible_goals(
        request.user,
        Goal.objects.with_progress()
        .select_related("plan__municipality")
        .order_by("plan__title", "number"),
    )
    overdue = access.visible_measures(
        request.user,
        Measure.objects.overdue().select_related(
            "plan__municipality", "goal__plan", "strategy__goal"
        ),
    )
    today = timezone.localdate()
    chosen = request.GET.get("liste")
    if chosen in PROGRESS_LISTS:
        page = paginate(request, full_list(chosen, goals, overdue), PROGRESS_PER_PAGE)
        return render(
            request,
            "plans/progress_list.html",
            {
                "page": page,
                "title": PROGRESS_LISTS[chosen],
                "measures": chosen == OVERDUE,
                "today": today,
            },
        )
    return render(
        request,
        "plans/progress.html",
        {"rows": progress_by_municipality(goals, overdue, PROGRESS_ITEMS), "today": today},
    )
