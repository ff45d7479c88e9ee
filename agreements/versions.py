"""Snapshots of an agreement's text and the comparison of two snapshots.

A snapshot is plain JSON, so a version never changes when the live rows do. Two snapshots
are compared clause by clause (matched on their keys, so a moved clause is a move, not a
deletion and an insertion) and word by word inside each text, with stdlib difflib.
"""

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from django.utils.translation import gettext_lazy as _

# The agreement's own fields, in the order a comparison shows them.
FIELDS = [
    ("title", _("Tittel")),
    ("valid_from", _("Gjelder fra")),
    ("valid_to", _("Gjelder til")),
    ("municipality_signatory", _("Signerer for kommunen")),
    ("municipality_signatory_title", _("Stilling (kommunen)")),
    ("centre_signatory", _("Signerer for sentralen")),
    ("centre_signatory_title", _("Stilling (sentralen)")),
    ("grant_amount", _("Årlig tilskudd fra kommunen (kr)")),
    ("premises", _("Lokaler")),
    ("contact_person", _("Kommunens kontaktperson")),
    ("meeting_frequency", _("Møter mellom partene")),
]
FIELD_NAMES = [name for name, _label in FIELDS]


def snapshot(agreement, clauses) -> dict:
    """The agreement's text as it is now. `clauses` are its clauses in order, with
    their goals and strategies prefetched."""
    values = {}
    for name in FIELD_NAMES:
        value = getattr(agreement, name)
        values[name] = value.isoformat() if hasattr(value, "isoformat") else value
    return {
        "fields": values,
        "framework_version_id": agreement.framework_version_id,
        "clauses": [
            {
                "key": str(clause.key),
                "kind": clause.kind,
                "title": clause.title,
                "text": clause.text,
                "goal_ids": sorted(goal.pk for goal in clause.goals.all()),
                "strategy_ids": sorted(strategy.pk for strategy in clause.strategies.all()),
            }
            for clause in clauses
        ],
    }


# --- word-level diff -------------------------------------------------------------------

_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


@dataclass
class Segment:
    op: str  # "equal", "insert" or "delete"
    text: str


def word_diff(old: str, new: str) -> list[Segment]:
    """The words of `old` and `new` as equal, deleted and inserted runs.

    Only the words (and punctuation) are matched; the whitespace between them is paired
    up afterwards. As tokens of their own, spaces stand in almost every other position,
    which made the matcher cubic: a long clause edited in many places took minutes."""
    a, b = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    # Token positions of the words, and the end of each text as the last "word".
    wa = [i for i, token in enumerate(a) if not token.isspace()] + [len(a)]
    wb = [j for j, token in enumerate(b) if not token.isspace()] + [len(b)]
    segments: list[Segment] = []
    ta = tb = 0  # the first token of each text not yet emitted

    def emit(op: str, text: str) -> None:
        if not text:
            return
        if segments and segments[-1].op == op:
            segments[-1] = Segment(op, segments[-1].text + text)
        else:
            segments.append(Segment(op, text))

    def advance(op: str, end_a: int, end_b: int) -> None:
        """Emits the tokens up to `end_a` and `end_b`: as `op` ("equal" pairs them when
        they are the same), or as a deletion and an insertion."""
        nonlocal ta, tb
        before, after = "".join(a[ta:end_a]), "".join(b[tb:end_b])
        if op == "equal" and before == after:
            emit("equal", before)
        else:
            emit("delete", before)
            emit("insert", after)
        ta, tb = end_a, end_b

    matcher = SequenceMatcher(a=[a[i] for i in wa[:-1]], b=[b[j] for j in wb[:-1]], autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        advance("equal", wa[i1], wb[j1])  # the whitespace before the run
        if op == "equal":
            for k in range(i2 - i1):
                advance("equal", wa[i1 + k], wb[j1 + k])
                advance("equal", wa[i1 + k] + 1, wb[j1 + k] + 1)
        elif op == "replace":
            advance(op, wa[i2 - 1] + 1, wb[j2 - 1] + 1)
        elif op == "delete":
            advance(op, wa[i2], tb)  # with the space after it, paired before
        else:
            advance(op, ta, wb[j2])
    advance("equal", len(a), len(b))
    return segments


def old_side(segments):
    return [s for s in segments if s.op != "insert"]


def new_side(segments):
    return [s for s in segments if s.op != "delete"]


# --- comparing two snapshots -----------------------------------------------------------


@dataclass
class FieldChange:
    label: str
    old: str
    new: str
    segments: list[Segment]

    @property
    def old_segments(self):
        return old_side(self.segments)

    @property
    def new_segments(self):
        return new_side(self.segments)


@dataclass
class ClauseChange:
    """One clause across two versions. `change` is "unchanged", "changed", "added" or
    "removed"; `moved` says the clause changed place (positions are 1-based)."""

    key: str
    kind: str
    change: str
    old_position: int | None
    new_position: int | None
    title: list[Segment] = field(default_factory=list)
    text: list[Segment] = field(default_factory=list)
    # Moved out of the order the other clauses keep: an inserted or removed clause shifts
    # the positions after it, which is not a move of those clauses.
    reordered: bool = False

    @property
    def moved(self) -> bool:
        return (
            self.old_position is not None
            and self.new_position is not None
            and self.old_position != self.new_position
        )

    @property
    def old_title(self):
        return old_side(self.title)

    @property
    def new_title(self):
        return new_side(self.title)

    @property
    def old_text(self):
        return old_side(self.text)

    @property
    def new_text(self):
        return new_side(self.text)


@dataclass
class Comparison:
    fields: list[FieldChange]
    clauses: list[ClauseChange]

    @property
    def has_changes(self) -> bool:
        return bool(self.fields) or any(c.change != "unchanged" or c.moved for c in self.clauses)

    @property
    def counts(self) -> dict[str, int]:
        counts = {"changed": 0, "added": 0, "removed": 0, "moved": 0}
        for clause in self.clauses:
            if clause.change in counts:
                counts[clause.change] += 1
            if clause.moved:
                counts["moved"] += 1
        counts["reordered"] = sum(1 for clause in self.clauses if clause.reordered)
        counts["fields"] = len(self.fields)
        return counts


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):
        # Amounts in kroner read "320 000", grouped with no-break spaces.
        return f"{value:,}".replace(",", "\u00a0")
    return str(value)


