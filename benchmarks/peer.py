"""The peer comparison in docs/performance.md: the survey form and its submit against the
reference survey app, each as a ratio to its own app's trivial view.

The reference app is not part of this repository or of `make bench`. Its figures are
those of issue 20's side-by-side run on this kind of machine (the same gunicorn
configuration for both apps, wrk, 10 s a page): its new-respondent form at 1/91 of its
trivial view (16.1 requests/s, 67 queries), its submit at 1/100. A ratio to the trivial
view of the same machine and run is what carries from one run to another, so this run's
ratios are set against those. The target: ours at least 5 times theirs.
"""

from dataclasses import dataclass

# 1 / (the reference app's requests/s as a share of its trivial view's), from issue 20.
REFERENCE_FORM, REFERENCE_SUBMIT = 91, 100
TARGET_TIMES = 5

HEADING = "## Against the reference survey app"


@dataclass
class PeerRow:
    label: str
    ours: float  # requests/s as a share of our trivial view's; 0 when not measured
    theirs: int  # the reference app's ratio's denominator

    @property
    def times(self) -> float:
        return self.ours * self.theirs

    @property
    def met(self) -> bool:
        return self.times >= TARGET_TIMES


def peer_rows(*, forms: dict[str, float], submit: float) -> list[PeerRow]:
    """`forms`: {municipality: the survey form's ratio}; `submit`: the submit's ratio."""
    rows = [
        PeerRow(f"survey form ({place}, leader)", ratio, REFERENCE_FORM)
        for place, ratio in forms.items()
    ]
    rows.append(PeerRow("submit: answers + confirmation", submit, REFERENCE_SUBMIT))
    return rows


def peer_lines(rows: list[PeerRow]) -> list[str]:
    lines = [
        HEADING,
        "",
        "The reference survey app is not part of this repository or of `make bench`: its "
        "ratios are those of issue 20's side-by-side run on this kind of machine (the same "
        "gunicorn configuration for both apps, wrk, 10 s a page), its new-respondent form "
        f"at 1/{REFERENCE_FORM} of its trivial view (16.1 requests/s, 67 queries) and its "
        f"submit at 1/{REFERENCE_SUBMIT}. A ratio to the same machine's trivial view is "
        "what carries from one run to another, so this run's ratios (the tables above) are "
        f"set against those. The target is {TARGET_TIMES} times the reference's ratio.",
        "",
        "| request | Frivillig, this run | reference app | times the reference's ratio "
        "| target | met |",
        "|---|---:|---:|---:|---|---|",
    ]
    for row in rows:
        ours = f"1/{1 / row.ours:.1f}" if row.ours else "not measured"
        times = f"{row.times:.1f}×" if row.ours else "–"
        lines.append(
            f"| {row.label} | {ours} | 1/{row.theirs} | {times} | ≥ {TARGET_TIMES}× | "
            f"{'✅' if row.met else '❌'} |"
        )
    return lines + [""]
