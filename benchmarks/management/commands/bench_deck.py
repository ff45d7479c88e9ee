"""Times the dialogue-meeting deck's downloads: how long the worker takes to make the PDF
and the PowerPoint file, and how long the first download takes once it has (the goal:
under 2 s). Run on a loaded demo (`manage.py seed_demo`); prints the times."""

import time
from json import dumps

from django.core.management.base import BaseCommand, CommandError
from django.test import Client
from django.test.utils import override_settings
from django.urls import reverse

from accounts.models import User
from surveys.deck import files
from surveys.models import DeckFile, Survey

NO_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


class Command(BaseCommand):
    help = (
        "Times making the deck's PDF and PowerPoint in the background and the first "
        "download after it (default: Skien's 2025 round of the demo)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--survey", type=int, help="the survey's id")
        parser.add_argument(
            "--json", action="store_true", help="one line of JSON (make bench reads it)"
        )

    def handle(self, *args, survey=None, json=False, **options):
        found = (
            Survey.objects.filter(pk=survey)
            if survey
            else Survey.objects.filter(municipality__slug="skien", round=2025)
        )
        survey = found.select_related("municipality", "meeting").first()
        if survey is None:
            raise CommandError("No such survey: load the demo (manage.py seed_demo) first.")
        coordinator = User.objects.filter(
            municipality_id=survey.municipality_id, role=User.Role.COORDINATOR, is_active=True
        ).first()
        with_previous = survey.previous_round() is not None
        client = Client()
        client.force_login(coordinator)
        times = {}
        for fmt in DeckFile.Format.values:
            DeckFile.objects.filter(survey=survey, format=fmt).delete()
            start = time.perf_counter()
            # From scratch, as after a change: nothing from the cache (the rendered PDF
            # kept under its HTML's hash, the round's counted results).
            with override_settings(CACHES=NO_CACHE):
                files.make(survey, fmt, with_previous=with_previous)
            made = time.perf_counter() - start
            start = time.perf_counter()
            with override_settings(ALLOWED_HOSTS=["*"]):
                response = client.get(reverse(f"surveys:deck_{fmt}", args=[survey.pk]), secure=True)
            first = time.perf_counter() - start
            size = len(response.content) // 1024
            times[fmt] = {"made_s": made, "first_s": first, "status": response.status_code}
            if not json:
                self.stdout.write(
                    f"{fmt}: made in the background in {made:.2f} s; first download "
                    f"{first:.2f} s ({response.status_code}, {size} KiB)"
                )
        if json:
            self.stdout.write(dumps(times))
