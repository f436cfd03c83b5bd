"""HS256 JSON Web Tokens with PyJWT: `sub` (user id), `ver` (token version), `iat`, `exp`, `iss`.

The algorithm is pinned on decode."""

from datetime import timedelta

import jwt

from core.shared.clock import Clock
from core.users.errors import InvalidToken
from core.users.ports import TokenClaims, TokenService

ALGORITHM = "HS256"
ISSUER = "conduit"
MIN_SECRET_BYTES = 32  # RFC 7518 3.2: an HS256 key at least as long as the hash output


class JwtTokenService(TokenService):
    def __init__(self, *, secret: str, ttl: timedelta, clock: Clock) -> None:
        if len(secret.encode()) < MIN_SECRET_BYTES:
            raise ValueError(f"the token secret must be at least {MIN_SECRET_BYTES} bytes")
        self._secret, self._ttl, self._clock = secret, ttl, clock

    def issue(self, user_id: int, version: int) -> str:
        now = self._clock.now()
        claims = {"sub": str(user_id), "ver": version, "iat": now, "exp": now + self._ttl, "iss": ISSUER}
        return jwt.encode(claims, self._secret, algorithm=ALGORITHM)

    def read(self, token: str) -> TokenClaims:
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=[ALGORITHM],  # pinned: never trust the token's own "alg" header
                issuer=ISSUER,
                options={"require": ["sub", "ver", "iat", "exp", "iss"]},
            )
            version = claims["ver"]
            if not isinstance(version, int) or isinstance(version, bool):
                raise TypeError("ver must be an integer")
            return TokenClaims(user_id=int(claims["sub"]), version=version)
        except jwt.ExpiredSignatureError as error:
            raise InvalidToken("token has expired") from error
        except (jwt.InvalidTokenError, ValueError, TypeError) as error:
            raise InvalidToken from error
