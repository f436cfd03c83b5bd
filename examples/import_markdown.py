"""Import a folder of Markdown files with front matter as articles. Safe to run again.

    python examples/import_markdown.py examples/posts/ --author jake [--database-url sqlite:///blog.db]

The author must have an account (register through the API, or `conduit users create jake ...`).

Each file is one article:

    ---
    title: How to train your dragon
    description: Ever wonder how?
    tags: [dragons, training]
    slug: how-to-train-your-dragon      # optional; default: made from the title
    ---
    The body, in Markdown.

A re-run creates new files, updates changed ones, and skips unchanged ones; the summary lists
every failure with its reason. Exit status 1 when any file failed, 2 when nothing could be imported.
"""

import argparse
import asyncio
import sys
from collections import Counter
from pathlib import Path

import frontmatter
from rich.progress import track

from core.shared.errors import CoreError, NotFound
from core.shared.text import slugify
from entrypoints.python_api import Conduit


async def import_file(conduit: Conduit, path: Path, author_id: int, author: str) -> str:
    """'created', 'updated' or 'skipped'; raises ValueError or CoreError when the file cannot be imported."""
    post = frontmatter.load(path)
    title, description = str(post.get("title") or ""), str(post.get("description") or "")
    tags = [str(tag) for tag in post.get("tags", []) or []]
    slug = str(post.get("slug") or slugify(title))
    try:
        existing = await conduit.get_article(slug)
    except NotFound:
        await conduit.create_article(
            author_id=author_id, title=title, description=description, body=post.content, tags=tags
        )
        return "created"
    if existing.author.username != author:
        raise ValueError(f"the slug {slug!r} belongs to an article by {existing.author.username}")
    if (existing.title, existing.description, existing.body, existing.tag_list) == (
        title,
        description,
        post.content.strip(),
        sorted(set(tags)),
    ):
        return "skipped"
    await conduit.update_article(
        slug,
        user_id=author_id,
        title=title if title != existing.title else None,
        description=description,
        body=post.content,
        tags=tags,
    )
    return "updated"


async def main(files: list[Path], author: str, database_url: str | None) -> int:
    counts: Counter[str] = Counter()
    failures: list[tuple[str, str]] = []
    async with Conduit.open(database_url, migrate=True) as conduit:
        try:
            author_id = (await conduit.show_user(author)).id
        except NotFound:
            print(
                f"error: no user {author!r}: create the account first, e.g. conduit users create {author} "
                f"--email {author}@example.com",
                file=sys.stderr,
            )
            return 2
        for path in track(files, description="importing", transient=True):
            try:
                counts[await import_file(conduit, path, author_id, author)] += 1
            except (CoreError, ValueError, OSError, UnicodeDecodeError) as error:
                counts["failed"] += 1
                failures.append((path.name, getattr(error, "message", None) or str(error)))
    print(", ".join(f"{counts[kind]} {kind}" for kind in ("created", "updated", "skipped", "failed")))
    for name, reason in failures:
        print(f"  failed {name}: {reason}")
    return 1 if failures else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--author", required=True, help="Username the articles are published under.")
    parser.add_argument("--database-url", help="Default: CONDUIT_DATABASE_URL or the embedded database.")
    arguments = parser.parse_args()
    if not arguments.folder.is_dir():
        parser.error(f"{arguments.folder} is not a folder")
    markdown_files = sorted(arguments.folder.glob("*.md"))
    try:
        sys.exit(asyncio.run(main(markdown_files, arguments.author, arguments.database_url)))
    except CoreError as error:  # the database is unreachable, not migrated, misconfigured...
        sys.exit(f"error: {error.message}")
