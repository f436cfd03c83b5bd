"""JWT tokens with real PyJWT."""

from datetime import timedelta

import jwt
import pytest

from adapters.clock import SystemClock
from adapters.security.jwt_tokens import JwtTokenService
from core.shared.errors import NotAuthenticated
from core.users.ports import TokenClaims
from tests.fakes.clock import FixedClock

SECRET = "s" * 16 + "0123456789abcdef0123"


def service(clock=None) -> JwtTokenService:
    return JwtTokenService(secret=SECRET, clock=clock or SystemClock())


def issue(tokens: JwtTokenService, user_id: int, version: int, ttl: timedelta = timedelta(hours=1)) -> str:
    return tokens.issue(TokenClaims(user_id, version, "sid-1"), tokens._clock.now() + ttl)


def test_round_trip_carries_the_user_session_and_standard_claims() -> None:
    token = issue(service(), 42, 3)
    assert service().read(token) == TokenClaims(user_id=42, version=3, session_id="sid-1")
    claims = jwt.decode(token, SECRET, algorithms=["HS256"], issuer="conduit", audience="conduit-api")
    assert claims["sub"] == "42" and claims["ver"] == 3 and claims["exp"] - claims["iat"] == 3600
    assert claims["sid"] == "sid-1" and claims["aud"] == "conduit-api"


def test_tokens_are_the_ones_pyjwt_makes() -> None:
    """Signed without PyJWT's per-call key checks, byte for byte what jwt.encode makes."""
    clock = FixedClock(SystemClock().now().replace(microsecond=654321))
    expires = clock.now() + timedelta(hours=1, microseconds=999)
    token = service(clock=clock).issue(TokenClaims(42, 3, "sid-1"), expires)
    payload = {"sub": "42", "sid": "sid-1", "ver": 3, "iat": clock.now(), "exp": expires}
    expected = jwt.encode({**payload, "iss": "conduit", "aud": "conduit-api"}, SECRET, algorithm="HS256")
    assert token == expected


def test_expired_token_is_rejected() -> None:
    clock = FixedClock(SystemClock().now() - timedelta(hours=2))
    token = issue(service(clock=clock), 1, 0)
    with pytest.raises(NotAuthenticated, match="expired"):
        service().read(token)


def test_a_remembered_token_still_expires() -> None:
    """Verified tokens are remembered, but each use checks the expiry again."""
    clock = FixedClock(SystemClock().now())
    tokens = service(clock=clock)
    token = issue(tokens, 7, 0, ttl=timedelta(minutes=5))
    assert tokens.read(token) == tokens.read(token) == TokenClaims(user_id=7, version=0, session_id="sid-1")
    clock.advance(minutes=6)
    with pytest.raises(NotAuthenticated, match="expired"):
        tokens.read(token)


@pytest.mark.parametrize(
    "forge",
    [
        lambda: jwt.encode(
            {"sub": "1", "iat": 1, "exp": 4102444800, "iss": "conduit", "ver": 0}, "x" * 40, algorithm="HS256"
        ),
        lambda: jwt.encode(
            {"sub": "1", "iat": 1, "exp": 4102444800, "iss": "conduit"}, None, algorithm="none"
        ),
        lambda: jwt.encode(
            {"sub": "1", "iat": 1, "exp": 4102444800, "iss": "conduit"}, SECRET, algorithm="HS512"
        ),
        lambda: jwt.encode({"sub": "1", "exp": 4102444800, "iss": "conduit"}, SECRET, algorithm="HS256"),
        lambda: jwt.encode(
            {"sub": "1", "iat": 1, "exp": 4102444800, "iss": "other"}, SECRET, algorithm="HS256"
        ),
        lambda: jwt.encode(
            {"sub": "x", "iat": 1, "exp": 4102444800, "iss": "conduit"}, SECRET, algorithm="HS256"
        ),
        lambda: "not.a.token",
        lambda: issue(service(), 1, 0)[:-2] + "xx",
        lambda: jwt.encode(
            {"sub": "1", "iat": 1, "exp": 4102444800, "iss": "conduit"}, SECRET, algorithm="HS256"
        ),
        lambda: jwt.encode({"sub": "1", "ver": "0", "iat": 1, "exp": 4102444800, "iss": "conduit"}, SECRET),
        lambda: jwt.encode(
            {"sub": "1", "ver": 0, "sid": "s", "iat": 1, "exp": 4102444800, "iss": "conduit"}, SECRET
        ),
        lambda: jwt.encode(
            {"sub": "1", "ver": 0, "sid": "s", "iat": 1, "exp": 4102444800, "iss": "conduit", "aud": "admin"},
            SECRET,
        ),
        lambda: jwt.encode(
            {"sub": "1", "ver": 0, "iat": 1, "exp": 4102444800, "iss": "conduit", "aud": "conduit-api"},
            SECRET,
        ),
    ],
    ids=[
        "other-secret",
        "alg-none",
        "other-alg",
        "no-iat",
        "other-issuer",
        "bad-sub",
        "garbage",
        "tampered",
        "no-version",
        "text-version",
        "no-audience",
        "other-audience",
        "no-session",
    ],
)
@pytest.mark.filterwarnings("ignore::jwt.warnings.InsecureKeyLengthWarning")
def test_forged_or_malformed_tokens_are_rejected(forge) -> None:
    with pytest.raises(NotAuthenticated):
        service().read(forge())


def test_short_secrets_are_refused() -> None:
    with pytest.raises(ValueError, match="32 bytes"):
        JwtTokenService(secret="short", clock=SystemClock())
