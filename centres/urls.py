from django.urls import path

from . import views

app_name = "centres"
urlpatterns = [
    path("", views.centre_list, name="list"),
    path("ny/", views.centre_create, name="create"),
    path("<slug:slug>/", views.centre_detail, name="detail"),
    path("<slug:slug>/rediger/", views.centre_edit, name="edit"),
    path("<slug:slug>/arkiver/", views.centre_archive, name="archive"),
    path("<slug:slug>/gjenopprett/", views.centre_restore, name="restore"),
]
