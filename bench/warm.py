"""Read every seeded article once, on a few keep-alive connections: a cold pass over the cache.

The article-by-slug scenario picks among 5,000 slugs at random; its ceiling serves one stored body.
The measured run compares like with like only once each article has been read, so the bench makes
that first pass here, and reports its rate as the cold-cache figure.
"""

import http.client
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote, urlsplit


def read_every_article(base_url: str, slugs: list[str], *, connections: int = 8) -> float:
    """Requests per second of the pass (every answer must be a 200)."""
    parts = urlsplit(base_url)
    started = time.monotonic()

    def read(share: list[str]) -> None:
        connection = http.client.HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=10)
        try:
            for slug in share:
                connection.request("GET", f"/api/articles/{quote(slug)}")
                response = connection.getresponse()
                response.read()
                if response.status != 200:
                    raise RuntimeError(f"cold pass: {slug} answered {response.status}")
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=connections) as pool:
        list(pool.map(read, [slugs[n::connections] for n in range(connections)]))
    return len(slugs) / (time.monotonic() - started)
