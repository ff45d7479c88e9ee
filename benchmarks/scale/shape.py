"""The shape of the scale data: how many of each, and the words they are written with."""

import random
from dataclasses import dataclass, field

from surveys.models import Question

PREFIX = "Skala"
BIG, MIDDLE = "skala-storby", "skala-mellomby"
PASSWORD = "bench"
ROUNDS = 10
QUESTIONS = 30
VERSIONS = 20
BATCH = 5000

# The question kinds in the order they repeat through a 30-question survey.
KINDS = [
    Question.Kind.YES_NO,
    Question.Kind.SINGLE,
    Question.Kind.SCALE,
    Question.Kind.MULTIPLE,
    Question.Kind.SHORT_TEXT,
    Question.Kind.LONG_TEXT,
    Question.Kind.RANKED,
]
CHOICES = ["Ukentlig", "Månedlig", "Hvert kvartal", "Sjeldnere"]
THEMES = [
    "Eldre",
    "Seniorer",
    "Barn og unge",
    "Ungdom",
    "Innvandrere",
    "Flyktninger",
    "Enslige",
    "Familier",
    "Hjemmeboende eldre",
    "Funksjonshemmede",
    "Lag og foreninger",
    "Skoler",
    "Frivillige",
    "Pårørende",
    "Nyinnflyttede",
]
WORDS = [
    "sentralen",
    "samarbeider",
    "med",
    "kommunen",
    "om",
    "aktiviteter",
    "for",
    "eldre",
    "barn",
    "og",
    "unge",
    "i",
    "nærmiljøet",
    "og",
    "legger",
    "til",
    "rette",
    "for",
    "frivillig",
    "innsats",
    "gjennom",
    "faste",
    "møteplasser",
    "besøkstjeneste",
    "leksehjelp",
    "turgrupper",
    "språkkafé",
    "og",
    "utlån",
    "av",
    "utstyr",
    "til",
    "lag",
    "og",
    "foreninger",
]


@dataclass
class Shape:
    scale: float
    municipalities: int = 80
    big_centres: int = 500
    middle_centres: int = 10
    other_centres: int = 2
    goals: int = 300
    rounds: int = ROUNDS
    questions: int = QUESTIONS
    versions: int = VERSIONS

    @classmethod
    def at(cls, scale: float, **overrides) -> "Shape":
        shape = cls(scale=scale)
        shape.municipalities = max(3, round(shape.municipalities * scale))
        shape.big_centres = max(1, round(shape.big_centres * scale))
        shape.goals = max(1, round(shape.goals * scale))
        for name, value in overrides.items():
            if value is not None:
                setattr(shape, name, value)
        return shape

    def centres_for(self, index: int) -> int:
        return [self.big_centres, self.middle_centres][index] if index < 2 else self.other_centres


@dataclass
class Stats:
    counts: dict = field(default_factory=dict)

    def add(self, model, n: int) -> None:
        name = model._meta.label
        self.counts[name] = self.counts.get(name, 0) + n


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."
