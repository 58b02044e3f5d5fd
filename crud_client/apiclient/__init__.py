"""The one place the web client talks HTTP to the Stockroom API."""

from apiclient.client import ApiClient, api_client_for
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
from apiclient.resources import Auth, Categories, History, ItemImports, Items, Page, Resource, Stats, Trash, TrashPage
from apiclient.session_token import SESSION_TOKEN_KEY, save_token, token_from, token_has_expired

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
    "History",
    "ItemImports",
    "Items",
    "Page",
    "Resource",
    "Stats",
    "Trash",
    "TrashPage",
    "api_client_for",
    "save_token",
    "token_from",
    "token_has_expired",
]
