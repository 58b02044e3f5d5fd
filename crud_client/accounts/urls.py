"""Account routes: the front door, login, registration, logout, the account's pages and password reset."""

from django.urls import path

from accounts import account_views, reset_views, views

app_name = "accounts"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("register/", views.RegisterView.as_view(), name="register"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("account/", account_views.AccountView.as_view(), name="account"),
    path("account/email/", account_views.EmailUpdateView.as_view(), name="email"),
    path("account/password/", account_views.PasswordChangeView.as_view(), name="password_change"),
    path("account/sessions/sign-out-others/", account_views.SignOutOthersView.as_view(), name="sign_out_others"),
    path(
        "account/sessions/<str:session_id>/sign-out/",
        account_views.SessionRevokeView.as_view(),
        name="revoke_session",
    ),
    path("account/delete/", account_views.AccountDeleteView.as_view(), name="delete"),
    path("password-reset/", reset_views.PasswordResetRequestView.as_view(), name="password_reset"),
    path("password-reset/sent/", reset_views.PasswordResetSentView.as_view(), name="password_reset_sent"),
    path(
        "password-reset/<str:uidb64>/<str:token>/",
        reset_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
]
