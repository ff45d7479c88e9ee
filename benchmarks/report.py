"""docs/performance.md: the table, the targets met or missed, and how it was measured."""

READ_RATIO, FORM_RATIO = 1 / 5, 1 / 10
TARGET_FACTOR = 1.6  # two instances against one, on the same page
MAX_QUERIES, MAX_SUBMIT_QUERIES, MAX_EXPORT_QUERIES = 15, 10, 10
EXPORT_MS = {"export CSV (round)": 1000, "export XLSX (round)": 1000, "deck PDF": 2000}
SIZE_LABELS = [
    ("accounts.Municipality", "municipalities"),
    ("centres.Centre", "centres"),
    ("accounts.User", "users"),
    ("surveys.Survey", "surveys (rounds × municipalities)"),
    ("surveys.Question", "questions"),
    ("surveys.SurveyResponse", "responses"),
    ("surveys.Answer", "answers"),
    ("agreements.Agreement", "agreements"),
    ("agreements.AgreementVersion", "agreement versions"),
    ("plans.Goal", "plan goals"),
    ("plans.Measure", "measures"),
    ("meetings.Meeting", "meetings"),
]


FINDINGS = [
    "",
    "## What limits the pages, and what was done",
    "",
    "Before and after figures are CPU per request in the Django process (test client on "
    "the full-size data, pyinstrument for where it goes); each commit message has them.",
    "",
    "- **Fixed: answering a survey.** The form's save passed no questions, so the "
    "service read them again inside the transaction, and the confirmation page read the "
    "user's municipality for the navbar: the 30-question submit with its confirmation "
    "page went from 12 to 10 queries, the autosave from 13 to 12, the form one fewer. "
    "The submit proper (confirm) is one transaction.",
    "- **Fixed: the session is no longer written by every request.** "
    "`SESSION_SAVE_EVERY_REQUEST` cost every logged-in request an UPDATE and a commit; "
    "`accounts.middleware.SessionRenewalMiddleware` renews the two-hour expiry only when "
    "the last renewal is 5 minutes old, so a session still ends after 2 hours of "
    "inactivity (give or take those minutes) and logging out still ends it at once. "
    "Every logged-in page has one query and one transaction fewer (Mellomby centre page "
    "21.6 → 18.8 ms, survey form 22.5 → 20.8 ms).",
    "- **Fixed: the centre page** had 16 queries: the formal schedule prefetched the "
    "centres of every visit of the year; it now reads the meetings with the centre each "
    "is for in one query, and a centre's page only that centre's visits: 14 queries "
    "with the session change.",
    "- **Made cheaper: the survey form** (19.0 → about 15 ms): the view prepares each "
    "question's ids, aria-describedby and options with their checked state, instead of "
    "the template deciding per option and formatting every id number (the same HTML). "
    "**The results page** (33.2 → 29.3 ms for 10 centres): the bars' words come from "
    "Python instead of two blocktranslate tags per option. **The plan page**: goals' "
    "strategies and focus areas are prefetched into lists, since Django builds a "
    "queryset per object for a prefetched manager (251.6 → 229.6 ms for all 300 goals, "
    "before the page was paginated).",
    "- **Pages that grew with the municipality are shown a page at a time** (another "
    "helper's commits in the same round): the centre list 24 cards a page, the "
    "dashboard the 10 most urgent visits and agreements, the results the first 10 "
    "free-text answers of a question with the rest on a page of their own, side by "
    "side 15 centres a page, the progress overview counted in the database with 10 of "
    "each list, the plan page 20 goals and 25 measures a page. Storby's pages now cost "
    "about what Mellomby's do.",
    "- **Checked:** the cached template loader is on (DEBUG off and no `loaders` "
    "configured, so Django wraps them in the cached loader: stated above for the "
    "measured process); persistent connections (`CONN_MAX_AGE=600`); static files "
    "from whitenoise's manifest; no page's query count grows with the data (equal at "
    "1/10 and full size), so the indexes and prefetches hold at national scale.",
    "- **Why no read page reaches 1/5 of the trivial view, nor the survey form 1/10 "
    "(targets missed):** on a quiet machine the trivial view serves about 2,500 "
    "requests/s on the 2 cores, under 1 ms of CPU per request for gunicorn, the "
    "middleware and wrk together; 1/5 of it (about 500/s) leaves about 4 ms of the 2 "
    "cores for a whole page, PostgreSQL included. Measured in the Django process "
    "alone: `/ping` costs 0.35 ms, 1.55 ms when logged in (reading the session and the "
    "user), the privacy notice (base.html with the navbar, no query of its own) 3.9 ms, "
    "and the typical pages 14–30 ms: 6–12 queries of their own (PostgreSQL on the same "
    "2 cores) and Django's template engine rendering 30–60 KB of HTML over many small "
    "nodes; no single hot spot is left in the profiles. So the pages serve 30–170 "
    "requests/s, 1/12–1/102 of the trivial view in the runs made (Storby's results page, "
    "which counts 500 centres' answers in about 0.24 s of CPU, 1/145–1/270); the survey "
    "form 1/16–1/35, 3–5 times better than "
    "the reference survey app's 1/91 but not the 5 times aimed at. The runs of "
    "1 December were on a slower day of the shared machine: the deck alone took 3.5 s "
    "against 2.5 s the day before, while the trivial view, bound by wrk and gunicorn, "
    "held its rate, so every ratio came out lower. Tried: "
    "the cheaper templates above, fewer queries, no session write, pagination. What "
    "would still help: caching rendered fragments keyed by the data's last change (the "
    "results of a closed round), a faster template engine (Jinja2) for the hot pages, "
    "or more cores (the pages scale with workers; the trivial view is partly bound by "
    "wrk on the same cores, so the ratio is one machine's).",
    "- **The deck PDF (target missed for the first download):** for 10 centres and 30 "
    "questions it is one slide per centre and answer, 212 pages. pyinstrument on the "
    "first render: WeasyPrint's layout about 60 %, drawing the PDF about 25 %, importing "
    "WeasyPrint 0.5 s once per worker; our template under 0.1 s. The PDFs (deck, "
    "dossier, agreement) are now kept in the cache under a hash of their HTML and "
    "stylesheet: the same deck downloaded again takes about 50 ms (3.5 s → 56 ms in one "
    "process), and any change to what it shows changes the HTML and so the key. The "
    "*first* render is the figure that counts and is what the table checks. The "
    "print stylesheet lays the two-column slides out with floats instead of a grid and "
    "puts the slide number after the kicker instead of in an absolutely placed box: "
    "about 10 % less (3.5–3.8 s → 3.3 s for the 10-centre deck, one process). What "
    "would help: fewer slides per centre (answers grouped), or rendering the deck in "
    "a background task when the results are published, so the download finds it in "
    "the cache (a shared cache such as Redis or the database, since locmem is per "
    "worker).",
]


