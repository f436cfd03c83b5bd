"""OpenAPI documentation of the error answers, in the RealWorld shape (GenericErrorModel)."""

from dataclasses import dataclass
from typing import Any

import msgspec
from litestar.openapi.datastructures import ResponseSpec
from litestar.openapi.spec import Operation

DESCRIPTIONS = {
    401: "Missing, invalid, expired or revoked token; wrong credentials",
    403: "Not allowed to act on this resource (or a banned account)",
    404: "No such resource",
    422: "Invalid input: `errors.body` lists every problem, `errors.<field>` the problems of a field",
    429: "Too many failed logins: retry after `Retry-After` seconds",
    503: "A service Conduit needs (the database) is unavailable; retry shortly",
}


class ErrorDetails(msgspec.Struct):
    body: list[str]


class GenericErrorModel(msgspec.Struct):
    errors: ErrorDetails


@dataclass
class RealWorldOperation(Operation):
    """Litestar documents a 400 for validation errors; Conduit answers 422 instead (declared per route)."""

    def __post_init__(self) -> None:
        if self.responses:
            self.responses.pop("400", None)


def documented(*statuses: int) -> dict[str, Any]:
    """Route-decorator arguments documenting these error statuses, and the two any route may give:
    422 (a path or query value the database cannot take, such as a NUL character) and 503."""
    codes = sorted({*statuses, 422, 503})
    return {
        "responses": {
            code: ResponseSpec(GenericErrorModel, description=DESCRIPTIONS[code], generate_examples=False)
            for code in codes
        },
        "operation_class": RealWorldOperation,
    }
