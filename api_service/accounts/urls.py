"""Auth routes under /api/v1/auth/."""

from django.urls import path

from accounts import views

sessions = views.SessionViewSet

urlpatterns = [
    path("register/", views.RegisterView.as_view(), name="auth-register"),
    path("login/", views.LoginView.as_view(), name="auth-login"),
    path("logout/", views.LogoutView.as_view(), name="auth-logout"),
    path("logoutall/", views.LogoutAllView.as_view(), name="auth-logoutall"),
    path("me/", views.MeView.as_view(), name="auth-me"),
    path("password/change/", views.PasswordChangeView.as_view(), name="auth-password-change"),
    path("password/reset/", views.PasswordResetView.as_view(), name="auth-password-reset"),
    path("password/reset/check/", views.PasswordResetCheckView.as_view(), name="auth-password-reset-check"),
    path("password/reset/confirm/", views.PasswordResetConfirmView.as_view(), name="auth-password-reset-confirm"),
    path("sessions/", sessions.as_view({"get": "list"}), name="session-list"),
    path("sessions/<slug:id>/", sessions.as_view({"delete": "destroy"}), name="session-detail"),
]
