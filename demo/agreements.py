"""Skien's common framework for cooperation agreements (two versions) and the agreements
with its centres, written from what the centres asked for in seed 000.

Everything goes through the agreements app's services (agreements.services, .transitions
and .comments), one step at a time, so the versions, the events and the comment threads
are the ones the portal itself would have written. Each step runs on the date the data
file gives it: the services take it as their `now` instead of reading the clock, so the
history reads as a story and is the same on every run. The demo e-mails nobody (`quiet`).

Idempotent: the framework is found by its municipality and its versions by number; an
agreement by (centre, valid_from), and an agreement that exists is not built again. A
framework version is written when the first agreement that needs it is built, so an
agreement drafted on version 1 stays on version 1 (and shows as outdated) once version 2
exists.
"""

import datetime

from django.utils import timezone

from agreements import comments, services, transitions
from agreements.models import Agreement, AgreementClause, Comment, FrameworkClause
from plans.models import Goal, Strategy

from .loader import DemoContext


def _text(value) -> str:
    return "\n".join(value) if isinstance(value, list) else (value or "")


def _when(value: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(value))


class _Loader:
    def __init__(self, data: dict, context: DemoContext):
        self.data = data
        self.report = context.report
        self.municipality = context.municipalities[data["municipality"]]
        self.centres = context.centres
        self.coordinator = context.users[data["coordinator"]]
        self.users = context.users
        self.framework = services.framework_for(self.municipality)
        self.agreements: dict[str, Agreement] = {}
        self.threads: dict[str, Comment] = {}

    # --- plans the clauses point to ---

    def goal(self, number: int) -> Goal:
        return Goal.objects.get(
            plan__municipality=self.municipality, plan__title=self.data["plan"], number=number
        )

    def strategy(self, goal: int, number: int) -> Strategy:
        return Strategy.objects.get(goal=self.goal(goal), number=number)

    # --- the framework ---

    def ensure_framework(self, number: int) -> None:
        """Writes the framework's versions up to `number` that are not there yet."""
        have = self.framework.versions.count()
        for spec in self.data["framework"]["versions"][have:number]:
            services.save_framework(
                framework=self.framework,
                by=self.coordinator,
                revision=self.framework.revision,
                apply_changes=lambda spec=spec: self._write_framework(spec),
                note=spec["note"],
                now=_when(spec["at"]),
            )
            self.report.count("versjoner av felles ramme", True)

    def _write_framework(self, spec: dict) -> None:
        framework = self.framework
        framework.title = self.data["framework"]["title"]
        framework.introduction = _text(self.data["framework"]["introduction"])
        framework.save(update_fields=["title", "introduction"])
        existing = {clause.title: clause for clause in framework.clauses.all()}
        for order, item in enumerate(spec["clauses"], 1):
            clause = existing.pop(item["title"], None) or FrameworkClause(
                framework=framework, title=item["title"]
            )
            clause.order = order
            if "text" in item:
                clause.text = _text(item["text"])
                clause.reference = item.get("reference", "")
                clause.reference_url = item.get("reference_url", "")
                clause.goal = self.goal(item["goal"]) if item.get("goal") else None
                clause.strategy = self.strategy(*item["strategy"]) if item.get("strategy") else None
            clause.save()
        for clause in existing.values():
            clause.delete()

    # --- the agreements ---

    def load_agreement(self, item: dict) -> None:
        centre = self.centres[item["centre"]]
        valid_from = datetime.date.fromisoformat(item["valid_from"])
        existing = Agreement.objects.filter(centre=centre, valid_from=valid_from).first()
        if existing:
            self.agreements[item["key"]] = existing
            return
        self.ensure_framework(item["framework"])
        created = _when(item["created"])
        if renewed := item.get("renewal_of"):
            agreement = transitions.start_renewal(
                agreement=self.agreements[renewed], by=self.coordinator, now=created
            )
            if agreement.valid_from != valid_from:
                raise ValueError(f"{item['key']}: a renewal starts {agreement.valid_from}")
        else:
            agreement = services.create_agreement(
                centre=centre,
                by=self.coordinator,
                valid_from=valid_from,
                valid_to=datetime.date.fromisoformat(item["valid_to"]),
                title=item.get("title", ""),
                now=created,
            )
        self.report.count("samarbeidsavtaler", True)
        self.agreements[item["key"]] = agreement
        for step in item["steps"]:
            if "adopt_framework" in step:
                # Before the step, on its own date: the version keeps the date it was made.
                self.ensure_framework(step["adopt_framework"])
            self.take(agreement, step)

    def take(self, agreement: Agreement, step: dict) -> None:
        by = self.users[step["by"]] if step.get("by") else None
        now = _when(step["at"])
        if "edit" in step:
            services.save_agreement(
                agreement=agreement,
                by=by,
                revision=agreement.revision,
                apply_changes=lambda: self._edit(agreement, step["edit"]),
                note=step["note"],
                now=now,
            )
        elif "adopt_framework" in step:
            services.adopt_framework(
                agreement=agreement, by=by, revision=agreement.revision, now=now
            )
        elif "action" in step:
            transitions.apply_transition(
                agreement,
                step["action"],
                by=by,
                comment=step.get("comment", ""),
                on_date=now.date(),
                now=now,
                quiet=True,
            )
        elif "resolve" in step:
            comments.resolve_comment(comment=self.threads[step["resolve"]], by=by, now=now)
        elif "comment" in step:
            clause = agreement.clauses.get(title=step["clause"]) if step.get("clause") else None
            comment = comments.add_comment(
                agreement=agreement,
                by=by,
                text=step["comment"],
                clause=clause,
                parent=self.threads.get(step.get("reply_to")),
                now=now,
                quiet=True,
            )
            if step.get("thread"):
                self.threads[step["thread"]] = comment
        else:
            raise ValueError(f"Unknown demo step: {step}")

    def _edit(self, agreement: Agreement, edit: dict) -> None:
        """Applies one edit as the agreement form would: fields, then local clauses
        changed, removed, added and moved, then the order written once."""
        if fields := edit.get("fields"):
            for name, value in fields.items():
                setattr(agreement, name, value)
            agreement.save(update_fields=list(fields))
        clauses = list(agreement.clauses.order_by("order", "pk"))
        if "replace_local" in edit:
            for clause in [c for c in clauses if not c.is_common]:
                clause.delete()
                clauses.remove(clause)
            edit = {**edit, "add": edit["replace_local"] + edit.get("add", [])}
        by_title = {clause.title: clause for clause in clauses}
        linked = []
        for change in edit.get("change", []):
            clause = by_title.pop(change["title"])
            clause.title = change.get("new_title", clause.title)
            clause.text = _text(change.get("text", clause.text))
            by_title[clause.title] = clause
            linked.append((clause, change))
        for title in edit.get("remove", []):
            clause = by_title.pop(title)
            clause.delete()
            clauses.remove(clause)
        for spec in edit.get("add", []):
            clause = AgreementClause(
                agreement=agreement,
                kind=AgreementClause.Kind.LOCAL,
                title=spec["title"],
                text=_text(spec["text"]),
            )
            after = by_title.get(spec.get("after"))
            clauses.insert(clauses.index(after) + 1 if after else len(clauses), clause)
            by_title[clause.title] = clause
            linked.append((clause, spec))
        for move in edit.get("move", []):
            clause = by_title[move["title"]]
            clauses.remove(clause)
            clauses.insert(clauses.index(by_title[move["before"]]), clause)
        for order, clause in enumerate(clauses, 1):
            clause.order = order
            clause.save()
        for clause, spec in linked:
            if "goals" in spec:
                clause.goals.set([self.goal(number) for number in spec["goals"]])
            if "strategies" in spec:
                clause.strategies.set([self.strategy(*pair) for pair in spec["strategies"]])


def load(data: dict, context: DemoContext) -> None:
    loader = _Loader(data, context)
    for item in data["agreements"]:
        loader.load_agreement(item)
    # A municipality whose agreements all exist still gets every framework version.
    loader.ensure_framework(len(data["framework"]["versions"]))
