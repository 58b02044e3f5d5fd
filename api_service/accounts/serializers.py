"""Serializers for registration, login, the current user, their password and their sessions."""

from django.contrib.auth import authenticate, get_user_model, password_validation
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from rest_framework import serializers

from accounts.models import CanonicalUsername, TokenSession
from accounts.password_attempts import check_password
from accounts.password_reset import user_for_reset
from accounts.usernames import canonical_username

User = get_user_model()

LOGIN_FAILED = "Unable to log in with the provided credentials."
USERNAME_TAKEN = "A user with that username already exists."
RESET_LINK_DEAD = "This password reset link has been used or has expired. Ask for a new one."
RESET_REQUESTED = "If an account has this email address, we sent it a link to reset the password."


def _password(**kwargs):
    # Never trimmed, at registration, login, change, reset or deletion alike.
    return serializers.CharField(max_length=128, trim_whitespace=False, style={"input_type": "password"}, **kwargs)


class NewPasswordField(serializers.CharField):
    """A password being chosen, never trimmed. The schema states the rules it can (common.schema.NOT_ONLY_DIGITS and
    `new_password_min_length`); the configured validators still judge the rest (common passwords, likeness)."""

    def __init__(self, **kwargs):
        super().__init__(max_length=128, trim_whitespace=False, style={"input_type": "password"}, **kwargs)

    @property
    def new_password_min_length(self) -> int:
        """The length Django's MinimumLengthValidator asks for (1 when none is configured)."""
        lengths = [
            validator.min_length
            for validator in password_validation.get_default_password_validators()
            if isinstance(validator, password_validation.MinimumLengthValidator)
        ]
        return max(lengths, default=1)


def _validated_new_password(value, user):
    """Return the password if every configured validator accepts it for `user`; else raise their messages."""
    try:
        password_validation.validate_password(value, user=user)
    except DjangoValidationError as exc:
        raise serializers.ValidationError(list(exc.messages)) from None
    return value


class UserSerializer(serializers.ModelSerializer):
    """Represent a user as `{id, username, email}`; only the email can change."""

    email = serializers.EmailField(max_length=254)

    class Meta:
        model = User
        fields = ["id", "username", "email"]
        read_only_fields = ["id", "username"]


class RegisterSerializer(serializers.ModelSerializer):
    """Create a user after running every configured password validator."""

    # Declared rather than generated: the model's own uniqueness check would compare only the exact spelling.
    username = serializers.CharField(max_length=150, validators=[UnicodeUsernameValidator()])
    email = serializers.EmailField(max_length=254)
    password = NewPasswordField(write_only=True)

    class Meta:
        model = User
        fields = ["id", "username", "email", "password"]
        read_only_fields = ["id"]

    def validate_username(self, value):
        """Refuse a username that exists in any spelling that compares equal (`STRASSE` when `straße` exists)."""
        # One indexed query, as for a free name; the 400 it adds costs what any other field's 400 costs.
        if CanonicalUsername.objects.filter(name=canonical_username(value)).exists():
            raise serializers.ValidationError(USERNAME_TAKEN)
        return value

    def validate_password(self, value):
        """Run Django's password validators, which `create_user()` alone never does."""
        # Field validation runs before validate(), so compare against the submitted raw values.
        submitted = self.initial_data
        candidate = User(username=str(submitted.get("username", "")), email=str(submitted.get("email", "")))
        return _validated_new_password(value, candidate)

    def create(self, validated_data):
        """Create the user with a hashed password."""
        try:
            # A savepoint, so a lost race leaves the surrounding transaction usable on PostgreSQL.
            with transaction.atomic():
                return User.objects.create_user(**validated_data)
        except IntegrityError:
            # Another registration of an equal name committed after validate_username ran; the unique index on
            # canonical names (accounts migration 0002) refused this one.
            raise serializers.ValidationError({"username": [USERNAME_TAKEN]}) from None


class LoginSerializer(serializers.Serializer):
    """Check a username and password; one generic error whatever went wrong."""

    username = serializers.CharField(max_length=150)
    password = _password()

    def validate(self, attrs):
        """Authenticate, refusing unknown users and wrong passwords with the same message."""
        request, username = self.context["request"], attrs["username"]
        user = check_password(
            request, username, lambda: authenticate(request, username=username, password=attrs["password"])
        )
        if user is None:
            raise serializers.ValidationError(LOGIN_FAILED, code="authorization")
        attrs["user"] = user
        return attrs


class CallerPasswordSerializer(serializers.Serializer):
    """Check the caller's password (`password_field`), counting failures like a login."""

    password_field = "password"
    wrong_password = "Your password was entered incorrectly."

    def check_caller_password(self, value):
        """Return the password if it is the caller's; raise the wrong-password error, or 429 when throttled."""
        request = self.context["request"]
        user = request.user
        if not check_password(request, user.get_username(), lambda: user.check_password(value)):
            raise serializers.ValidationError(self.wrong_password)
        return value


class PasswordChangeSerializer(CallerPasswordSerializer):
    """Check the old password and validate the new one for the caller."""

    wrong_password = "Your old password was entered incorrectly. Please enter it again."

    old_password = _password(write_only=True)
    new_password = NewPasswordField(write_only=True)

    def validate_old_password(self, value):
        """Refuse a wrong old password (counted like a failed login)."""
        return self.check_caller_password(value)

    def validate_new_password(self, value):
        """Run every password validator against the caller."""
        return _validated_new_password(value, self.context["request"].user)