def _ratio(trivial, result) -> str:
    if not result or not result.rps or not trivial.rps:
        return "–"
    return f"{trivial.rps / result.rps:.1f}"


def _mark(ok: bool) -> str:
    return "✅" if ok else "❌"


def failure(result) -> str:
    """Why a run has no figure, or "": nothing measured, no request completed (wrk or
    the client failed, the server did not answer), or every answer an error."""
    if result is None:
        return "not measured"
    if not result.requests or not result.rps:
        return result.note or "no request completed"
    if result.errors >= result.requests:
        return f"every response an error ({result.errors} of {result.requests})"
    return ""


def _figures(result) -> str:
    """requests/s | p50 | p99, or the failure and its cause across them."""
    if cause := failure(result):
        return f"**failed**: {cause} | – | –"
    errors = f" ({result.errors} errors)" if result.errors else ""
    return f"{result.rps:,.0f}{errors} | {result.p50_ms:.1f} | {result.p99_ms:.1f}"


SCALING_HEADING = "## Two app servers against one"


def scaling_lines(scaling: dict, *, seconds: int, runtime: float | None = None) -> list[str]:
    one, two = scaling["one"], scaling["two"]
    lines = [
        SCALING_HEADING,
        "",
        "The same pages through nginx (deploy/nginx/frivillig.conf, as `make cluster` "
        f"runs it) with one gunicorn instance and with two, each with {scaling['workers']} "
        f"sync workers, wrk {seconds} s a page. On one machine both instances share its "
        "cores with PostgreSQL, nginx and wrk, so the factor shows what nginx and a second "
        "instance cost and whether requests spread, not what a second machine would add: "
        "with the cores already busy under one instance, the second brings no CPU. On a "
        "machine busy with other work, twice the processes also win a larger share of the "
        "cores from the neighbours, so a factor there says as much about them: compare the "
        "trivial view's rate with a quiet run's.",
        "",
    ]
    if runtime is not None:
        lines += [f"Measured alone (`--only-cluster`) in {runtime / 60:.1f} minutes.", ""]
    lines += [
        "| page | one instance, requests/s | p50 ms | p99 ms | two instances, requests/s "
        "| p50 ms | p99 ms | factor | target | met |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for error in (one.get("error"), two.get("error")):
        if error:
            lines += [f"Not measured: {error}", ""]
    names = ["trivial"] + [row["name"] for row in scaling["rows"]]
    for name in names:
        a, b = one.get(name), two.get(name)
        bad = failure(a) or failure(b)
        factor = b.rps / a.rps if not bad else 0
        label = "trivial view (`/ping`)" if name == "trivial" else f"{name} (Mellomby, coordinator)"
        lines.append(
            f"| {label} | {_figures(a)} | {_figures(b)} | "
            f"{'–' if bad else f'{factor:.2f}×'} | ≥ {TARGET_FACTOR}× | "
            f"{_mark(not bad and factor >= TARGET_FACTOR)} |"
        )
    return lines + [""]


def replace_scaling(text: str, lines: list[str]) -> str:
    """The document with its scaling section replaced (or put before the findings)."""
    section = "\n".join(lines)
    if SCALING_HEADING in text:
        before, rest = text.split(SCALING_HEADING, 1)
        after = rest[rest.find("\n## ") + 1 :] if "\n## " in rest else ""
        return before + section + "\n" + after
    if FINDINGS[1] in text:
        before, after = text.split(FINDINGS[1], 1)
        return before + section + "\n" + FINDINGS[1] + after
    return text + "\n" + section + "\n"


def render(*, counts, loads, size, settings) -> str:
    small = {(r["role"], r["name"]): r for r in counts["1/10"]["rows"]}
    full = counts["full"]["rows"]
    full_info = counts["full"]
    trivial = loads["trivial"]
    python_trivial = loads["python_trivial"]
    missed = []
    lines = [
        "# Performance",
        "",
        f"Measured {settings['date']} by `make bench` on {settings['cores']} cores "
        f"(gunicorn, {settings['workers']} sync workers, production settings, "
        f"`CONN_MAX_AGE=600`, PostgreSQL on the same machine; wrk on loopback, "
        f"{settings['threads']} threads, {settings['connections']} connections, "
        f"{settings['seconds']} s per page). The whole run took "
        f"{settings['runtime'] / 60:.1f} minutes. Numbers move from run to run on a shared "
        "machine; the ratios to the trivial view are what to compare.",
        "",
        f"Settings checked in the measured process: DEBUG {full_info['debug']}, cached "
        f"template loader {'on' if full_info['cached_templates'] else 'OFF'}, "
        f"CONN_MAX_AGE {full_info['conn_max_age']}.",
        "",
        "## Data",
        "",
        "| | 1/10 | full |",
        "|---|---:|---:|",
    ]
    for label, name in SIZE_LABELS:
        lines.append(
            f"| {name} | {size['1/10'].get(label, 0):,} | {size['full'].get(label, 0):,} |"
        )
    lines += [
        "",
        "The pages are those of **Skala Storby**, the largest municipality (500 centres at "
        "full size, 50 at 1/10): its coordinator, the leader of its first centre and its "
        "reader. Its latest published round is the one whose results, side-by-side table "
        "and exports are measured; the open round is answered. The deck PDF is **Skala "
        "Mellomby**'s (10 centres). 78 more municipalities (7 at 1/10) with 2 centres each "
        "hold the rest of the country's rows.",
        "",
        "*Queries* are the SQL statements one request sends (Django's test client with "
        "`CaptureQueriesContext`, after a first request has warmed the caches), counted at "
        "1/10 and at full size; BEGIN and COMMIT are transaction control, not counted. "
        "Every logged-in request reads its session and its user: two of the count (the "
        "session's expiry is renewed at most every 5 minutes, not written by every request).",
        "",
        "## Pages under load",
        "",
        f"Trivial view (`/ping`: the same middleware, no database): **{trivial.rps:,.0f} "
        f"requests/s** ({trivial.note}; p50 {trivial.p50_ms:.1f} ms, p99 "
        f"{trivial.p99_ms:.1f} ms).",
        "",
        "| municipality | role | page | queries 1/10 | queries full | requests/s | p50 ms | "
        "p99 ms | ratio to trivial | target | met |",
        "|---|---|---|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    for row in full:
        key = (row["role"], row["name"])
        if row["kind"] == "export" or row.get("method") == "POST":
            continue
        other = small.get(key, {})
        result = loads["pages"].get(key)
        ratio = result.rps / trivial.rps if not failure(result) and trivial.rps else 0
        wanted = FORM_RATIO if row["kind"] == "form" else READ_RATIO
        equal = other.get("queries") == row["queries"]
        ok = (
            equal
            and row["queries"] <= MAX_QUERIES
            and ratio >= wanted
            and row["status"] == 200
            and result is not None
            and result.errors == 0
        )
        if not ok:
            missed.append(f"{row['name']} ({row['role'].replace('@', ', ')})")
        role, place = row["role"].split("@")
        lines.append(
            f"| {place} | {role} | {row['name']} | {other.get('queries', '–')} | "
            f"{row['queries']} | {_figures(result)} | {f'1/{1 / ratio:.1f}' if ratio else '–'} | "
            f"≥ 1/{round(1 / wanted)}, ≤ {MAX_QUERIES} queries | {_mark(ok)} |"
        )
    lines += [
        "",
        "## Answering a survey (30 questions)",
        "",
        "POSTs change data, so they are not a wrk loop: a Python client with "
        f"{settings['connections']} threads posts for {settings['seconds']} s. **Save "
        "draft** is the autosave, each thread saving one leader's response again and again "
        "with the revision the last save returned. **Submit** answers fresh responses of "
        "the open round, each by its own leader: the form with all 30 answers "
        "(action=submit: stored, confirmation page) and then the confirmation "
        "(action=confirm: submitted in one transaction); both requests count. Their ratio "
        "is to the trivial view loaded by the same Python client "
        f"(**{python_trivial.rps:,.0f} requests/s**, p50 {python_trivial.p50_ms:.1f} ms), "
        "since the client's own cost is part of both; that client's trivial rate varies "
        "much from run to run, so against wrk's trivial view above the autosave is "
        f"1/{_ratio(trivial, loads.get('autosave'))} and the submit "
        f"1/{_ratio(trivial, loads.get('submit'))}. *Transactions* counts the request's "
        "BEGINs.",
        "",
        "| request | queries 1/10 | queries full | transactions | requests/s | p50 ms | "
        "p99 ms | ratio to trivial | target | met |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    posts = {
        "save draft (autosave)": loads.get("autosave"),
        "submit: answers + confirmation": loads.get("submit"),
        "submit: confirm (send inn)": loads.get("submit"),
    }
    for row in full:
        if row.get("method") != "POST":
            continue
        other = small.get((row["role"], row["name"]), {})
        result = posts[row["name"]]
        ratio = result.rps / python_trivial.rps if not failure(result) and python_trivial.rps else 0
        limit = MAX_SUBMIT_QUERIES if row["name"].startswith("submit") else MAX_QUERIES
        ok = (
            other.get("queries") == row["queries"]
            and row["queries"] <= limit
            and ratio >= FORM_RATIO
            and not failure(result)
            and result.errors == 0
        )
        if row["name"].startswith("submit: confirm"):
            ok = ok and row.get("submitted", False)
        if not ok:
            missed.append(f"{row['name']}")
        note = f" ({result.note})" if result and result.note and not failure(result) else ""
        lines.append(
            f"| {row['name']} | {other.get('queries', '–')} | {row['queries']} | "
            f"{row.get('transactions', '–')} | {_figures(result)}{note} | "
            f"{f'1/{1 / ratio:.1f}' if ratio else '–'} | ≥ 1/10, ≤ {limit} queries | {_mark(ok)} |"
        )
    lines += [
        "",
        "## Exports and PDFs",
        "",
        "Time per request through gunicorn (3 requests, one at a time), and queries. The "
        "PDFs are kept in the cache under a hash of their HTML once rendered, so the "
        "*first* request is the rendering and is the figure the target is checked against; "
        "the median of 3 is mostly a cache hit (each gunicorn worker has its own cache).",
        "",
        "| municipality | role | download | queries 1/10 | queries full | first request ms "
        "| median ms | size | target | met |",
        "|---|---|---|---:|---:|---:|---:|---:|---|---|",
    ]
    for row in full:
        if row["kind"] != "export":
            continue
        key = (row["role"], row["name"])
        other = small.get(key, {})
        timing = loads["exports"].get(key, {"ms": 0, "bytes": 0, "status": None})
        first_ms = timing.get("first_ms", timing["ms"])
        checked_ms = first_ms if "PDF" in row["name"] else timing["ms"]
        limit_ms = EXPORT_MS.get(row["name"])
        limit_q = MAX_EXPORT_QUERIES if row["name"].startswith("export") else MAX_QUERIES
        ok = (
            other.get("queries") == row["queries"]
            and row["queries"] <= limit_q
            and timing["status"] == 200
            and (limit_ms is None or checked_ms < limit_ms)
        )
        if not ok:
            missed.append(f"{row['name']} ({row['role'].replace('@', ', ')})")
        target = f"≤ {limit_q} queries" + (f", < {limit_ms / 1000:g} s" if limit_ms else "")
        role, place = row["role"].split("@")
        lines.append(
            f"| {place} | {role} | {row['name']} | {other.get('queries', '–')} | "
            f"{row['queries']} | {first_ms:,.0f} | {timing['ms']:,.0f} | "
            f"{timing['bytes'] / 1024:,.0f} KiB | "
            f"{target} | {_mark(ok)} |"
        )
    if loads.get("scaling"):
        scaled = loads["scaling"]
        lines += [""] + scaling_lines(scaled, seconds=settings["seconds"])
        for name in ["trivial"] + [row["name"] for row in scaled["rows"]]:
            a, b = scaled["one"].get(name), scaled["two"].get(name)
            if failure(a) or failure(b) or b.rps / a.rps < TARGET_FACTOR:
                missed.append(f"two instances against one: {name}")
    lines += FINDINGS
    lines += ["", "## Targets", ""]
    if missed:
        lines.append("Missed in this run: " + "; ".join(missed) + ".")
    else:
        lines.append("Every target was met in this run.")
    lines += [
        "",
        "- Every page's query count is fixed (≤ 15) and the same at 1/10 and full size.",
        "- Read pages serve at least 1/5 of the trivial view's requests per second; the "
        "30-question survey form and its submit at least 1/10.",
        "- A 30-question submit is one transaction with at most 10 queries.",
        "- The CSV/XLSX export of a 500-centre round: at most 10 queries and under 1 s; the "
        "deck PDF for 10 centres under 2 s.",
        "",
    ]
    return "\n".join(lines) + "\n"
