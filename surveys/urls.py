from django.urls import path  # noqa: F401

from .views import answer, build, results  # noqa: F401

app_name = "surveys"

urlpatterns = [
    # Building, sending and following up (coordinator): views.build
    # Answering (centre leader): views.answer
    # Results, exports, the deck and the dossier: views.results
]
