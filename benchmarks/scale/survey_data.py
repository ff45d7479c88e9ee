"""The scale data's survey rounds: questions, responses, answers and themes."""

import datetime

from surveys.models import Answer, Question, Survey, SurveyResponse, Theme, ThemeMember

from .shape import CHOICES, KINDS, THEMES, sentence


class SurveyData:
    """Part of Builder (builder.py): uses its rng, shape, bulk() and the users it made."""

    def _surveys(self, municipalities, centres, meetings):
        shape, rng = self.shape, self.rng
        year = self.today.year
        first = year - shape.rounds + 1
        surveys = self.bulk(
            Survey,
            [
                Survey(
                    municipality=m,
                    title=f"Undersøkelse til frivilligsentralene {r}",
                    introduction=sentence(rng, 30),
                    round=r,
                    deadline=datetime.date(r, 2, 28)
                    if r < year
                    else self.today + datetime.timedelta(days=30),
                    status=Survey.Status.PUBLISHED if r < year else Survey.Status.OPEN,
                    meeting=meetings.get((m.pk, r)),
                    created_by=self.coordinators[m.pk],
                    sent_at=self.now,
                    closed_at=self.now if r < year else None,
                    published_at=self.now if r < year else None,
                )
                for m in municipalities
                for r in range(first, year + 1)
            ],
        )
        # Questions round by round, so each can point to the same question in the round
        # before (rounds compare); in a round the main questions first, then the
        # follow-ups that need their parents' ids. Every 7th question from the 6th is the
        # "Hvis nei" follow-up of the yes/no five places before it.
        by_survey, previous, mains = {}, {}, []
        for r in range(first, year + 1):
            batch = []
            for survey in (s for s in surveys if s.round == r):
                older = previous.get(survey.municipality_id)
                own = []
                for n in range(shape.questions):
                    kind = KINDS[n % len(KINDS)]
                    question = Question(
                        survey=survey,
                        order=n + 1,
                        kind=kind,
                        text=f"Spørsmål {n + 1}: {sentence(rng, 9)}",
                        help_text=sentence(rng, 8),
                        required=kind != Question.Kind.LONG_TEXT,
                        rank_count=3,
                        choices=CHOICES
                        if kind in (Question.Kind.SINGLE, Question.Kind.MULTIPLE)
                        else [],
                        copied_from=older[n] if older else None,
                    )
                    if n % 7 == 5:
                        question.show_when = Question.NO
                    own.append(question)
                by_survey[survey.pk] = own
                previous[survey.municipality_id] = own
                batch += own
            self.bulk(Question, [q for q in batch if not q.show_when])
            followups = [q for q in batch if q.show_when]
            for question in followups:
                question.parent = by_survey[question.survey_id][question.order - 6]
            self.bulk(Question, followups)
            mains += batch
        self.log(f"  {len(surveys)} surveys, {len(mains)} questions")

        centres_by_municipality = {}
        for centre in centres:
            centres_by_municipality.setdefault(centre.municipality_id, []).append(centre)
        responses = []
        for survey in surveys:
            closed = survey.round < year
            for n, centre in enumerate(centres_by_municipality[survey.municipality_id]):
                leader = self.leaders[centre.pk]
                # In the open round the first centre has a full draft; the rest have not
                # started (the submit benchmark answers them).
                status = (
                    SurveyResponse.Status.SUBMITTED
                    if closed
                    else SurveyResponse.Status.DRAFT
                    if n == 0
                    else SurveyResponse.Status.NOT_STARTED
                )
                started = status != SurveyResponse.Status.NOT_STARTED
                responses.append(
                    SurveyResponse(
                        survey=survey,
                        centre=centre,
                        status=status,
                        revision=3 if started else 0,
                        invited_at=self.now,
                        updated_at=self.now if started else None,
                        updated_by=leader if started else None,
                        submitted_at=self.now if closed else None,
                        submitted_by=leader if closed else None,
                    )
                )
        responses = self.bulk(SurveyResponse, responses)
        answers = []
        written = 0
        for response in responses:
            if response.status == SurveyResponse.Status.NOT_STARTED:
                continue
            for question in by_survey[response.survey_id]:
                answers.append(self._answer(response, question))
            if len(answers) >= 50_000:
                written += len(self.bulk(Answer, answers))
                answers = []
        written += len(self.bulk(Answer, answers))
        self.log(f"  {len(responses)} responses, {written} answers")
        # Themes for the ranked questions of the two large municipalities.
        themes, members = [], []
        for survey in surveys:
            if survey.municipality_id not in (municipalities[0].pk, municipalities[1].pk):
                continue
            for question in by_survey[survey.pk]:
                if question.kind != Question.Kind.RANKED:
                    continue
                for name, texts in (
                    ("Eldre", ["eldre", "seniorer", "hjemmeboende eldre"]),
                    ("Unge", ["barn og unge", "ungdom"]),
                ):
                    theme = Theme(question=question, name=name)
                    themes.append(theme)
                    members += [ThemeMember(question=question, theme=theme, text=t) for t in texts]
        self.bulk(Theme, themes)
        for member in members:
            member.theme_id = member.theme.pk
        self.bulk(ThemeMember, members)

    def _answer(self, response, question) -> Answer:
        rng = self.rng
        kind = question.kind
        answer = Answer(response=response, question=question)
        if kind == Question.Kind.YES_NO:
            answer.text = rng.choice([Question.YES, Question.NO])
        elif kind == Question.Kind.SINGLE:
            answer.text = rng.choice(CHOICES)
        elif kind == Question.Kind.SCALE:
            answer.number = rng.randint(1, 5)
        elif kind == Question.Kind.MULTIPLE:
            answer.items = rng.sample(CHOICES, rng.randint(1, 3))
        elif kind == Question.Kind.RANKED:
            answer.items = rng.sample(THEMES, 3)
        elif kind == Question.Kind.SHORT_TEXT:
            answer.text = sentence(rng, 6)
        else:
            answer.text = " ".join(sentence(rng, 15) for _ in range(3))
        return answer
