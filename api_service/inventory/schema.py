"""OpenAPI descriptions of the inventory endpoints: headers, bodies and every answer, error answers included."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
    inline_serializer,
)
from rest_framework import serializers

from common.idempotency import IDEMPOTENCY_KEY
from common.schema import ErrorDetailSerializer
from inventory.bulk import MAX_IDS
from inventory.csv_format import COLUMNS
from inventory.serializers import (
    ItemBulkResultSerializer,
    ItemBulkSerializer,
    ItemImportReportSerializer,
    ItemImportResultSerializer,
)

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description='The version you loaded, as its ETag (`"3"`; also `3`, `W/"3"`, a comma-separated list, or `*`). '
    "A different current version answers 412 and changes nothing; without the header the write applies.",
)


def _etag(*codes):
    return OpenApiParameter(
        "ETag",
        OpenApiTypes.STR,
        OpenApiParameter.HEADER,
        response=list(codes),
        description='The version of the object in the body, e.g. `"3"`; send it back in `If-Match`.',
    )


RETRY_AFTER = OpenApiParameter(
    "Retry-After", OpenApiTypes.INT, OpenApiParameter.HEADER, response=[429], description="Seconds to wait."
)
# DRF's 400 shapes: messages by field (`non_field_errors` for the whole body), or one `detail` message
# when the request itself is malformed (bad JSON).
FIELD_ERRORS = {
    "type": "object",
    "additionalProperties": {"anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]},
}


def _detail(description):
    return OpenApiResponse(ErrorDetailSerializer, description=description)


def _responses(resource, current, *codes):
    described = {
        400: OpenApiResponse(FIELD_ERRORS, description="Invalid input, by field or parameter name."),
        401: _detail("Missing, invalid, expired or revoked token."),
        404: _detail(f"No such {resource} among yours."),
        409: _detail(f"The {resource} still has items."),
        412: OpenApiResponse(current, description="`If-Match` does not name the current version; `current` holds it."),
        413: _detail("The body is over the size limit."),
        415: _detail("The body is not JSON."),
        422: _detail("The Idempotency-Key was already used with a different body."),
        429: _detail("Too many requests; retry after `Retry-After` seconds."),
    }
    return {code: described[code] for code in codes}


def crud_schema(resource, serializer, *, delete_codes=()):
    """Describe the standard operations, including ETag/If-Match and every error answer, for one resource."""
    current = inline_serializer(
        f"{resource.title()}PreconditionFailed", fields={"detail": serializers.CharField(), "current": serializer()}
    )

    def responses(*codes):
        return _responses(resource, current, *codes, 401, 429)

    past_end = _detail("A page past the end, or a page number that is not one.")
    write = responses(400, 404, 412, 413, 415)
    return extend_schema_view(
        list=extend_schema(
            parameters=[RETRY_AFTER], responses={200: serializer(many=True), **responses(400), 404: past_end}
        ),
        create=extend_schema(
            parameters=[IDEMPOTENCY_KEY, _etag(201), RETRY_AFTER],
            responses={201: serializer, **responses(400, 413, 415, 422)},
        ),
        retrieve=extend_schema(parameters=[_etag(200), RETRY_AFTER], responses={200: serializer, **responses(404)}),
        update=extend_schema(parameters=[IF_MATCH, _etag(200, 412), RETRY_AFTER], responses={200: serializer, **write}),
        partial_update=extend_schema(
            parameters=[IF_MATCH, _etag(200, 412), RETRY_AFTER], responses={200: serializer, **write}
        ),
        destroy=extend_schema(
            parameters=[IF_MATCH, _etag(412), RETRY_AFTER],
            responses={204: None, **responses(400, 404, 412, *delete_codes)},
        ),
    )


_BULK_STALE = inline_serializer(
    "ItemBulkPreconditionFailed",
    fields={
        "detail": serializers.CharField(),
        "current": serializers.DictField(child=serializers.IntegerField(), help_text='`{"<id>": version}`'),
    },
)

# DRF reports a bad element of a list or object by its position or key: `{"ids": {"4": ["..."]}}`.
NESTED_FIELD_ERRORS = {
    "type": "object",
    "additionalProperties": {
        "anyOf": [
            *FIELD_ERRORS["additionalProperties"]["anyOf"],
            {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}}},
        ]
    },
}

BULK_SCHEMA = extend_schema(
    summary="Apply one action to many items",
    description=f"Delete, move to a category, or adjust the stock of up to {MAX_IDS} of your items in one "
    "transaction: every item or none. An id that is not one of your items answers 400 naming it; a `versions` "
    "entry that is not current answers 412 with the current versions; stock that would go below zero answers 400 "
    "naming the items. Each changed item's version goes up by one; an item already in the category is left as it "
    "is. For `delete`, `items` gives the version each item had.",
    request=ItemBulkSerializer,
    parameters=[IDEMPOTENCY_KEY, RETRY_AFTER],
    responses={
        200: ItemBulkResultSerializer,
        **_responses("item", None, 401, 413, 415, 422, 429),
        400: OpenApiResponse(NESTED_FIELD_ERRORS, description="Invalid input, by field (and position in a list)."),
        412: OpenApiResponse(_BULK_STALE, description="A listed item is not at the version `versions` names."),
    },
)

_CSV_HEADER = ",".join(COLUMNS)

EXPORT_SCHEMA = extend_schema(
    summary="Export items as CSV",
    description="Your items, with the same filters, search and ordering as the list (no pages), as a CSV file "
    f"(RFC 4180, UTF-8) with the header `{_CSV_HEADER}` and the category by name, streamed. A cell that "
    "a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) starts "
    "with `'`, as OWASP advises; the import takes it off again. Errors are JSON.",
    filters=True,
    parameters=[
        RETRY_AFTER,
        OpenApiParameter(
            "Content-Disposition",
            OpenApiTypes.STR,
            OpenApiParameter.HEADER,
            response=[200],
            description='`attachment; filename="items-YYYY-MM-DD.csv"`',
        ),
    ],
    responses={
        (200, "text/csv"): OpenApiResponse(OpenApiTypes.STR, description="The items, one per line after the header."),
        **{
            (code, "application/json"): answer
            for code, answer in {
                **_responses("item", None, 400, 401, 429),
                406: _detail("The request does not accept text/csv."),
            }.items()
        },
    },
)

_IMPORT_ERROR = _detail("No such import among yours (imports are kept one hour).")

IMPORT_SCHEMA = extend_schema_view(
    create=extend_schema(
        summary="Upload a CSV file of items for a preview",
        description="Send the file itself as the body with `Content-Type: text/csv`, up to `API_MAX_IMPORT_BYTES` "
        f"(10 MB by default). The first line names the columns, in any order: `{_CSV_HEADER}` (the export's "
        "own format); other columns are ignored and reported. UTF-8 with or without a byte-order mark (or the "
        "`charset` the Content-Type names); `,` or `;` between cells. A row whose SKU is one of your items' "
        "updates that item, any other row creates one; an empty quantity or price cell leaves the value as it is "
        "(a new item gets 0). Nothing is written: the answer is the preview, kept one hour for "
        "`POST items/imports/{id}/commit/`.",
        request={"text/csv": OpenApiTypes.STR},
        examples=[
            OpenApiExample(
                "Two items",
                value="sku,name,description,category,quantity,price\r\n"
                "HAM-1,Claw hammer,16 oz,Tools,3,12.50\r\nSAW-2,Hand saw,,Tools,1,19.99\r\n",
                request_only=True,
                media_type="text/csv",
            )
        ],
        parameters=[RETRY_AFTER],
        responses={
            201: ItemImportReportSerializer,
            400: _detail("The body is not a CSV file of items (the message says what is wrong)."),
            **_responses("import", None, 401, 413, 429),
            415: _detail("The body is not `text/csv`."),
        },
    ),
    retrieve=extend_schema(
        summary="Read an import's preview",
        parameters=[RETRY_AFTER],
        responses={200: ItemImportReportSerializer, 404: _IMPORT_ERROR, **_responses("import", None, 401, 429)},
    ),
    commit=extend_schema(
        summary="Commit an import",
        description="Apply the preview in one transaction: create its new categories and items, update the "
        "changed ones (version + 1). If your items changed since the preview so that the outcome would differ, "
        "nothing is written and the answer is 409 with the fresh preview, which a second commit applies.",
        request=None,
        parameters=[RETRY_AFTER],
        responses={
            200: ItemImportResultSerializer,
            400: _detail("The preview has errors; fix the file and upload it again."),
            404: _IMPORT_ERROR,
            409: OpenApiResponse(
                inline_serializer(
                    "ItemImportConflict",
                    fields={
                        "detail": serializers.CharField(),
                        "report": ItemImportReportSerializer(required=False),
                    },
                ),
                description="Committed already (`detail` only), or your items changed since the preview "
                "(`report` holds the fresh preview).",
            ),
            **_responses("import", None, 401, 429),
        },
    ),
)
