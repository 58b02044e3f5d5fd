"""Serializers for registration, login and the current user."""

from django.contrib.auth import authenticate, get_user_model, password_validation
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import serializers

User = get_user_model()

LOGIN_FAILED = "Unable to log in with the provided credentials."


class UserSerializer(serializers.ModelSerializer):
    """Represent a user as `{id, username, email}`."""

    class Meta:
        model = User
        fields = ["id", "username", "email"]
        read_only_fields = fields


class RegisterSerializer(serializers.ModelSerializer):
    """Create a user after running every configured password validator."""

    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(write_only=True, max_length=128, style={"input_type": "password"})

    class Meta:
        model = User
        fields = ["id", "username", "email", "password"]
        read_only_fields = ["id"]

    def validate_username(self, value):
        """Refuse a username that exists in any letter case."""
        if User.objects.filter(username__iexact=value).exists():
            raise serializers.ValidationError("A user with that username already exists.")
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
        return User.objects.create_user(**validated_data)


class LoginSerializer(serializers.Serializer):
    """Check a username and password; one generic error whatever went wrong."""

    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, trim_whitespace=False, style={"input_type": "password"})

    def validate(self, attrs):
        """Authenticate, refusing unknown users and wrong passwords with the same message."""
        user = authenticate(self.context.get("request"), username=attrs["username"], password=attrs["password"])
        if user is None:
            raise serializers.ValidationError(LOGIN_FAILED, code="authorization")
        attrs["user"] = user
        return attrs


class LoginResponseSerializer(serializers.Serializer):
    """Describe the login answer: a token, its expiry and the user."""

    token = serializers.CharField()
    expiry = serializers.DateTimeField()
    user = UserSerializer()
