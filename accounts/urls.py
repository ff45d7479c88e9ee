from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from . import email_views, people_views
from .forms import LoginForm, PasswordResetForm

urlpatterns = [
    path(
        "logg-inn/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("logg-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("passord/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "passord/endret/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "glemt-passord/",
        auth_views.PasswordResetView.as_view(
            form_class=PasswordResetForm,
            success_url=reverse_lazy("password_reset_done"),
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        ),
        name="password_reset",
    ),
    path(
        "glemt-passord/sendt/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "nytt-passord/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "nytt-passord/ferdig/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    # The coordinator's people page and the invitation (accounts.people_views).
    path("personer/", people_views.people_list, name="people"),
    path("personer/inviter/", people_views.person_invite, name="person_invite"),
    path("personer/<int:pk>/rolle/", people_views.person_role, name="person_role"),
    path("personer/<int:pk>/deaktiver/", people_views.person_deactivate, name="person_deactivate"),
    path("personer/<int:pk>/aktiver/", people_views.person_reactivate, name="person_reactivate"),
    path(
        "personer/<int:pk>/invitasjon/send-igjen/",
        people_views.invitation_resend,
        name="invitation_resend",
    ),
    path(
        "personer/<int:pk>/invitasjon/trekk-tilbake/",
        people_views.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path("invitasjon/<str:token>/", people_views.invitation_accept, name="invitation_accept"),
    # The e-mails the SMTP server did not take (accounts.email_views).
    path("epost/", email_views.undelivered_emails, name="undelivered_emails"),
    path("epost/<int:pk>/send-igjen/", email_views.email_resend, name="email_resend"),
]
