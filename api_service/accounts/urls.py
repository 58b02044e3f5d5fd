"""Auth routes under /api/v1/auth/."""

from django.urls import path

from accounts import views

urlpatterns = [
    path("register/", views.RegisterView.as_view(), name="auth-register"),
    path("login/", views.LoginView.as_view(), name="auth-login"),
    path("logout/", views.LogoutView.as_view(), name="auth-logout"),
    path("logoutall/", views.LogoutAllView.as_view(), name="auth-logoutall"),
    path("me/", views.MeView.as_view(), name="auth-me"),
]
