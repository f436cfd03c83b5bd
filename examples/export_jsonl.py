"""Export every article with its comments as JSON Lines (one article per line), newest first.

python examples/export_jsonl.py articles.jsonl [--database-url postgresql://localhost/conduit]
python examples/export_jsonl.py -              # to standard output
"""

import argparse
import asyncio
import dataclasses
import json
import sys
from datetime import datetime
from typing import Any, TextIO

from core.shared.errors import CoreError
from entrypoints.python_api import Conduit

PAGE = 100


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(f"cannot export {type(value).__name__}")


async def export(conduit: Conduit, out: TextIO) -> int:
    written, offset = 0, 0
    while True:
        page = await conduit.list_articles(limit=PAGE, offset=offset)
        for summary in page.articles:
            article = await conduit.get_article(summary.slug)
            comments = await conduit.list_comments(summary.slug)
            record = {
                "article": dataclasses.asdict(article),
                "comments": [dataclasses.asdict(c) for c in comments],
            }
            out.write(json.dumps(record, ensure_ascii=False, default=_json_default) + "\n")
            written += 1
        offset += PAGE
        if offset >= page.total:
            return written


async def main(out: TextIO, database_url: str | None) -> None:
    async with Conduit.open(database_url) as conduit:
        count = await export(conduit, out)
    print(f"exported {count} articles", file=sys.stderr)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", help="File to write, or - for standard output.")
    parser.add_argument("--database-url", help="Default: CONDUIT_DATABASE_URL or the embedded database.")
    arguments = parser.parse_args()
    try:
        if arguments.target == "-":
            asyncio.run(main(sys.stdout, arguments.database_url))
        else:
            with open(arguments.target, "w", encoding="utf-8") as target:
                asyncio.run(main(target, arguments.database_url))
    except CoreError as error:  # the database is unreachable, not migrated, misconfigured...
        sys.exit(f"error: {error.message}")
