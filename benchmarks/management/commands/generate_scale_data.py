import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from accounts.models import Municipality
from benchmarks import scale


class Command(BaseCommand):
    help = (
        "Builds national-scale benchmark data (municipalities named 'Skala …') on "
        "PostgreSQL: --scale 1 is 80 municipalities, a 500-centre city, 10 survey rounds "
        "of 30 questions, agreements with 20 versions and a 300-goal plan; --scale 0.1 is "
        "one tenth. Replaces earlier scale data and leaves everything else alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--municipalities", type=int, help="overrides the scaled count")
        parser.add_argument("--centres", type=int, help="centres in the large municipality")
        parser.add_argument("--goals", type=int, help="goals in the large plans")
        parser.add_argument("--rounds", type=int, help="yearly survey rounds (default 10)")
        parser.add_argument("--questions", type=int, help="questions per survey (default 30)")
        parser.add_argument("--versions", type=int, help="versions per agreement (default 20)")

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                "The scale data is for PostgreSQL: set DATABASE_URL, for example "
                "postgres://postgres@127.0.0.1:5432/frivillig_bench"
            )
        shape = scale.Shape.at(
            options["scale"],
            municipalities=options["municipalities"],
            big_centres=options["centres"],
            goals=options["goals"],
            rounds=options["rounds"],
            questions=options["questions"],
            versions=options["versions"],
        )
        if shape.municipalities < 3:
            raise CommandError("At least 3 municipalities.")
        if Municipality.objects.filter(slug__in=[scale.BIG, scale.MIDDLE]).exclude(
            name__startswith=f"{scale.PREFIX} "
        ):
            raise CommandError("A municipality outside the scale data uses a 'skala-' slug.")
        started = time.monotonic()
        removed = scale.wipe()
        if removed:
            self.stdout.write(f"Removed the earlier scale data ({removed} municipalities).")
        self.stdout.write(f"Building scale data at {shape.scale:g} …")
        stats = scale.Builder(shape, seed=options["seed"], log=self.stdout.write).build()
        self.stdout.write(
            f"Done in {time.monotonic() - started:.1f} s: "
            + ", ".join(f"{n} {label.split('.')[-1]}" for label, n in stats.counts.items())
        )
