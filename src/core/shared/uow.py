"""The unit-of-work port: one business transaction per use case."""

from abc import abstractmethod
from types import TracebackType
from typing import Protocol, Self


class UnitOfWork(Protocol):
    """`async with uow: ...; await uow.commit()`. Leaving the block without commit() rolls back.

    commit() raises AlreadyExists when a unique rule is broken by a concurrent writer,
    and Unavailable when the store cannot be reached.
    """

    @abstractmethod
    async def __aenter__(self) -> Self: ...

    @abstractmethod
    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...

    @abstractmethod
    async def commit(self) -> None: ...
