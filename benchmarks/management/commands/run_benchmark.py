import json
import os
import sys
import time

from django.apps import apps
from django.core.management.base import BaseCommand, CommandError

from benchmarks import queries, runner


class Command(BaseCommand):
    help = (
        "The performance benchmark (make bench): scale data at 1/10 and full size in "
        "databases of its own next to DATABASE_URL's, query counts at both sizes, load "
        "under gunicorn with wrk beside a trivial view, one and two gunicorn instances "
        "through nginx, and docs/performance.md."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database-name", default="frivillig_bench")
        parser.add_argument("--port", type=int, default=8180)
        parser.add_argument("--seconds", type=int, default=3, help="per page under load")
        parser.add_argument("--threads", type=int, default=2)
        parser.add_argument("--connections", type=int, default=8)
        parser.add_argument(
            "--workers",
            type=int,
            default=(os.cpu_count() or 1) * 2 + 1,
            help="gunicorn workers (default 2 × cores + 1)",
        )
        parser.add_argument("--output", default="docs/performance.md")
        parser.add_argument(
            "--reuse-data",
            action="store_true",
            help="skip building the data: reuse the bench databases of the last run "
            "(each run submits up to 480 of the open round's responses)",
        )
        parser.add_argument(
            "--only-cluster",
            action="store_true",
            help="only one and two instances through nginx, on the full-size bench database "
            "of an earlier run; replaces that section of the output, keeps the rest",
        )
        # Internal: the phases run on one bench database, in a subprocess.
        parser.add_argument("--phase", choices=["queries", "size"], help="internal")
        parser.add_argument("--fresh", type=int, default=0, help="internal")

    def handle(self, *args, **options):
        if options["phase"] == "queries":
            print(json.dumps(queries.measure(submit_sessions=options["fresh"])))
            return
        if options["phase"] == "size":
            print(
                json.dumps(
                    {
                        model._meta.label: model.objects.count()
                        for model in apps.get_models()
                        if model._meta.app_label
                        in ("accounts", "centres", "surveys", "agreements", "plans", "meetings")
                        and not model._meta.label.split(".")[-1].startswith("Historical")
                    }
                )
            )
            return
        database_url = os.environ.get("DATABASE_URL", "")
        if not database_url:
            raise CommandError(runner.MISSING_DATABASE)
        started = time.monotonic()
        try:
            bench = runner.Runner(
                database_url=database_url,
                name=options["database_name"],
                port=options["port"],
                seconds=options["seconds"],
                threads=options["threads"],
                connections=options["connections"],
                workers=options["workers"],
                output=options["output"],
                reuse_data=options["reuse_data"],
                only_cluster=options["only_cluster"],
                log=lambda line: print(line, flush=True),
            )
            text = bench.run()
        except runner.BenchmarkError as error:
            raise CommandError(str(error)) from error
        sys.stdout.write("\n" + text)
        print(
            f"\nWritten to {options['output']} in {(time.monotonic() - started) / 60:.1f} minutes."
        )
