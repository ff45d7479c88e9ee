from django.core.management.base import BaseCommand

from demo.loader import DEMO_PASSWORD, load_demo


class Command(BaseCommand):
    help = (
        "Load the demo (Skien's centres and dialogue meeting from seed 000, its plans, surveys, "
        "common framework and cooperation agreements in every state, Drammen as a second "
        "municipality). Safe to run again: nothing is duplicated."
    )

    def handle(self, *args, **options):
        report = load_demo()
        created = ", ".join(f"{n} {name}" for name, n in report.created.items()) or "ingenting nytt"
        self.stdout.write(self.style.SUCCESS(f"Demodata lastet ({created})."))
        self.stdout.write(f"\nDemo-innlogginger (passord «{DEMO_PASSWORD}» for nye brukere):")
        for username, role in report.logins:
            self.stdout.write(f"  {username:<22} {role}")
