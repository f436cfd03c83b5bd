"""One mapping from errors to HTTP answers, all in the RealWorld envelope:
`{"errors": {"body": ["readable message", ...], "<field>": ["message", ...]}}`."""

import logging
import re
from typing import Any

from litestar import MediaType, Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.status_codes import (
    HTTP_400_BAD_REQUEST,
    HTTP_401_UNAUTHORIZED,
    HTTP_422_UNPROCESSABLE_ENTITY,
    HTTP_500_INTERNAL_SERVER_ERROR,
)

from core.shared.errors import (
    CoreError,
    InvalidInput,
    RateLimited,
)
from entrypoints.error_status import status_for

logger = logging.getLogger("conduit.http")


# Envelope keys: an error there is about the request body as a whole.
_ENVELOPES = {"data", "user", "article", "comment"}
_MISSING = re.compile(r"^Object missing required field `(?P<field>[^`]+)`$")
_WRONG_TYPE = re.compile(r"^Expected `(?P<expected>[^`]+)`(?P<bound>[^,]*)(?:, got `[^`]+`)?$")
_TYPE_NAMES = {
    "str": "a string",
    "int": "an integer",
    "bool": "true or false",
    "object": "an object",
    "array": "an array",
    "float": "a number",
}


def error_response(
    status: int, fields: dict[str, list[str]] | None = None, message: str | None = None
) -> Response[Any]:
    fields = fields or {}
    body = [f"{name} {text}" for name, texts in fields.items() for text in texts] or [
        message or "request failed"
    ]
    headers = {"WWW-Authenticate": "Token"} if status == HTTP_401_UNAUTHORIZED else None
    return Response(
        {"errors": {"body": body, **fields}}, status_code=status, media_type=MediaType.JSON, headers=headers
    )


def core_error_handler(_: Request[Any, Any, Any], error: CoreError) -> Response[Any]:
    status = status_for(error)
    if isinstance(error, InvalidInput):
        return error_response(status, error.fields)
    response = error_response(status, message=error.message)
    if isinstance(error, RateLimited):
        response.headers["Retry-After"] = str(error.retry_after)
    return response


def validation_error_handler(_: Request[Any, Any, Any], error: ValidationException) -> Response[Any]:
    fields: dict[str, list[str]] = {}
    for item in error.extra if isinstance(error.extra, list) else []:
        field, text = _describe(item if isinstance(item, dict) else {"message": str(item)})
        fields.setdefault(field, []).append(text)
    return error_response(HTTP_422_UNPROCESSABLE_ENTITY, fields or {"body": ["is invalid"]})


def http_error_handler(_: Request[Any, Any, Any], error: HTTPException) -> Response[Any]:
    if error.status_code == HTTP_400_BAD_REQUEST:  # e.g. malformed JSON: RealWorld wants 422
        return error_response(HTTP_422_UNPROCESSABLE_ENTITY, {"body": [_lower_first(error.detail)]})
    response = error_response(error.status_code, message=error.detail)
    response.headers.update(error.headers or {})  # e.g. Allow on 405
    return response


def nesting_error_handler(_: Request[Any, Any, Any], _error: RecursionError) -> Response[Any]:
    """The JSON decoder gives up on absurdly deep nesting (thousands of levels): the client's fault."""
    return error_response(HTTP_422_UNPROCESSABLE_ENTITY, {"body": ["is nested too deeply"]})


def unexpected_error_handler(request: Request[Any, Any, Any], error: Exception) -> Response[Any]:
    logger.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=error)
    return error_response(HTTP_500_INTERNAL_SERVER_ERROR, message="internal server error")


def _describe(item: dict[str, Any]) -> tuple[str, str]:
    """(field, message) for one of Litestar's validation items: {"message", "key": "user.email", ...}."""
    message = str(item.get("message") or "is invalid")
    segments = [
        part for part in re.split(r"[.\[\]]", str(item.get("key") or "")) if part and not part.isdigit()
    ]
    field = segments[-1] if segments else "body"
    if (missing := _MISSING.match(message)) is not None:
        return missing["field"], "can't be blank"
    if message == f"'{field}'":  # Litestar's text for an absent body or parameter
        message = "can't be blank"
    elif (wrong := _WRONG_TYPE.match(message)) is not None:
        expected = wrong["expected"].split(" | ")[0]
        message = f"must be {_TYPE_NAMES.get(expected, expected)}{wrong['bound'].rstrip()}"
    return ("body" if field in _ENVELOPES else field), _lower_first(message)


def _lower_first(text: str) -> str:
    """ "Expected ..." reads "expected ..." after a field name; acronyms ("JSON is ...") stay as they are."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]
