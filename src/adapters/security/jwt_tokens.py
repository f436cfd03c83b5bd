"""HS256 JSON Web Tokens with PyJWT: `sub` (user id), `ver` (token version), `iat`, `exp`, `iss`.

The algorithm is pinned on decode. Verified tokens are remembered (bounded, per process) with their
expiry, so a client sending the same token on every request pays for the signature check once;
expiry is still checked on every use, and revocation is the Authenticate use case's job."""

from datetime import timedelta

import jwt

from core.shared.clock import Clock
from core.users.errors import InvalidToken
from core.users.ports import TokenClaims, TokenService

ALGORITHM = "HS256"
ISSUER = "conduit"
MIN_SECRET_BYTES = 32  # RFC 7518 3.2: an HS256 key at least as long as the hash output
VERIFIED_TOKENS_KEPT = 4096


class JwtTokenService(TokenService):
    def __init__(self, *, secret: str, ttl: timedelta, clock: Clock) -> None:
        if len(secret.encode()) < MIN_SECRET_BYTES:
            raise ValueError(f"the token secret must be at least {MIN_SECRET_BYTES} bytes")
        self._secret, self._ttl, self._clock = secret, ttl, clock
        self._verified: dict[str, tuple[TokenClaims, float]] = {}  # token -> claims, expiry (epoch s)

    def issue(self, user_id: int, version: int) -> str:
        now = self._clock.now()
        claims = {"sub": str(user_id), "ver": version, "iat": now, "exp": now + self._ttl, "iss": ISSUER}
        return jwt.encode(claims, self._secret, algorithm=ALGORITHM)

    def read(self, token: str) -> TokenClaims:
        known = self._verified.get(token)
        if known is None:
            known = self._verify(token)
            if len(self._verified) >= VERIFIED_TOKENS_KEPT:
                del self._verified[next(iter(self._verified))]  # the oldest
            self._verified[token] = known
        claims, expires = known
        if self._clock.now().timestamp() >= expires:  # our clock, on every use (PyJWT's is not ours)
            self._verified.pop(token, None)
            raise InvalidToken("token has expired")
        return claims

    def _verify(self, token: str) -> tuple[TokenClaims, float]:
        """Signature, algorithm, issuer and claim types; read() checks the expiry."""
        try:
            claims = jwt.decode(
                token,
                self._secret,
                algorithms=[ALGORITHM],  # pinned: never trust the token's own "alg" header
                issuer=ISSUER,
                options={"require": ["sub", "ver", "iat", "exp", "iss"], "verify_exp": False},
            )
            version, expires = claims["ver"], claims["exp"]
            for value in (version, expires):
                if not isinstance(value, int) or isinstance(value, bool):
                    raise TypeError("ver and exp must be integers")
            return TokenClaims(user_id=int(claims["sub"]), version=version), float(expires)
        except (jwt.InvalidTokenError, ValueError, TypeError) as error:
            raise InvalidToken from error
