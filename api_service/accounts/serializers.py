"""Serializers for registration, login and the current user."""

from django.contrib.auth import authenticate, get_user_model, password_validation
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from rest_framework import serializers

from accounts.models import CanonicalUsername
from accounts.password_attempts import check_password
from accounts.usernames import canonical_username

User = get_user_model()

LOGIN_FAILED = "Unable to log in with the provided credentials."
USERNAME_TAKEN = "A user with that username already exists."


class UserSerializer(serializers.ModelSerializer):
    """Represent a user as `{id, username, email}`."""

    class Meta:
        model = User
        fields = ["id", "username", "email"]
        read_only_fields = fields


class RegisterSerializer(serializers.ModelSerializer):
    """Create a user after running every configured password validator."""

    # Declared rather than generated: the model's own uniqueness check would compare only the exact spelling.
    username = serializers.CharField(max_length=150, validators=[UnicodeUsernameValidator()])
    email = serializers.EmailField(max_length=254)
    # Never trimmed, as at login: a password that starts or ends with a space must still log in.
    password = serializers.CharField(
        write_only=True, max_length=128, trim_whitespace=False, style={"input_type": "password"}
    )

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
        try:
            password_validation.validate_password(value, user=candidate)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(list(exc.messages)) from None
        return value

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
    password = serializers.CharField(max_length=128, trim_whitespace=False, style={"input_type": "password"})

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
