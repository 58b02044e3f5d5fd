"""Auth endpoints: register, log in, log out (one token or all), the current user's account, password and sessions."""

from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth.signals import user_logged_in
from django.db.models import Q
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from knox.models import AuthToken
from knox.views import LogoutAllView as KnoxLogoutAllView
from knox.views import LogoutView as KnoxLogoutView
from rest_framework import generics, mixins, permissions, status, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.models import TokenSession
from accounts.password_reset import password_reset_confirm, password_reset_request
from accounts.serializers import (
    RESET_REQUESTED,
    AccountDeleteErrorSerializer,
    AccountDeleteSerializer,
    LoginErrorSerializer,
    LoginResponseSerializer,
    LoginSerializer,
    PasswordChangeErrorSerializer,
    PasswordChangeSerializer,
    PasswordResetCheckSerializer,
    PasswordResetConfirmSerializer,
    PasswordResetErrorSerializer,
    PasswordResetRequestErrorSerializer,
    PasswordResetRequestSerializer,
    ProfileErrorSerializer,
    RegisterErrorSerializer,
    RegisterSerializer,
    SessionPageErrorSerializer,
    SessionSerializer,
    UserSerializer,
)
from accounts.services import account_delete, password_change
from accounts.sessions import session_start
from accounts.throttling import AccountIpThrottle, PasswordResetEmailThrottle, RegisterUsernameThrottle
from common.authentication import TokenAuthentication
from common.pagination import PageNumberPagination
from common.schema import DeleteWithBodySchema, ErrorDetailSerializer

_THROTTLED = OpenApiResponse(ErrorDetailSerializer, description="Too many attempts; see the Retry-After header.")
_UNAUTHENTICATED = OpenApiResponse(ErrorDetailSerializer, description="Missing, invalid, expired or revoked token.")
_BAD_BODY = {
    413: OpenApiResponse(ErrorDetailSerializer, description="The body is over the size limit."),
    415: OpenApiResponse(ErrorDetailSerializer, description="The body is not JSON."),
}


