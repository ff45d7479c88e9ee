"""The plan hierarchy as a tree, built in Python from one query of visible plans."""

from dataclasses import dataclass, field

from .models import Plan


@dataclass
class PlanNode:
    plan: Plan
    children: list["PlanNode"] = field(default_factory=list)


@dataclass
class MunicipalityPlans:
    municipality: object
    roots: list[PlanNode] = field(default_factory=list)


def _sort(nodes: list[PlanNode]) -> list[PlanNode]:
    nodes.sort(key=lambda node: (node.plan.level, node.plan.start_year or 0, node.plan.title))
    for node in nodes:
        _sort(node.children)
    return nodes


def plan_forest(plans) -> list[MunicipalityPlans]:
    """Each municipality's plans from the most overarching down; a plan whose parent
    the user cannot see (or that has none) starts a tree of its own."""
    nodes = {plan.pk: PlanNode(plan) for plan in plans}
    groups: dict[int, MunicipalityPlans] = {}
    for node in nodes.values():
        parent = nodes.get(node.plan.parent_id)
        if parent is not None:
            parent.children.append(node)
            continue
        municipality = node.plan.municipality
        groups.setdefault(municipality.pk, MunicipalityPlans(municipality)).roots.append(node)
    forest = sorted(groups.values(), key=lambda group: group.municipality.name)
    for group in forest:
        _sort(group.roots)
    return forest