class AccountDeleteSerializer(CallerPasswordSerializer):
    """Confirm an account deletion with the caller's password."""

    password = _password(write_only=True)

    def validate_password(self, value):
        """Refuse a wrong password (counted like a failed login)."""
        return self.check_caller_password(value)


class SessionSerializer(serializers.ModelSerializer):
    """Represent one of the user's sessions (an API token) without revealing anything of the token."""

    id = serializers.CharField(source="public_id", read_only=True, help_text="Opaque; use it to revoke the session.")
    created = serializers.DateTimeField(source="token.created", read_only=True)
    expiry = serializers.DateTimeField(source="token.expiry", read_only=True, allow_null=True)
    current = serializers.SerializerMethodField(help_text="True for the session (token) that made this request.")

    class Meta:
        model = TokenSession
        fields = ["id", "created", "expiry", "last_used", "user_agent", "ip", "current"]
        read_only_fields = fields
        extra_kwargs = {
            "last_used": {"help_text": "When the session last made a request, to the minute."},
            "user_agent": {"help_text": "The browser (or program) that logged in; null when unknown."},
            "ip": {"help_text": "The end user's address at login; null when unknown."},
        }

    def get_current(self, session) -> bool:
        """Tell whether this is the session making the request."""
        return session.token_id == getattr(self.context["request"].auth, "pk", None)


class PasswordResetRequestSerializer(serializers.Serializer):
    """Ask for a reset link by email address."""

    email = serializers.EmailField(max_length=254)


class PasswordResetCheckSerializer(serializers.Serializer):
    """A reset link's uid and token: valid only while unused and unexpired."""

    uid = serializers.CharField(max_length=64, help_text="The `<uidb64>` part of the link.")
    token = serializers.CharField(max_length=128, help_text="The `<token>` part of the link.")

    def validate(self, attrs):
        """Find the user the link is for; refuse a used, expired or forged link."""
        user = user_for_reset(attrs["uid"], attrs["token"])
        if user is None:
            raise serializers.ValidationError({"token": [RESET_LINK_DEAD]})
        attrs["user"] = user
        return attrs


class PasswordResetConfirmSerializer(PasswordResetCheckSerializer):
    """A valid reset link's uid and token, and the new password for its user."""

    new_password = NewPasswordField(write_only=True)

    def validate(self, attrs):
        """Check the link, then run every password validator against its user."""
        attrs = super().validate(attrs)
        try:
            _validated_new_password(attrs["new_password"], attrs["user"])
        except serializers.ValidationError as refused:
            raise serializers.ValidationError({"new_password": refused.detail}) from None
        return attrs


class LoginResponseSerializer(serializers.Serializer):
    """Describe the login answer: a token, its expiry and the user."""

    token = serializers.CharField()
    expiry = serializers.DateTimeField()
    user = UserSerializer()


def _messages(help_text: str):
    return serializers.ListField(child=serializers.CharField(), required=False, help_text=help_text)


class RegisterErrorSerializer(serializers.Serializer):
    """Describe registration's 400: the messages for each field that failed."""

    username = _messages("Taken (in any spelling that compares equal), empty or not a valid username.")
    email = _messages("Missing or not a valid email address.")
    password = _messages("Every message of every password validator that refused it.")
    non_field_errors = _messages("The body is not a JSON object.")


class LoginErrorSerializer(serializers.Serializer):
    """Describe login's 400: missing fields, or one generic message for any wrong credentials."""

    username = _messages("Missing or invalid.")
    password = _messages("Missing or invalid.")
    non_field_errors = _messages(f'"{LOGIN_FAILED}", for an unknown user and a wrong password alike.')


class ProfileErrorSerializer(serializers.Serializer):
    """Describe the profile update's 400."""

    email = _messages("Missing, blank or not a valid email address.")
    non_field_errors = _messages("The body is not a JSON object.")


class PasswordChangeErrorSerializer(serializers.Serializer):
    """Describe the password change's 400."""

    old_password = _messages(f'Missing, or "{PasswordChangeSerializer.wrong_password}"')
    new_password = _messages("Missing, or every message of every password validator that refused it.")
    non_field_errors = _messages("The body is not a JSON object.")


class AccountDeleteErrorSerializer(serializers.Serializer):
    """Describe the account deletion's 400."""

    password = _messages(f'Missing, or "{AccountDeleteSerializer.wrong_password}"')
    non_field_errors = _messages("The body is not a JSON object.")


class PasswordResetRequestErrorSerializer(serializers.Serializer):
    """Describe the reset request's 400: only a malformed address, never an unknown one."""

    email = _messages("Missing or not a valid email address.")
    non_field_errors = _messages("The body is not a JSON object.")


class PasswordResetErrorSerializer(serializers.Serializer):
    """Describe the reset check's and confirmation's 400."""

    uid = _messages("Missing.")
    token = _messages(f'Missing, or "{RESET_LINK_DEAD}" for a used, expired or forged link.')
    new_password = _messages("Confirmation only: missing, or every message of every validator that refused it.")
    non_field_errors = _messages("The body is not a JSON object.")


class SessionPageErrorSerializer(serializers.Serializer):
    """Describe the session list's 400."""

    page_size = _messages("Not a positive integer.")
