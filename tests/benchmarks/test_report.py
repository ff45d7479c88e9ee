"""The benchmark's report and its gunicorn settings: a page with no completed request is
a failure with its cause (not "0 … 1/0.0"), the two-instance factor is a figure against
its target, and no worker is recycled inside a measured run."""

import runpy
from pathlib import Path

from benchmarks import report
from benchmarks.load import Load
from benchmarks.peer import peer_lines, peer_rows

GUNICORN_CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


def _scaling(two_for_results: Load) -> dict:
    return {
        "rows": [{"name": "dashboard"}, {"name": "survey results"}],
        "workers": 5,
        "one": {
            "trivial": Load(1000, 5, 9, 3000),
            "dashboard": Load(100, 40, 90, 300),
            "survey results": Load(50, 80, 150, 150),
        },
        "two": {
            "trivial": Load(1700, 4, 8, 5100),
            "dashboard": Load(180, 30, 70, 540),
            "survey results": two_for_results,
        },
    }


def test_a_run_with_no_completed_request_is_a_failure_with_its_cause():
    lines = report.scaling_lines(
        _scaling(Load(0, 0, 0, 0, 1, "wrk failed: connection refused")), seconds=3
    )
    [results] = [line for line in lines if line.startswith("| survey results")]
    assert "**failed**: wrk failed: connection refused | – | –" in results
    assert "| 0 |" not in results and "1/0" not in results
    assert results.endswith("| – | ≥ 1.6× | ❌ |")
    [dashboard] = [line for line in lines if line.startswith("| dashboard")]
    assert "| 1.80× | ≥ 1.6× | ✅ |" in dashboard
    [trivial] = [line for line in lines if line.startswith("| trivial view")]
    assert "| 1.70× |" in trivial


def test_only_errors_are_a_failure_too():
    assert report.failure(Load(50, 1, 2, 150, 150)) == "every response an error (150 of 150)"
    assert report.failure(Load(0, 0, 0, 0, 0, "no request completed")) == "no request completed"
    assert report.failure(None) == "not measured"
    assert report.failure(Load(50, 1, 2, 150, 3)) == ""


def test_the_cluster_section_is_replaced_and_the_rest_kept():
    old = (
        "# Performance\n\n## Pages\n\nkept\n\n"
        "## Two app servers against one\n\nold\n\n## Targets\n\nkept too\n"
    )
    new = report.replace_scaling(old, ["## Two app servers against one", "", "new", ""])
    assert "old" not in new and "new" in new
    assert new.count("kept") == 2 and new.index("new") < new.index("## Targets")


def test_gunicorn_recycles_workers_unless_the_benchmark_turns_it_off(monkeypatch):
    monkeypatch.delenv("GUNICORN_MAX_REQUESTS", raising=False)
    conf = runpy.run_path(str(GUNICORN_CONF))
    assert (conf["max_requests"], conf["max_requests_jitter"]) == (2000, 200)
    monkeypatch.setenv("GUNICORN_MAX_REQUESTS", "0")
    conf = runpy.run_path(str(GUNICORN_CONF))
    assert (conf["max_requests"], conf["max_requests_jitter"]) == (0, 0)


def test_the_form_and_the_submit_are_set_against_the_reference_apps_ratios():
    rows = peer_rows(forms={"Storby": 1 / 30, "Mellomby": 1 / 15}, submit=0)
    lines = peer_lines(rows)
    [storby] = [line for line in lines if line.startswith("| survey form (Storby")]
    assert "| 1/30.0 | 1/91 | 3.0× | ≥ 5× | ❌ |" in storby
    [mellomby] = [line for line in lines if line.startswith("| survey form (Mellomby")]
    assert "| 1/15.0 | 1/91 | 6.1× | ≥ 5× | ✅ |" in mellomby
    # A submit with no figure is not a ratio of zero: it is not measured, and missed.
    [submit] = [line for line in lines if line.startswith("| submit")]
    assert "| not measured | 1/100 | – | ≥ 5× | ❌ |" in submit
    assert [row.met for row in rows] == [False, True, False]
