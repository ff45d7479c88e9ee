"""`manage.py bench_deck` (make bench-deck, and make bench on the full-size data): the
worker's time to make the deck's files from scratch and the first download after it,
and the sentence the report makes of them."""

import io
import json

from django.core.management import call_command

from benchmarks import report
from benchmarks.management.commands import bench_deck
from surveys.models import DeckFile, Survey


def test_each_file_is_made_from_scratch_and_then_downloaded_from_the_store(demo):
    out = io.StringIO()
    call_command(bench_deck.Command(), "--json", stdout=out)

    times = json.loads(out.getvalue().strip().splitlines()[-1])
    assert set(times) == {"pdf", "pptx"}
    assert all(t["status"] == 200 and t["made_s"] > 0 for t in times.values())
    survey = Survey.objects.get(municipality__slug="skien", round=2025)
    made = DeckFile.objects.filter(survey=survey).exclude(data=None)
    # One file of each format: the download found the worker's, it made no other.
    assert sorted(made.values_list("format", flat=True)) == ["pdf", "pptx"]


def test_the_report_says_how_long_the_worker_took():
    lines = report._deck_made_lines(
        {"pdf": {"made_s": 1.666, "first_s": 0.1}, "pptx": {"made_s": 0.46, "first_s": 0.07}}
    )
    assert "its PDF in 1.67 s and its PowerPoint file in 0.46 s" in lines[0]
    assert report._deck_made_lines(None) == []