@extend_schema(
    tags=["auth"],
    summary="Register an account",
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
    summary="Log in: get a token",
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


@extend_schema(
    tags=["auth"], summary="Log out: revoke this token", request=None, responses={204: None, 401: _UNAUTHENTICATED}
)
class LogoutView(KnoxLogoutView):
    """Revoke the token that made this request."""

    authentication_classes = [TokenAuthentication]


@extend_schema(tags=["auth"], summary="Log out everywhere", request=None, responses={204: None, 401: _UNAUTHENTICATED})
class LogoutAllView(KnoxLogoutAllView):
    """Revoke every token of the user."""

    authentication_classes = [TokenAuthentication]


def _caller_token(request):
    """Return the knox token that authenticated the request; None for the browsable API's session login."""
    return request.auth if isinstance(request.auth, AuthToken) else None


@extend_schema_view(
    get=extend_schema(summary="Read your account", responses={200: UserSerializer, 401: _UNAUTHENTICATED}),
    patch=extend_schema(
        summary="Change your email address",
        responses={
            200: UserSerializer,
            400: OpenApiResponse(ProfileErrorSerializer, description="The email address is missing or invalid."),
            401: _UNAUTHENTICATED,
            **_BAD_BODY,
        },
    ),
    delete=extend_schema(
        summary="Delete your account",
        responses={
            204: OpenApiResponse(description="The account and everything in it are gone; so is every token."),
            400: OpenApiResponse(AccountDeleteErrorSerializer, description="The password is missing or wrong."),
            401: _UNAUTHENTICATED,
            429: _THROTTLED,
            **_BAD_BODY,
        },
    ),
)
@extend_schema(tags=["auth"])
class MeView(generics.GenericAPIView):
    """The caller's account: read it, change its email address, or delete it with everything in it."""

    serializer_class = UserSerializer
    schema = DeleteWithBodySchema()
    delete_request_serializer = AccountDeleteSerializer

    def get_object(self):
        """Return the caller."""
        return self.request.user

    def get(self, request):
        """Return `{id, username, email}`."""
        return Response(self.get_serializer(self.get_object()).data)

    def patch(self, request):
        """Change the email address (the username stays as it is)."""
        serializer = self.get_serializer(self.get_object(), data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(serializer.data)

    def delete(self, request):
        """Delete the account, its categories, items and tokens, once the password confirms it."""
        confirmation = AccountDeleteSerializer(data=request.data, context={"request": request})
        confirmation.is_valid(raise_exception=True)
        account_delete(user=request.user)
        if _caller_token(request) is None:
            logout(request)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema(tags=["auth"])
class PasswordChangeView(APIView):
    """Change the caller's password; every other token of theirs is revoked, the calling one keeps working."""

    @extend_schema(
        summary="Change your password",
        request=PasswordChangeSerializer,
        responses={
            204: OpenApiResponse(description="Changed; every other session of the user is signed out."),
            400: OpenApiResponse(
                PasswordChangeErrorSerializer, description="Wrong old password, or a refused new one."
            ),
            401: _UNAUTHENTICATED,
            429: _THROTTLED,
            **_BAD_BODY,
        },
    )
    def post(self, request):
        """Check the old password, validate the new one, set it and sign out the other sessions."""
        serializer = PasswordChangeSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        token = _caller_token(request)
        password_change(user=request.user, new_password=serializer.validated_data["new_password"], keep_token=token)
        if token is None:
            # Signed in to the browsable API: keep this browser's session, as Django's own password change does.
            update_session_auth_hash(request, request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


@extend_schema_view(
    list=extend_schema(
        summary="List your sessions",
        description="List your live sessions (one per token), newest first; `current` marks the one asking.",
        responses={
            200: SessionSerializer(many=True),
            400: OpenApiResponse(SessionPageErrorSerializer, description="`page_size` is not a positive integer."),
            401: _UNAUTHENTICATED,
            404: OpenApiResponse(ErrorDetailSerializer, description="A page past the end, or a page that is not one."),
        },
    ),
    destroy=extend_schema(
        summary="Sign out one session",
        description="Sign out one of your sessions: its token stops working at once.",
        responses={
            204: OpenApiResponse(description="The session is signed out: its token stops working."),
            401: _UNAUTHENTICATED,
            404: OpenApiResponse(ErrorDetailSerializer, description="No such session among yours."),
        },
    ),
)
@extend_schema(tags=["auth"])
class SessionViewSet(mixins.ListModelMixin, mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """The caller's live sessions (one per token), newest first; revoke one by its public id."""

    serializer_class = SessionSerializer
    pagination_class = PageNumberPagination
    filter_backends = []
    lookup_field = "public_id"
    lookup_url_kwarg = "id"

    def get_queryset(self):
        """Return the caller's unexpired sessions, newest first: nobody else's is ever reachable."""
        live = Q(token__expiry__isnull=True) | Q(token__expiry__gt=timezone.now())
        sessions = TokenSession.objects.filter(live, token__user=self.request.user)
        return sessions.select_related("token").order_by("-token__created", "-pk")

    def get_object(self):
        """Return the caller's session with the id in the URL; 404 "Not found." for any other id."""
        session = self.get_queryset().filter(public_id=self.kwargs[self.lookup_url_kwarg]).first()
        if session is None:
            raise NotFound()
        return session

    def perform_destroy(self, instance):
        """Revoke the session's token (its session row goes with it)."""
        instance.token.delete()


def _open_account_schema(summary, request, answered: dict, refused: OpenApiResponse):
    """Describe an account operation open to anyone: its answer, its 400, and the throttle's and body limits'."""
    responses = {**answered, 400: refused, 429: _THROTTLED, **_BAD_BODY}
    return extend_schema(tags=["auth"], summary=summary, request=request, responses=responses)


class OpenAccountView(APIView):
    """An account endpoint for callers without a token, throttled per end-user address."""

    permission_classes = [permissions.AllowAny]
    # No authentication: DRF would refuse a stale token even here, and a forgotten password comes with none.
    authentication_classes = []
    throttle_classes = [AccountIpThrottle]


class PasswordResetView(OpenAccountView):
    """Mail a password reset link to the accounts with this address; the answer never says whether there are any."""

    throttle_classes = [AccountIpThrottle, PasswordResetEmailThrottle]

    @_open_account_schema(
        "Mail a password reset link",
        PasswordResetRequestSerializer,
        {202: OpenApiResponse(ErrorDetailSerializer, description=f'Always `{{"detail": "{RESET_REQUESTED}"}}`.')},
        OpenApiResponse(PasswordResetRequestErrorSerializer, description="The address is malformed."),
    )
    def post(self, request):
        """Accept the request: a known address gets the link by mail, sent after this answer."""
        serializer = PasswordResetRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        password_reset_request(email=serializer.validated_data["email"])
        return Response({"detail": RESET_REQUESTED}, status=status.HTTP_202_ACCEPTED)


class PasswordResetCheckView(OpenAccountView):
    """Tell whether a reset link still works, so the reset page can say up front when it does not."""

    @_open_account_schema(
        "Check a password reset link",
        PasswordResetCheckSerializer,
        {204: OpenApiResponse(description="The link is valid now.")},
        OpenApiResponse(PasswordResetErrorSerializer, description="The link is used, expired or forged."),
    )
    def post(self, request):
        """Answer 204 for a valid link, 400 for any other."""
        PasswordResetCheckSerializer(data=request.data).is_valid(raise_exception=True)
        return Response(status=status.HTTP_204_NO_CONTENT)


class PasswordResetConfirmView(OpenAccountView):
    """Set a new password through a valid reset link; every session of the user is signed out."""

    @_open_account_schema(
        "Set a new password through a reset link",
        PasswordResetConfirmSerializer,
        {204: OpenApiResponse(description="The password is set, the link spent, every token of the user revoked.")},
        OpenApiResponse(
            PasswordResetErrorSerializer, description="A used, expired or forged link, or a refused password."
        ),
    )
    def post(self, request):
        """Check the link and the new password, set it and revoke every token of the user."""
        serializer = PasswordResetConfirmSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        password_reset_confirm(
            user=serializer.validated_data["user"], new_password=serializer.validated_data["new_password"]
        )
        return Response(status=status.HTTP_204_NO_CONTENT)
