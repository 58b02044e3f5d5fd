"""The one place the web client talks HTTP to the Stockroom API."""

from apiclient.client import SESSION_TOKEN_KEY, ApiClient, api_client_for
from apiclient.exceptions import (
    ApiConflict,
    ApiError,
    ApiNotFound,
    ApiPreconditionFailed,
    ApiThrottled,
    ApiUnauthorized,
    ApiUnavailable,
    ApiValidationError,
)
from apiclient.resources import Auth, Categories, Items, Page, Resource

__all__ = [
    "SESSION_TOKEN_KEY",
    "ApiClient",
    "ApiConflict",
    "ApiError",
    "ApiNotFound",
    "ApiPreconditionFailed",
    "ApiThrottled",
    "ApiUnauthorized",
    "ApiUnavailable",
    "ApiValidationError",
    "Auth",
    "Categories",
    "Items",
    "Page",
    "Resource",
    "api_client_for",
]
