"""The admin's user pages, refusing a username that another account has in another spelling, as registration does."""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from accounts.models import CanonicalUsername
from accounts.serializers import USERNAME_TAKEN
from accounts.usernames import canonical_username


class CanonicalUsernameFormMixin:
    """Compare the username with every other account's canonically (without this, a clash is a database error)."""

    def clean_username(self):
        """Return the username unless another account has it in a spelling that compares equal."""
        parent = getattr(super(), "clean_username", None)
        username = parent() if parent else self.cleaned_data["username"]
        others = CanonicalUsername.objects.exclude(user_id=self.instance.pk)
        if others.filter(name=canonical_username(username)).exists():
            raise forms.ValidationError(USERNAME_TAKEN, code="unique")
        return username


class AccountCreationForm(CanonicalUsernameFormMixin, AdminUserCreationForm):
    """The admin's "add user" form."""


class AccountChangeForm(CanonicalUsernameFormMixin, UserChangeForm):
    """The admin's user form."""


admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class AccountAdmin(UserAdmin):
    """Django's user admin with canonical usernames."""

    add_form = AccountCreationForm
    form = AccountChangeForm
