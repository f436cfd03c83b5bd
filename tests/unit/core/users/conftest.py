"""Use cases wired to in-memory fakes."""

from dataclasses import dataclass

import pytest

from core.users import (
    Authenticate,
    GetCurrentUser,
    ListUsers,
    LogIn,
    RegisterUser,
    RegisterUserCommand,
    UpdateUser,
)
from core.users.views import AuthenticatedUser
from tests.fakes.changes import RecordingChangeNotifier
from tests.fakes.clock import FixedClock
from tests.fakes.users import (
    FakePasswordHasher,
    FakeTokenService,
    InMemoryUserQueries,
    InMemoryUserStore,
    InMemoryUsersUnitOfWork,
)


@dataclass
class UsersWorld:
    store: InMemoryUserStore
    hasher: FakePasswordHasher
    tokens: FakeTokenService
    clock: FixedClock
    changes: RecordingChangeNotifier

    def _deps(self) -> dict:
        return {
            "uow": InMemoryUsersUnitOfWork(self.store),
            "hasher": self.hasher,
            "tokens": self.tokens,
            "clock": self.clock,
        }

    def register(self) -> RegisterUser:
        return RegisterUser(**self._deps())

    def log_in(self) -> LogIn:
        return LogIn(**self._deps())

    def update(self) -> UpdateUser:
        return UpdateUser(**self._deps(), changes=self.changes)

    def authenticate(self) -> Authenticate:
        return Authenticate(queries=InMemoryUserQueries(self.store), tokens=self.tokens)

    def get_current(self) -> GetCurrentUser:
        return GetCurrentUser(queries=InMemoryUserQueries(self.store))

    def list_users(self) -> ListUsers:
        return ListUsers(queries=InMemoryUserQueries(self.store))

    async def a_user(self, name: str = "jake", password: str = "correct horse") -> AuthenticatedUser:
        command = RegisterUserCommand(username=name, email=f"{name}@example.com", password=password)
        return await self.register().execute(command)


@pytest.fixture
def world() -> UsersWorld:
    return UsersWorld(
        InMemoryUserStore(), FakePasswordHasher(), FakeTokenService(), FixedClock(), RecordingChangeNotifier()
    )
