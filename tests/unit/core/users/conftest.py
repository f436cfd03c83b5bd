"""Use cases wired to in-memory fakes."""

from dataclasses import dataclass, field

import pytest

from core.shared.actor import Actor
from core.users import (
    Authenticate,
    DeleteUser,
    GetCurrentUser,
    ListUsers,
    LogIn,
    RegisterUser,
    RegisterUserCommand,
    SetPassword,
    ShowUser,
    UpdateUser,
)
from core.users.views import AuthenticatedUser
from tests.fakes.clock import FixedClock
from tests.fakes.users import (
    FakeLoginThrottle,
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
    throttle: FakeLoginThrottle
    operator: Actor = field(default_factory=lambda: Actor.operator("cli:test"))

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
        return LogIn(**self._deps(), queries=InMemoryUserQueries(self.store), throttle=self.throttle)

    def update(self) -> UpdateUser:
        return UpdateUser(**self._deps())

    def authenticate(self) -> Authenticate:
        return Authenticate(queries=InMemoryUserQueries(self.store), tokens=self.tokens)

    def get_current(self) -> GetCurrentUser:
        return GetCurrentUser(queries=InMemoryUserQueries(self.store))

    def list_users(self) -> ListUsers:
        return ListUsers(queries=InMemoryUserQueries(self.store))

    def admin(self, use_case: type) -> object:
        """An administrative use case (SetRole, BanUser, ...) wired to the fakes."""
        uow = InMemoryUsersUnitOfWork(self.store)
        if use_case is SetPassword:
            return SetPassword(uow=uow, hasher=self.hasher, clock=self.clock)
        if use_case is ShowUser:
            return ShowUser(uow=uow)
        if use_case is DeleteUser:
            return DeleteUser(uow=uow, clock=self.clock)
        return use_case(uow=uow, clock=self.clock)

    async def a_user(self, name: str = "jake", password: str = "correct horse") -> AuthenticatedUser:
        command = RegisterUserCommand(username=name, email=f"{name}@example.com", password=password)
        return await self.register().execute(command)


@pytest.fixture
def world() -> UsersWorld:
    return UsersWorld(
        InMemoryUserStore(),
        FakePasswordHasher(),
        FakeTokenService(),
        FixedClock(),
        FakeLoginThrottle(),
    )
