"""HS256 JSON Web Tokens with PyJWT: `sub` (user id), `sid` (session), `ver` (token version), `iat`,
`exp`, `iss` and `aud` (this API: a token minted for another audience by the same key is refused).

The algorithm is pinned on decode. Verified tokens are remembered (bounded, per process) with their
expiry, so a client sending the same token on every request pays for the signature check once;
expiry is still checked on every use, and revocation is the Authenticate use case's job."""

import base64
import hashlib
import hmac
import json
from datetime import datetime

import jwt

from core.shared.clock import Clock
from core.users.errors import InvalidToken
from core.users.ports import TokenClaims, TokenService

ALGORITHM = "HS256"
ISSUER = "conduit"
AUDIENCE = "conduit-api"
MIN_SECRET_BYTES = 32  # RFC 7518 3.2: an HS256 key at least as long as the hash output
VERIFIED_TOKENS_KEPT = 4096


def _segment(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).rstrip(b"=")


# The header PyJWT writes for HS256 (sorted keys, no spaces): the same for every token.
_HEADER = _segment(json.dumps({"alg": ALGORITHM, "typ": "JWT"}, separators=(",", ":")).encode())


class JwtTokenService(TokenService):
    def __init__(self, *, secret: str, clock: Clock) -> None:
        if len(secret.encode()) < MIN_SECRET_BYTES:
            raise ValueError(f"the token secret must be at least {MIN_SECRET_BYTES} bytes")
        self._secret, self._clock = secret, clock
        self._key = secret.encode()
        self._verified: dict[str, tuple[TokenClaims, float]] = {}  # token -> claims, expiry (epoch s)

    def issue(self, claims: TokenClaims, expires_at: datetime) -> str:
        """The token jwt.encode would make, byte for byte, signed here: PyJWT checks the HMAC key
        on every call (a JSON parse of the secret, failing into a caught exception), which cost
        more than the signature itself, on every login's event-loop turn."""
        payload = {
            "sub": str(claims.user_id),
            "sid": claims.session_id,
            "ver": claims.version,
            "iat": int(self._clock.now().timestamp()),
            "exp": int(expires_at.timestamp()),
            "iss": ISSUER,
            "aud": AUDIENCE,
        }
        signed = _HEADER + b"." + _segment(json.dumps(payload, separators=(",", ":")).encode())
        signature = hmac.new(self._key, signed, hashlib.sha256).digest()
        return (signed + b"." + _segment(signature)).decode()

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
                audience=AUDIENCE,
                options={"require": ["sub", "sid", "ver", "iat", "exp", "iss", "aud"], "verify_exp": False},
            )
            version, expires, session_id = claims["ver"], claims["exp"], claims["sid"]
            for value in (version, expires):
                if not isinstance(value, int) or isinstance(value, bool):
                    raise TypeError("ver and exp must be integers")
            if not isinstance(session_id, str) or not 0 < len(session_id) <= 64:
                raise TypeError("sid must be a short string")
            return TokenClaims(user_id=int(claims["sub"]), version=version, session_id=session_id), float(
                expires
            )
        except (jwt.InvalidTokenError, ValueError, TypeError) as error:
            raise InvalidToken from error
