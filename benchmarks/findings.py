"""The part of docs/performance.md that is written, not measured: what limits the pages,
what was done about it, and what bounds the targets missed. Update it with the work."""

FINDINGS = [
    "",
    "## What limits the pages, and what was done",
    "",
    "Figures in the Django process are CPU per request (test client on the full-size "
    "data; pyinstrument and cProfile for where it goes); each commit message has its "
    "before and after.",
    "",
    "- **Cached by what would change them** (frivillig.lib.cache, invalidated by the "
    "services in the same transaction): a closed or published round's results page, side "
    "by side and exports under the round's `results_version`, which every submit, reopen, "
    "theme and summary bumps; the plan tree under the plans' last change. Storby's "
    "results page, which counts 15,000 answers, went from 1/250 of the trivial view "
    "(1 December) to about 1/12, the exports of the 500-centre round from 0.35–0.8 s to "
    "about 20 ms. An open round is counted on every request: its answers change all the "
    "time.",
    "- **Sessions and users** come from the cache (`cached_db` sessions) and one query "
    "with the user's municipality and centre; a session is written only when its expiry "
    "is renewed, at most every 5 minutes. `/ping` costs 0.27 ms in-process, 0.64 ms "
    "logged in.",
    "- **Prepared statements** (PostgreSQL, `DATABASE_PREPARED_STATEMENTS`, on by "
    "default): parameters bound by the server and a statement prepared after 5 runs on a "
    "connection, so the agreement page's eight-table join is planned once per connection, "
    "not in every request (3 ms of planning against 0.2 ms of execution): agreement page "
    "24.5 → 19.8 ms, centre page 18.0 → 15.9 ms, progress overview 20.7 → 18.4 ms.",
    "- **Answering a survey:** the 30-question submit with its confirmation is one "
    "transaction; the confirm reads the stored answers once and leaves the round's new "
    "version unread unless asked for (12 → 10 queries). The form prepares each "
    "question's ids and options in the view, not per option in the template.",
    "- **Pages that grew with the municipality are shown a page at a time** (centre list, "
    "dashboard lists, free-text answers, side by side, progress overview, plan page), "
    "and no page's query count grows with the data: equal at 1/10 and full size, so the "
    "indexes and prefetches hold at national scale.",
    "- **The dashboard's schedule** for the whole municipality (its counts and the 10 "
    "most urgent of 500 visits) is kept in the cache under the day, the quarters and the "
    "count and last change of the year's meetings and of the centres, read in one query: "
    "Storby's coordinator's dashboard 26–27 → 20–24 ms in-process.",
    "- **The deck's files** are made by the worker when the deck or the answers change "
    "and kept in the database (DeckFile) under a hash of what they show, so a download "
    "on any app server finds them made; the step before the load made them as the worker "
    "does, and its times are given above the exports table. For 10 centres the PDF is "
    "212 pages: WeasyPrint's layout is about 60 % of making it. A download reads the "
    "deck's data to find the file's key: the saved rows once (the key takes the shown "
    "slides' image names), the meeting with the survey and the profiles onto the centres "
    "the results loaded, 23 → 20 queries; the rest are the two rounds' results for the "
    "comparison slides, which the key needs.",
    "- **Checked:** the cached template loader is on (stated above for the measured "
    "process), persistent connections, static files from whitenoise's manifest, no "
    "worker recycled during a measured run (`GUNICORN_MAX_REQUESTS=0`).",
    "- **Why the read pages miss 1/5 of the trivial view, and the survey form 1/10:** the "
    "trivial view costs gunicorn, the middleware and wrk together well under 1 ms of the "
    "2 cores; 1/5 of its rate leaves about 3 ms for a whole page, PostgreSQL included. "
    "A logged-in page with little of its own (the privacy notice: the session, the user "
    "and base.html with the navbar, 1.2 ms of it the layout) costs 4.5 ms in-process, "
    "and a results page "
    "served whole from the cache 6–7 ms, which is why the cached pages stop at about "
    "1/12. The other pages cost 12–25 ms: 5–14 queries on the same 2 cores and Django's "
    "template engine rendering 30–60 KB of HTML over many small nodes, with no single "
    "hot spot left in the profiles (the survey form: about half its 20 ms is the template "
    "over 30 questions; moving its 170 translation tags into the view gained under "
    "1 ms and was left out). What would still help: fragments of the agreement page "
    "and the survey form kept by their revision, a faster template engine "
    "(Jinja2) for the hot pages, or more cores: the pages scale with workers, while the "
    "trivial view is partly bound by wrk on the same cores, so the ratio is one "
    "machine's.",
    "- **Where a page's time goes, measured on the slower machine of the 11:34 run** "
    "(the privacy notice 5.1–6.6 ms there against 4.5 ms on the earlier one): Django's "
    "ORM costs about 1 ms of Python per query before PostgreSQL answers (building and "
    "compiling a plain `filter(pk=…)` 0.5 ms, running it and building the row 0.5 ms "
    "more), so the survey form's lookup of the response and its centre (two queries, "
    "1.2 ms in PostgreSQL) takes 4–5 ms, and pages of 9–14 queries spend 10–20 ms before "
    "their templates. The survey form (28–36 ms) is its template 11–14 ms, loading the "
    "survey, the response and the questions 8–11 ms, last year's answers 3–4 ms and the "
    "session and user 2–3 ms; the agreement page (41 ms) is its template 13.5 ms (the "
    "agreement's text 7 ms, of which the comment threads 5) and its 11 queries the rest. "
    "Dropping the response query's joins of the survey and centre already loaded gained "
    "nothing measurable against the machine's noise (±20 % between runs) and was left "
    "out.",
    "- **Against the reference survey app:** its form sends 67 queries to our 8, so on "
    "its own trivial view it reaches 1/91, its submit 1/100. In the three runs of "
    "3 December ours reached 1/27–1/34 (the form) and 1/20.5–1/26 (the submit), 2.7–3.4 "
    "and 3.8–4.9 times its ratios. The 5 times asked for needs the form at 1/18: about "
    "15 ms less per request in-process, more than its queries or its template alone cost.",
    "- **Two instances against one on 2 cores:** one instance's 5 workers already keep "
    "both cores busy, with PostgreSQL, nginx and wrk on the same cores, so a second "
    "instance adds processes, not CPU: the factor is about 1 (a little under, for "
    "nginx's extra hop and the processes' switching). What the test of `make cluster` "
    "shows instead is that requests spread over both instances and fail over when one "
    "is killed. A factor of two needs a second machine, or cores the first instance "
    "does not use.",
]
