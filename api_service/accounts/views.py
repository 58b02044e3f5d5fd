"""Auth endpoints: register, log in, log out (one token or all) and the current user."""

from django.contrib.auth.signals import user_logged_in
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from knox.models import AuthToken
from knox.views import LogoutAllView as KnoxLogoutAllView
from knox.views import LogoutView as KnoxLogoutView
from rest_framework import generics, permissions, status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.serializers import (
    LoginErrorSerializer,
    LoginResponseSerializer,
    LoginSerializer,
    RegisterErrorSerializer,
    RegisterSerializer,
    UserSerializer,
)
from accounts.sessions import session_start
from accounts.throttling import AccountIpThrottle, RegisterUsernameThrottle
from common.authentication import TokenAuthentication
from common.schema import ErrorDetailSerializer

_THROTTLED = OpenApiResponse(ErrorDetailSerializer, description="Too many attempts; see the Retry-After header.")
_UNAUTHENTICATED = OpenApiResponse(ErrorDetailSerializer, description="Missing, invalid, expired or revoked token.")
_BAD_BODY = {
    413: OpenApiResponse(ErrorDetailSerializer, description="The body is over the size limit."),
    415: OpenApiResponse(ErrorDetailSerializer, description="The body is not JSON."),
}


@extend_schema(
    tags=["auth"],
    responses={
        201: UserSerializer,
        400: OpenApiResponse(RegisterErrorSerializer, description="Validation errors, by field."),
        429: _THROTTLED,
        **_BAD_BODY,
    },
)
class RegisterView(generics.CreateAPIView):
    """Create an account; answer with the new user, never the password."""

    serializer_class = RegisterSerializer
    permission_classes = [permissions.AllowAny]
    authentication_classes = []
    throttle_classes = [AccountIpThrottle, RegisterUsernameThrottle]

    def create(self, request, *args, **kwargs):
        """Create the user and answer `{id, username, email}`."""
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = serializer.save()
        return Response(UserSerializer(user).data, status=status.HTTP_201_CREATED)


@extend_schema(
    tags=["auth"],
    request=LoginSerializer,
    responses={
        200: LoginResponseSerializer,
        400: OpenApiResponse(LoginErrorSerializer, description="Missing fields, or wrong credentials."),
        429: _THROTTLED,
        **_BAD_BODY,
    },
)
class LoginView(APIView):
    """Exchange a username and password for a new token; each login gets its own."""

    permission_classes = [permissions.AllowAny]
    authentication_classes = []
    # Failed password checks are counted in the serializer (accounts.password_attempts); successes never are.
    throttle_classes = []

    def post(self, request):
        """Authenticate and issue a knox token that expires after the configured TTL."""
        serializer = LoginSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        # Expired tokens are purged here rather than on every authenticated request.
        AuthToken.objects.filter(user=user, expiry__lt=timezone.now()).delete()
        instance, token = session_start(user=user, request=request)
        user_logged_in.send(sender=user.__class__, request=request, user=user)
        return Response({"token": token, "expiry": instance.expiry, "user": UserSerializer(user).data})


@extend_schema(tags=["auth"], request=None, responses={204: None, 401: _UNAUTHENTICATED})
class LogoutView(KnoxLogoutView):
    """Revoke the token that made this request."""

    authentication_classes = [TokenAuthentication]


@extend_schema(tags=["auth"], request=None, responses={204: None, 401: _UNAUTHENTICATED})
class LogoutAllView(KnoxLogoutAllView):
    """Revoke every token of the user."""

    authentication_classes = [TokenAuthentication]


@extend_schema(tags=["auth"], responses={200: UserSerializer, 401: _UNAUTHENTICATED})
class MeView(generics.RetrieveAPIView):
    """Return the authenticated user."""

    serializer_class = UserSerializer

    def get_object(self):
        """Return the caller."""
        return self.request.user
