"""Use cases wired to in-memory fakes."""

from dataclasses import dataclass, field
from datetime import timedelta

import pytest

from core.shared.actor import Actor
from core.users import (
    Authenticate,
    EndSession,
    GetCurrentUser,
    ListSessions,
    ListUsers,
    LogIn,
    RegisterUser,
    RegisterUserCommand,
    SetPassword,
    ShowUser,
    UpdateUser,
)
from core.users.passwords import PasswordRules
from core.users.sessions import SessionPolicy
from core.users.views import AuthenticatedUser
from tests.fakes.changes import RecordingChangeNotifier
from tests.fakes.clock import FixedClock
from tests.fakes.users import (
    FakeCommonPasswords,
    FakeLoginThrottle,
    FakePasswordHasher,
    FakeTokenService,
    InMemorySessionActivity,
    InMemorySessionLog,
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
    changes: RecordingChangeNotifier
    operator: Actor = field(default_factory=lambda: Actor.operator("cli:test"))
    policy: SessionPolicy = field(
        default_factory=lambda: SessionPolicy(
            lifetime=timedelta(days=1), idle=timedelta(hours=2), reauth_window=timedelta(minutes=10)
        )
    )
    passwords: PasswordRules = field(default_factory=lambda: PasswordRules(FakeCommonPasswords()))
    activity: InMemorySessionActivity | None = None

    def __post_init__(self) -> None:
        self.activity = InMemorySessionActivity(self.store)

    def _deps(self) -> dict:
        return {
            "uow": InMemoryUsersUnitOfWork(self.store),
            "hasher": self.hasher,
            "tokens": self.tokens,
            "clock": self.clock,
        }

    def register(self) -> RegisterUser:
        return RegisterUser(**self._deps(), policy=self.policy, passwords=self.passwords)

    def log_in(self) -> LogIn:
        return LogIn(
            **self._deps(),
            queries=InMemoryUserQueries(self.store),
            throttle=self.throttle,
            policy=self.policy,
            sessions=InMemorySessionLog(self.store),
        )

    def update(self) -> UpdateUser:
        return UpdateUser(
            **self._deps(),
            changes=self.changes,
            policy=self.policy,
            passwords=self.passwords,
            throttle=self.throttle,
        )

    def authenticate(self) -> Authenticate:
        return Authenticate(
            queries=InMemoryUserQueries(self.store),
            tokens=self.tokens,
            clock=self.clock,
            policy=self.policy,
            activity=self.activity,
            changes=self.changes,
        )

    def list_sessions(self) -> ListSessions:
        return ListSessions(queries=InMemoryUserQueries(self.store), clock=self.clock, policy=self.policy)

    def end_session(self) -> EndSession:
        return EndSession(uow=InMemoryUsersUnitOfWork(self.store), clock=self.clock, changes=self.changes)

    def get_current(self) -> GetCurrentUser:
        return GetCurrentUser(queries=InMemoryUserQueries(self.store))

    def list_users(self) -> ListUsers:
        return ListUsers(queries=InMemoryUserQueries(self.store))

    def admin(self, use_case: type) -> object:
        """An administrative use case (SetRole, BanUser, ...) wired to the fakes."""
        uow = InMemoryUsersUnitOfWork(self.store)
        if use_case is SetPassword:
            return SetPassword(
                uow=uow, hasher=self.hasher, clock=self.clock, changes=self.changes, passwords=self.passwords
            )
        if use_case is ShowUser:
            return ShowUser(uow=uow)
        return use_case(uow=uow, clock=self.clock, changes=self.changes)

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
        RecordingChangeNotifier(),
    )
