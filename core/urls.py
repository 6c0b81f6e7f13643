"""URLs of the core app (login, 2FA, tokens)."""

from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    path("staff/login/", views.login_view, name="login"),
    path("staff/logout/", views.logout_view, name="logout"),
    path("staff/2fa/setup/", views.otp_setup, name="otp_setup"),
    path("staff/2fa/verify/", views.otp_verify, name="otp_verify"),
    path("staff/tokens/", views.token_list, name="tokens"),
    path("staff/tokens/<int:pk>/revoke/", views.token_revoke, name="token_revoke"),
    path("staff/jobs/", views.job_list, name="jobs"),
    path("staff/jobs/<int:pk>/", views.job_detail, name="job"),
]
