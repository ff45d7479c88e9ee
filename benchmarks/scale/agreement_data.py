"""The scale data's frameworks and agreements, with their versions, events and comments."""

import datetime
import uuid

from agreements import services as agreement_services
from agreements.models import (
    Agreement,
    AgreementClause,
    AgreementEvent,
    AgreementVersion,
    Comment,
    Framework,
    FrameworkClause,
    FrameworkVersion,
)
from agreements.versions import FIELD_NAMES

from .shape import WORDS, sentence


class AgreementData:
    """Part of Builder (builder.py): uses its rng, shape, bulk() and the users it made."""

    def _agreements(self, municipalities, centres):
        shape, rng = self.shape, self.rng
        year = self.today.year
        frameworks = self.bulk(
            Framework,
            [
                Framework(
                    municipality=m,
                    title="Felles ramme for samarbeidsavtaler",
                    introduction=sentence(rng, 30),
                    revision=1,
                )
                for m in municipalities
            ],
        )
        clauses = self.bulk(
            FrameworkClause,
            [
                FrameworkClause(
                    framework=f,
                    key=uuid.UUID(int=rng.getrandbits(128)),
                    order=n,
                    title=f"Punkt {n}: {sentence(rng, 4)}",
                    text=" ".join(sentence(rng, 14) for _ in range(3)),
                    reference="Forskrift om tilskudd til frivilligsentraler",
                )
                for f in frameworks
                for n in range(1, 9)
            ],
        )
        by_framework = {}
        for clause in clauses:
            by_framework.setdefault(clause.framework_id, []).append(clause)
        versions = self.bulk(
            FrameworkVersion,
            [
                FrameworkVersion(
                    framework=f,
                    number=1,
                    snapshot=agreement_services.framework_snapshot(f, by_framework[f.pk]),
                    note="Første versjon",
                    created_by=self.coordinators[f.municipality_id],
                )
                for f in frameworks
            ],
        )
        version_of = {v.framework_id: v for v in versions}
        for f in frameworks:
            f.current_version = version_of[f.pk]
        Framework.objects.bulk_update(frameworks, ["current_version"])
        framework_of = {f.municipality_id: version_of[f.pk] for f in frameworks}

        statuses = [
            Agreement.Status.ACTIVE,
            Agreement.Status.DRAFT,
            Agreement.Status.SENT,
            Agreement.Status.APPROVED_BY_CENTRE,
            Agreement.Status.SIGNED,
            Agreement.Status.RENEWAL_DUE,
            Agreement.Status.CHANGES_REQUESTED,
        ]
        agreements = []
        first_of_municipality = set()
        for centre in centres:
            coordinator = self.coordinators[centre.municipality_id]
            first = centre.municipality_id not in first_of_municipality
            first_of_municipality.add(centre.municipality_id)
            # The first centre of a municipality (whose leader the benchmark logs in as)
            # has an active agreement: every role reads it.
            status = Agreement.Status.ACTIVE if first else statuses[centre.pk % len(statuses)]
            agreements.append(
                Agreement(
                    municipality_id=centre.municipality_id,
                    centre=centre,
                    title=f"Samarbeidsavtale med {centre.name}",
                    status=status,
                    valid_from=datetime.date(year - 1, 1, 1),
                    valid_to=datetime.date(year + 2, 12, 31),
                    framework_version=framework_of[centre.municipality_id],
                    municipality_signatory="Ordfører",
                    municipality_signatory_title="Ordfører",
                    centre_signatory=f"Leder {centre.name[-3:]}",
                    centre_signatory_title="Daglig leder",
                    grant_amount=rng.randint(2, 9) * 50_000,
                    premises=sentence(rng, 12),
                    contact_person=coordinator.get_full_name(),
                    meeting_frequency="Fellesmøte i 1. kvartal og besøk i 3. kvartal",
                    signed_on=datetime.date(year - 1, 12, 1)
                    if status in Agreement.CONCLUDED
                    else None,
                    revision=shape.versions,
                    created_by=coordinator,
                    updated_by=coordinator,
                )
            )
        agreements = self.bulk(Agreement, agreements)
        agreement_clauses = []
        for agreement in agreements:
            for order, fc in enumerate(
                by_framework[framework_of[agreement.municipality_id].framework_id], 1
            ):
                agreement_clauses.append(
                    AgreementClause(
                        agreement=agreement,
                        key=fc.key,
                        kind=AgreementClause.Kind.COMMON,
                        order=order,
                        title=fc.title,
                        text=fc.text,
                    )
                )
            for n in range(1, 5):
                agreement_clauses.append(
                    AgreementClause(
                        agreement=agreement,
                        key=uuid.UUID(int=rng.getrandbits(128)),
                        kind=AgreementClause.Kind.LOCAL,
                        order=8 + n,
                        title=f"Lokalt punkt {n}: {sentence(rng, 3)}",
                        text=" ".join(sentence(rng, 14) for _ in range(3)),
                    )
                )
        clauses_of = {}
        for clause in agreement_clauses:
            clauses_of.setdefault(clause.agreement_id, []).append(clause)
        # 20 versions each: every version rewrites a few words of a local clause, so a
        # comparison of the first and the last has something to show.
        agreement_versions = []
        for agreement in agreements:
            texts = [(c.key, c.kind, c.title, c.text) for c in clauses_of[agreement.pk]]
            fields = {}
            for name in FIELD_NAMES:
                value = getattr(agreement, name)
                fields[name] = value.isoformat() if hasattr(value, "isoformat") else value
            for number in range(1, shape.versions + 1):
                if number > 1:
                    i = 8 + (number % 4)
                    key, kind, title, text = texts[i]
                    words = text.split()
                    words[rng.randrange(len(words))] = rng.choice(WORDS)
                    texts[i] = (key, kind, title, " ".join(words))
                agreement_versions.append(
                    AgreementVersion(
                        agreement=agreement,
                        number=number,
                        note=f"Endring {number}",
                        created_by=self.coordinators[agreement.municipality_id],
                        snapshot={
                            "fields": fields,
                            "framework_version_id": agreement.framework_version_id,
                            "clauses": [
                                {
                                    "key": str(key),
                                    "kind": kind,
                                    "title": title,
                                    "text": text,
                                    "goal_ids": [],
                                    "strategy_ids": [],
                                }
                                for key, kind, title, text in texts
                            ],
                        },
                    )
                )
            # The live clauses hold the latest version's text.
            for clause, (_key, _kind, _title, text) in zip(
                clauses_of[agreement.pk], texts, strict=True
            ):
                clause.text = text
        self.bulk(AgreementClause, agreement_clauses)
        self.bulk(AgreementVersion, agreement_versions)
        self.bulk(
            AgreementEvent,
            [
                AgreementEvent(
                    agreement=a,
                    action="send",
                    from_status=Agreement.Status.DRAFT,
                    to_status=Agreement.Status.SENT,
                    by=self.coordinators[a.municipality_id],
                )
                for a in agreements
            ],
        )
        comments = self.bulk(
            Comment,
            [
                Comment(
                    agreement=a,
                    author=self.leaders[a.centre_id],
                    text=sentence(rng, 20),
                )
                for a in agreements
                for _n in (1, 2)
            ],
        )
        municipality_of = {a.pk: a.municipality_id for a in agreements}
        self.bulk(
            Comment,
            [
                Comment(
                    agreement_id=c.agreement_id,
                    parent=c,
                    author=self.coordinators[municipality_of[c.agreement_id]],
                    text=sentence(rng, 12),
                )
                for c in comments[::2]
            ],
        )
        self.log(f"  {len(agreements)} agreements, {len(agreement_versions)} versions")
