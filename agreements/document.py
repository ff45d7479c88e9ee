"""The agreement as a document: its numbered clauses with their anchors and their text
in paragraphs and lists, and the comment threads hung on the clauses. Shared by the
agreement page and its PDF."""

import re

from django.db.models import Prefetch

from plans.models import Strategy

from . import comments

_BULLET = re.compile(r"^(\s*)[-–•*]\s+(.*)$")
_NUMBERED = re.compile(r"^\s*(\d+)[.)]\s+(.*)$")


def text_blocks(text: str) -> list[dict]:
    """A clause's plain text as a document shows it: paragraphs (lines kept), bullet
    lists from lines starting with "-" (indented ones one level in) and numbered lists
    from "1." lines. Only structure: the words are exactly what was typed."""
    blocks: list[dict] = []

    def current(kind):
        if not blocks or blocks[-1]["kind"] != kind:
            blocks.append({"kind": kind, "items": []})
        return blocks[-1]["items"]

    for line in (text or "").splitlines():
        if not line.strip():
            blocks.append({"kind": "break", "items": []})
        elif bullet := _BULLET.match(line):
            items = current("ul")
            if bullet.group(1) and items:
                items[-1]["children"].append(bullet.group(2))
            else:
                items.append({"text": bullet.group(2), "children": []})
        elif numbered := _NUMBERED.match(line):
            items = current("ol")
            items.append({"text": numbered.group(2), "children": [], "number": numbered.group(1)})
        elif line.startswith((" ", "\t")) and blocks and blocks[-1]["kind"] in ("ul", "ol"):
            blocks[-1]["items"][-1]["children"].append(line.strip())
        else:
            current("p").append(line.strip())
    return [block for block in blocks if block["kind"] != "break"]


def numbered_clauses(agreement):
    """The clauses in order, with their municipal goals and, for common clauses, the
    anchor the framework version gives them."""
    clauses = list(
        agreement.clauses.order_by("order", "pk").prefetch_related(
            "goals", Prefetch("strategies", queryset=Strategy.objects.select_related("goal"))
        )
    )
    framework_clauses = {}
    if agreement.framework_version:
        framework_clauses = {c["key"]: c for c in agreement.framework_version.clauses}
    for number, clause in enumerate(clauses, 1):
        clause.number = number
        anchor = framework_clauses.get(str(clause.key), {})
        clause.reference = anchor.get("reference", "")
        clause.reference_url = anchor.get("reference_url", "")
        clause.blocks = text_blocks(clause.text)
    return clauses


def document_context(agreement) -> dict:
    """What the agreement page and the PDF both show: the text of the agreement."""
    return {"agreement": agreement, "clauses": numbered_clauses(agreement)}


def comment_threads_by_clause(agreement, clauses, failed_target=""):
    """The comment threads hung on their clauses (or on the whole agreement), with the
    counts the page shows; `failed_target` names the form whose post failed."""
    threads = list(comments.comment_threads(agreement))
    by_clause = {str(clause.key): clause for clause in clauses}
    for clause in clauses:
        clause.threads = []
        clause.comment_target = f"punkt-{clause.key}"
    general = []
    for thread in threads:
        thread.comment_target = f"svar-{thread.pk}"
        thread.all_replies = list(thread.replies.all())
        clause = by_clause.get(str(thread.clause_key)) if thread.clause_key else None
        (clause.threads if clause else general).append(thread)
    for clause in clauses:
        clause.comment_count = sum(1 + len(t.all_replies) for t in clause.threads)
        clause.open_threads = sum(1 for t in clause.threads if not t.is_resolved)
        clause.has_failed_reply = any(t.comment_target == failed_target for t in clause.threads)
    first_open = next((t for t in threads if not t.is_resolved), None)
    return threads, general, first_open
