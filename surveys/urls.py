from django.urls import path

from .views import answer, build, deck, question_order, results  # noqa: F401

app_name = "surveys"

urlpatterns = [
    # Building, sending and following up (coordinator): views.build
    path("", build.survey_list, name="list"),
    path("ny/", build.survey_create, name="create"),
    path("<int:pk>/", build.survey_detail, name="detail"),
    path("<int:pk>/rediger/", build.survey_edit, name="edit"),
    path("<int:pk>/forhandsvisning/", build.survey_preview, name="preview"),
    path("<int:pk>/kopier/", build.survey_copy, name="copy"),
    path("<int:pk>/send/", build.survey_send, name="send"),
    path("<int:pk>/paminn/", build.survey_remind, name="remind"),
    path("<int:pk>/lukk/", build.survey_close, name="close"),
    path("<int:pk>/publiser/", build.survey_publish, name="publish"),
    path("<int:pk>/sporsmal/nytt/", build.question_add, name="question_add"),
    path("<int:pk>/sporsmal/<int:question_pk>/", build.question_edit, name="question_edit"),
    path(
        "<int:pk>/sporsmal/<int:question_pk>/flytt/<str:direction>/",
        question_order.question_move,
        name="question_move",
    ),
    path(
        "<int:pk>/sporsmal/<int:question_pk>/oppfolging/",
        question_order.question_follow_up,
        name="question_follow_up",
    ),
    path(
        "<int:pk>/sporsmal/<int:question_pk>/hovedsporsmal/",
        question_order.question_main,
        name="question_main",
    ),
    path(
        "<int:pk>/sporsmal/<int:question_pk>/slett/",
        build.question_delete,
        name="question_delete",
    ),
    path("<int:pk>/svar/<slug:slug>/gjenapne/", build.response_reopen, name="reopen"),
    # Answering (centre leader): views.answer
    path("<int:pk>/svar/<slug:slug>/", answer.answer, name="answer"),
    path("<int:pk>/svar/<slug:slug>/lagre/", answer.answer_save, name="answer_save"),
    # The centre's personal answer link: made and revoked by the coordinator, opened
    # without a login (views.build, views.answer)
    path("<int:pk>/svar/<slug:slug>/lenke/", build.answer_link_make, name="answer_link_make"),
    path(
        "<int:pk>/svar/<slug:slug>/lenke/trekk-tilbake/",
        build.answer_link_revoke,
        name="answer_link_revoke",
    ),
    path("lenke/<str:token>/", answer.link_answer, name="link_answer"),
    # Results, exports, the deck and the dossier: views.results
    path("<int:pk>/resultater/", results.results, name="results"),
    path("<int:pk>/resultater/side-ved-side/", results.side_by_side, name="side_by_side"),
    path(
        "<int:pk>/resultater/sentral/<slug:slug>/",
        results.centre_results,
        name="centre_results",
    ),
    path(
        "<int:pk>/resultater/sporsmal/<int:question_pk>/",
        results.question_answers,
        name="question_answers",
    ),
    path(
        "<int:pk>/resultater/sporsmal/<int:question_pk>/temaer/",
        results.theme_page,
        name="themes",
    ),
    path(
        "<int:pk>/resultater/sporsmal/<int:question_pk>/oppsummering/",
        results.summary,
        name="summary",
    ),
    path("<int:pk>/resultater/sammenlign/", results.compare, name="compare"),
    path("<int:pk>/resultater/svar.csv", results.export_csv, name="export_csv"),
    path("<int:pk>/resultater/svar.xlsx", results.export_xlsx, name="export_xlsx"),
    # The dialogue-meeting deck: shown, presented, downloaded, edited: views.deck
    path("<int:pk>/presentasjon/", deck.deck, name="deck"),
    path("<int:pk>/presentasjon/vis/", deck.deck_present, name="deck_present"),
    path("<int:pk>/presentasjon.pdf", deck.deck_pdf, name="deck_pdf"),
    path("<int:pk>/presentasjon.pptx", deck.deck_pptx, name="deck_pptx"),
    path("<int:pk>/presentasjon/bilde/<int:slide_pk>/", deck.deck_image, name="deck_image"),
    path("<int:pk>/presentasjon/rediger/", deck.deck_edit, name="deck_edit"),
    path("<int:pk>/presentasjon/rediger/lagre/", deck.deck_start, name="deck_start"),
    path("<int:pk>/presentasjon/rediger/nytt/", deck.deck_add, name="deck_add"),
    path("<int:pk>/presentasjon/rediger/fra-portalen/", deck.deck_add_data, name="deck_add_data"),
    path("<int:pk>/presentasjon/rediger/<int:slide_pk>/", deck.deck_slide, name="deck_slide"),
    path(
        "<int:pk>/presentasjon/rediger/<int:slide_pk>/flytt/<str:direction>/",
        deck.deck_slide_move,
        name="deck_slide_move",
    ),
    path(
        "<int:pk>/presentasjon/rediger/<int:slide_pk>/skjul/",
        deck.deck_slide_hide,
        name="deck_slide_hide",
    ),
    path(
        "<int:pk>/presentasjon/rediger/<int:slide_pk>/slett/",
        deck.deck_slide_delete,
        name="deck_slide_delete",
    ),
    path("besoksmappe/<slug:slug>/", results.dossier, name="dossier"),
    path("besoksmappe/<slug:slug>/mappe.pdf", results.dossier_pdf, name="dossier_pdf"),
]
