from django.urls import path

from .views import centre, register, report, years

app_name = "grants"
urlpatterns = [
    path("", years.year_list, name="list"),
    path("registeret/", register.differences, name="differences"),
    path("registeret/<int:pk>/", register.decide_difference, name="difference_decide"),
    path("<int:pk>/", years.year_overview, name="year"),
    path("<int:pk>/grunnlag.xlsx", years.basis_xlsx, name="basis_xlsx"),
    path("<int:pk>/grunnlag.pdf", years.basis_pdf, name="basis_pdf"),
    path("<int:pk>/<slug:slug>/", centre.status_page, name="status"),
    path("<int:pk>/<slug:slug>/dokumentasjon/", centre.evidence, name="evidence"),
    path("<int:pk>/<slug:slug>/vurdering/", centre.assessment, name="assess"),
    path("<int:pk>/<slug:slug>/vedtak/", centre.decision, name="decision"),
    path("<int:pk>/<slug:slug>/arsrapport/", report.report_page, name="report"),
    path("<int:pk>/<slug:slug>/arsrapport/gjenapne/", report.reopen, name="report_reopen"),
    path("<int:pk>/<slug:slug>/arsrapport/regnskap.pdf", report.accounts_file, name="accounts"),
]
