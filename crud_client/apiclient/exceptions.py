"""The API client's exceptions, one family, caught by meaning rather than by status code."""


class ApiError(Exception):
    """An answer from the API that is not a success."""

    def __init__(self, detail: str = "", *, status: int | None = None):
        super().__init__(detail or self.__class__.__name__)
        self.detail = detail
        self.status = status


class ApiValidationError(ApiError):
    """The API refused the input (400): errors by field, plus errors about the whole input."""

    def __init__(self, field_errors: dict[str, list[str]], non_field_errors: list[str], *, status: int = 400):
        super().__init__("; ".join(non_field_errors) or "Invalid input.", status=status)
        self.field_errors = field_errors
        self.non_field_errors = non_field_errors


class ApiUnauthorized(ApiError):
    """The token is missing, expired or revoked (401)."""


class ApiNotFound(ApiError):
    """No such object among the user's own (404)."""


class ApiConflict(ApiError):
    """The request conflicts with the object's state (409), e.g. deleting a category that has items; `data` holds
    the answer's body (an import's fresh preview under "report", a restore's taken "sku")."""

    def __init__(self, detail: str = "", *, status: int = 409, data: dict | None = None):
        super().__init__(detail, status=status)
        self.data = data or {}


class ApiPreconditionFailed(ApiError):
    """Someone else changed the object since it was loaded (412); `current` holds its current state."""

    def __init__(self, detail: str = "", *, current: dict | None = None, status: int = 412):
        super().__init__(detail, status=status)
        self.current = current


class ApiThrottled(ApiError):
    """Too many requests (429); `retry_after` says how many seconds to wait, when known."""

    def __init__(self, detail: str = "", *, retry_after: int | None = None, status: int = 429):
        super().__init__(detail, status=status)
        self.retry_after = retry_after


class ApiUnavailable(ApiError):
    """The API could not be reached, timed out, or failed on its side (5xx)."""
