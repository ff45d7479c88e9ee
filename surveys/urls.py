from django.urls import path

from .views import answer, build, results  # noqa: F401

app_name = "surveys"

urlpatterns = [
    # Building, sending and following up (coordinator): views.build
    # Answering (centre leader): views.answer
    # Results, exports, the deck and the dossier: views.results
    path("<int:pk>/resultater/", results.results, name="results"),
    path("<int:pk>/resultater/side-ved-side/", results.side_by_side, name="side_by_side"),
    path(
        "<int:pk>/resultater/sentral/<slug:slug>/",
        results.centre_results,
        name="centre_results",
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
    path("<int:pk>/presentasjon/", results.deck, name="deck"),
    path("<int:pk>/presentasjon.pdf", results.deck_pdf, name="deck_pdf"),
    path("besoksmappe/<slug:slug>/", results.dossier, name="dossier"),
    path("besoksmappe/<slug:slug>/mappe.pdf", results.dossier_pdf, name="dossier_pdf"),
]
