"""Password reset by email: a link to the web client's reset page, carrying Django's uid and one-time token."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.http import urlsafe_base64_decode
from knox.models import AuthToken

from accounts.mail import send_later


class PasswordResetMailForm(PasswordResetForm):
    """Django's reset form (active users with a password and this address), its mail sent off the request thread."""

    def send_mail(self, *args, **kwargs):
        """Hand the mail to the mail thread; Django's own send_mail logs a failure there."""
        send_later(super().send_mail, *args, **kwargs)


def password_reset_request(*, email: str) -> None:
    """Mail a reset link to each account with this address; an unknown address gets nothing, and no hint of it."""
    form = PasswordResetMailForm({"email": email})
    if form.is_valid():
        form.save(
            domain_override="Stockroom",
            subject_template_name="accounts/password_reset_subject.txt",
            email_template_name="accounts/password_reset_email.txt",
            extra_email_context={
                "reset_url": settings.PASSWORD_RESET_URL,
                "valid_minutes": settings.PASSWORD_RESET_TIMEOUT // 60,
            },
        )


def user_for_reset(uid: str, token: str):
    """Return the user a reset link is for while the link is valid (unused, unexpired, not forged); else None."""
    users = get_user_model()._default_manager
    try:
        user = users.get(pk=urlsafe_base64_decode(uid).decode())
    except (TypeError, ValueError, OverflowError, ValidationError, users.model.DoesNotExist):
        return None
    return user if default_token_generator.check_token(user, token) else None


def password_reset_confirm(*, user, new_password: str) -> None:
    """Set the new password (which also spends the link) and revoke every token of the user."""
    with transaction.atomic():
        user.set_password(new_password)
        user.save(update_fields=["password"])
        AuthToken.objects.filter(user=user).delete()