def _reordered_keys(old_keys: list[str], new_keys: list[str]) -> set[str]:
    """The clauses kept in both versions that left the order of the others: those outside
    the longest run of kept clauses in the same order."""
    kept = set(old_keys) & set(new_keys)
    before = [key for key in old_keys if key in kept]
    after = [key for key in new_keys if key in kept]
    in_order = set()
    for block in SequenceMatcher(a=before, b=after, autojunk=False).get_matching_blocks():
        in_order.update(before[block.a : block.a + block.size])
    return kept - in_order


def compare(old: dict, new: dict, *, fields_shown=FIELDS) -> Comparison:
    """`fields_shown` are the (name, label) pairs of `snapshot["fields"]` to compare; the
    framework passes its title and introduction."""
    fields = []
    old_fields, new_fields = old.get("fields", {}), new.get("fields", {})
    for name, label in fields_shown:
        before, after = _text(old_fields.get(name)), _text(new_fields.get(name))
        if before != after:
            fields.append(FieldChange(str(label), before, after, word_diff(before, after)))

    old_clauses = {c["key"]: (i, c) for i, c in enumerate(old.get("clauses", []), 1)}
    new_clauses = {c["key"]: (i, c) for i, c in enumerate(new.get("clauses", []), 1)}
    clauses = []
    for key, (position, clause) in new_clauses.items():
        if key in old_clauses:
            old_position, before = old_clauses[key]
            same = before["title"] == clause["title"] and before["text"] == clause["text"]
            clauses.append(
                ClauseChange(
                    key,
                    clause["kind"],
                    "unchanged" if same else "changed",
                    old_position,
                    position,
                    word_diff(before["title"], clause["title"]),
                    word_diff(before["text"], clause["text"]),
                )
            )
        else:
            clauses.append(
                ClauseChange(
                    key,
                    clause["kind"],
                    "added",
                    None,
                    position,
                    [Segment("insert", clause["title"])],
                    [Segment("insert", clause["text"])],
                )
            )
    # A removed clause is shown where it stood in the older version.
    for key, (position, clause) in old_clauses.items():
        if key not in new_clauses:
            removed = ClauseChange(
                key,
                clause["kind"],
                "removed",
                position,
                None,
                [Segment("delete", clause["title"])],
                [Segment("delete", clause["text"])],
            )
            index = next(
                (i for i, c in enumerate(clauses) if (c.old_position or 0) > position),
                len(clauses),
            )
            clauses.insert(index, removed)
    reordered = _reordered_keys(list(old_clauses), list(new_clauses))
    for clause in clauses:
        clause.reordered = clause.key in reordered
    return Comparison(fields, clauses)


# The framework's own texts, compared the way an agreement's fields are.
FRAMEWORK_FIELDS = [("title", _("Tittel")), ("introduction", _("Innledning"))]


def compare_frameworks(old: dict, new: dict) -> Comparison:
    """Two framework snapshots: their title and introduction, then their clauses. An empty
    dict stands for no framework yet."""

    def shaped(snapshot):
        return {
            "fields": {name: snapshot.get(name) for name, _label in FRAMEWORK_FIELDS},
            "clauses": snapshot.get("clauses", []),
        }

    return compare(shaped(old), shaped(new), fields_shown=FRAMEWORK_FIELDS)
