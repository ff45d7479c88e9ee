from django.urls import path

from .views import agreement, comments, editing, framework, history, workflow

app_name = "agreements"

urlpatterns = [
    # The agreements: views.agreement
    path("", agreement.agreement_list, name="list"),
    path("ny/", agreement.agreement_create, name="create"),
    path("<int:pk>/", agreement.agreement_detail, name="detail"),
    path("<int:pk>/avtale.pdf", agreement.agreement_pdf, name="pdf"),
    # Editing the text: views.editing
    path("<int:pk>/rediger/", editing.agreement_edit, name="edit"),
    # The workflow: views.workflow
    path("<int:pk>/handling/<str:action>/", workflow.agreement_transition, name="transition"),
    path("<int:pk>/forny/", workflow.agreement_renew, name="renew"),
    path("<int:pk>/felles-ramme/", workflow.agreement_adopt_framework, name="adopt_framework"),
    # Versions: views.history
    path("<int:pk>/versjoner/", history.version_list, name="versions"),
    path("<int:pk>/versjoner/<int:number>/", history.version_detail, name="version"),
    path(
        "<int:pk>/versjoner/<int:number>/gjenopprett/",
        history.version_restore,
        name="version_restore",
    ),
    path("<int:pk>/sammenlign/", history.compare, name="compare"),
    # Comments: views.comments
    path("<int:pk>/kommentarer/", comments.comment_add, name="comment_add"),
    path(
        "<int:pk>/kommentarer/<int:comment_pk>/lukk/",
        comments.comment_resolve,
        name="comment_resolve",
    ),
    # The common framework: views.framework
    path("ramme/<slug:slug>/", framework.framework_detail, name="framework"),
    path("ramme/<slug:slug>/rediger/", framework.framework_edit, name="framework_edit"),
    path("ramme/<slug:slug>/sammenlign/", framework.framework_compare, name="framework_compare"),
]
