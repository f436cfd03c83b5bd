"""`conduit articles|comments|tags ...`: look after the content."""

import click

from core.tags import DEFAULT_TAGS, MAX_TAGS
from entrypoints.cli.common import (
    confirm,
    json_option,
    limit_option,
    offset_option,
    operator,
    page_footer,
    print_json,
    print_record,
    print_table,
    reason_option,
    with_conduit,
    yes_option,
)


@click.group()
def articles() -> None:
    """Articles: list, show, delete (moderation)."""


@articles.command("list")
@click.option("--tag", help="Only articles with this tag.")
@click.option("--author", help="Only articles by this username.")
@click.option("--favorited", help="Only articles this username favorited.")
@limit_option
@offset_option
@json_option
def list_articles(
    tag: str | None, author: str | None, favorited: str | None, limit: int, offset: int, as_json: bool
) -> None:
    """List articles, newest first.

    \b
    Example:
      conduit articles list --author jake --limit 50
    """
    page = with_conduit(
        lambda c: c.list_articles(tag=tag, author=author, favorited=favorited, limit=limit, offset=offset)
    )
    if as_json:
        print_json({"articles": page.articles, "total": page.total})
        return
    rows = [
        [a.slug, a.title, a.author.username, ", ".join(a.tag_list), a.favorites_count, a.created_at]
        for a in page.articles
    ]
    print_table(
        ["SLUG", "TITLE", "AUTHOR", "TAGS", "FAVORITES", "CREATED"],
        rows,
        f"{len(page.articles)} of {page.total} articles",
    )


@articles.command("search")
@click.option("--title", help="Part of the title, any case.")
@click.option("--author", help="Only articles by this username.")
@click.option("--tag", help="Only articles with this tag.")
@limit_option
@offset_option
@json_option
def search_articles(
    title: str | None, author: str | None, tag: str | None, limit: int, offset: int, as_json: bool
) -> None:
    """Find articles by title, author and tag (together), newest first, without counting every match.

    \b
    Example:
      conduit articles search --title "cheap watches" --tag spam
    """
    found = with_conduit(
        lambda c: c.search_articles(title=title, author=author, tag=tag, limit=limit, offset=offset)
    )
    if as_json:
        print_json({"articles": found.items, "has_next": found.has_next})
        return
    rows = [[a.slug, a.title, a.author, ", ".join(a.tags), a.created_at] for a in found.items]
    print_table(["SLUG", "TITLE", "AUTHOR", "TAGS", "CREATED"], rows, page_footer(found, offset, "articles"))


@articles.command("show")
@click.argument("slug")
@json_option
def show_article(slug: str, as_json: bool) -> None:
    """One article with its body."""
    article = with_conduit(lambda c: c.get_article(slug))
    if as_json:
        print_json(article)
        return
    print_record(
        {
            "slug": article.slug,
            "title": article.title,
            "author": article.author.username,
            "tags": ", ".join(article.tag_list),
            "favorites": article.favorites_count,
            "created": article.created_at,
            "updated": article.updated_at,
            "description": article.description,
        }
    )
    click.echo("")
    click.echo(article.body)


@articles.command("delete")
@click.argument("slug")
@reason_option
@yes_option
def delete_article(slug: str, reason: str, yes: bool) -> None:
    """Delete an article with its comments and favorites (audited).

    \b
    Example:
      conduit articles delete how-to-train-your-dragon --reason "copyright claim" --yes
    """
    confirm(f"Delete the article {slug}?", yes)
    with_conduit(lambda c: c.delete_article(slug, actor=operator(), reason=reason))
    click.echo(f"deleted article {slug}")


@click.group()
def comments() -> None:
    """Comments: list, delete (moderation)."""


@comments.command("list")
@click.argument("slug")
@json_option
def list_comments(slug: str, as_json: bool) -> None:
    """The comments of the article SLUG, newest first, with their ids."""
    views = with_conduit(lambda c: c.list_comments(slug))
    if as_json:
        print_json({"comments": views})
        return
    rows = [[c.id, c.author.username, c.created_at, c.body[:80]] for c in views]
    print_table(["ID", "AUTHOR", "CREATED", "BODY"], rows, f"{len(views)} comments")


@comments.command("delete")
@click.argument("slug")
@click.argument("comment_id", type=int)
@reason_option
@yes_option
def delete_comment(slug: str, comment_id: int, reason: str, yes: bool) -> None:
    """Delete comment COMMENT_ID of the article SLUG (audited).

    \b
    Example:
      conduit comments delete how-to-train-your-dragon 42 --reason abuse
    """
    confirm(f"Delete comment {comment_id} of {slug}?", yes)
    with_conduit(lambda c: c.delete_comment(slug, comment_id, actor=operator(), reason=reason))
    click.echo(f"deleted comment {comment_id}")


@click.group()
def tags() -> None:
    """Tags in use."""


@tags.command("list")
@click.option(
    "--limit",
    default=DEFAULT_TAGS,
    show_default=True,
    type=click.IntRange(1, MAX_TAGS),
    help="How many tags.",
)
@json_option
def list_tags(limit: int, as_json: bool) -> None:
    """The tags in use, most used first (ties by name)."""
    names = with_conduit(lambda c: c.list_tags(limit))
    if as_json:
        print_json({"tags": names})
        return
    for name in names:
        click.echo(name)
    click.echo(f"{len(names)} tags")
