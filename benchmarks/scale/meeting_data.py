"""The scale data's dialogue meetings (one per survey round) and visits."""

import datetime

from meetings.models import AgendaItem, FollowUp, Meeting

from .shape import sentence


class MeetingData:
    """Part of Builder (builder.py): uses its rng, shape, bulk() and the users it made."""

    def _meetings(self, municipalities, centres):
        rng = self.rng
        year = self.today.year
        by_municipality = {}
        for centre in centres:
            by_municipality.setdefault(centre.municipality_id, []).append(centre)
        meetings, members = [], []
        for m in municipalities:
            for r in range(self.shape.rounds):
                meetings.append(
                    Meeting(
                        municipality=m,
                        kind=Meeting.Kind.DIALOGUE,
                        title=f"Dialogmøte {year - self.shape.rounds + 1 + r}",
                        date=datetime.date(year - self.shape.rounds + 1 + r, 3, 15),
                        location="Rådhuset",
                        notes=sentence(rng, 30),
                    )
                )
            for n, centre in enumerate(by_municipality[m.pk][:20]):
                meetings.append(
                    Meeting(
                        municipality=m,
                        kind=Meeting.Kind.VISIT,
                        title=f"Besøk hos {centre.name}",
                        date=self.today + datetime.timedelta(days=n * 3 - 30),
                        location=centre.street_address,
                    )
                )
        meetings = self.bulk(Meeting, meetings)
        through = Meeting.centres.through
        for meeting in meetings:
            if meeting.kind == Meeting.Kind.DIALOGUE:
                members += [
                    through(meeting_id=meeting.pk, centre_id=c.pk)
                    for c in by_municipality[meeting.municipality_id]
                ]
        visit_centre = {(c.municipality_id, f"Besøk hos {c.name}"): c for c in centres}
        for meeting in meetings:
            if meeting.kind == Meeting.Kind.VISIT:
                centre = visit_centre[(meeting.municipality_id, meeting.title)]
                members.append(through(meeting_id=meeting.pk, centre_id=centre.pk))
        self.bulk(through, members)
        self.bulk(
            AgendaItem,
            [
                AgendaItem(meeting=meeting, order=n, title=sentence(rng, 4))
                for meeting in meetings
                if meeting.kind == Meeting.Kind.DIALOGUE
                for n in (1, 2, 3, 4)
            ],
        )
        self.bulk(
            FollowUp,
            [
                FollowUp(
                    meeting=meeting,
                    text=sentence(rng, 6),
                    responsible="Koordinator",
                    due_date=meeting.date + datetime.timedelta(days=60),
                    done=meeting.date.year < year,
                )
                for meeting in meetings
                if meeting.kind == Meeting.Kind.DIALOGUE
                for _n in (1, 2)
            ],
        )
        return {
            (m.municipality_id, m.date.year): m for m in meetings if m.kind == Meeting.Kind.DIALOGUE
        }
