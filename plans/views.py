from django.db.models import F, Prefetch, Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements import access as agreement_access
from agreements.models import Agreement, AgreementClause, FrameworkClause
from centres import access as centre_access
from centres.models import PeriodGoal
from frivillig import changelog
from frivillig.lib.pagination import paginate

from . import access
from .models import Goal, Hearing, HearingInput, Measure, Plan, Strategy
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
    return render(
        request,
        "plans/plan_detail.html",
        {
            "plan": plan,
            "goals": paginate(request, plan.goals.as_tree().order_by("number", "pk"), PLAN_GOALS),
            "measures": paginate(request, measures, PLAN_MEASURES, param="tiltak"),
            "children": access.visible_plans(request.user, plan.children.all()),
            "today": timezone.localdate(),
            "changelog": changelog.for_page(request.user, "plan", plan, plan.municipality_id),
        },
    )


def goal_detail(request, pk):
    goal = access.get_goal_for_user(request.user, pk, queryset=Goal.objects.for_page())
    # Centres whose period goals point to this goal or to one of its strategies.
    centre_goals = (
        PeriodGoal.objects.filter(
            Q(municipal_goals=goal) | Q(municipal_strategies__goal=goal),
            period__centre__in=centre_access.visible_centres(request.user),
        )
        .select_related("period__centre")
        .prefetch_related(
            Prefetch("municipal_strategies", queryset=Strategy.objects.filter(goal=goal))
        )
        .distinct()
        .order_by("period__centre__name", "-period__start_year", "order", "pk")
    )
    return render(
        request,
        "plans/goal_detail.html",
        {
            "goal": goal,
            "centre_goals": centre_goals,
            "framework_clauses": _framework_clauses(goal),
            "agreement_clauses": _agreement_clauses(request.user, goal),
            "today": timezone.localdate(),
            "changelog": changelog.for_page(request.user, "mal", goal, goal.plan.municipality_id),
        },
    )


def _framework_clauses(goal):
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


def _agreement_clauses(user, goal):
    """Local clauses that name the goal or one of its strategies, in the agreements the
    user may see. Expired and renewed agreements no longer follow anything up."""
    agreements = agreement_access.visible_agreements(user).exclude(
        status__in=[Agreement.Status.EXPIRED, Agreement.Status.RENEWED]
    )
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
