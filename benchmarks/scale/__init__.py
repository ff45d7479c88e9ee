"""National-scale data for the benchmark, written with bulk_create in batches.

The shape (at --scale 1; every count but the rounds and the questions is multiplied by
the scale, so the pages at 1/10 and at full size can be compared):

- "Skala Storby": the worst case for a page: 500 centres, each with a leader, a profile
  (target groups, a goal period with goals, partners, a contact), a response to each of
  10 yearly survey rounds of 30 questions (the last round open), an agreement with 20
  versions, and a thematic plan with 300 goals, their strategies and measures.
- "Skala Mellomby": 10 centres (at every scale), for the dialogue-meeting deck of 10
  centres; otherwise like Storby.
- 78 more municipalities ("Skala 003" …) with 2 centres each and the same structure,
  so every table holds a nation's rows, not one municipality's.

Everything lives in municipalities named "Skala …"; `wipe()` removes them and nothing
else. The random generator is seeded, so two runs build the same data.
"""

from .builder import Builder
from .shape import BIG, MIDDLE, PASSWORD, PREFIX, Shape, Stats, sentence
from .wipe import wipe

__all__ = ["BIG", "MIDDLE", "PASSWORD", "PREFIX", "Builder", "Shape", "Stats", "sentence", "wipe"]
