"""Example: use Conduit from a plain Python script, with no HTTP server.

    python examples/register_and_login.py sqlite:///demo.db

Creates the schema if needed, registers a user (or reuses it), logs in, and lists the accounts.
"""

import sys

from core.shared.errors import AlreadyExists
from entrypoints.python_api import SyncConduit


def main(database_url: str) -> None:
    with SyncConduit.open(database_url, migrate=True) as conduit:
        try:
            conduit.register_user(username="jake", email="jake@example.com", password="correct horse")
            print("registered jake")
        except AlreadyExists as error:
            print(f"jake exists already ({error.message})")
        session = conduit.log_in(email="jake@example.com", password="correct horse")
        print(f"logged in as {session.user.username}, token of {len(session.token)} characters")
        users = conduit.list_users(limit=10)
        more = " and more" if users.has_next else ""
        print(f"accounts: {', '.join(u.username for u in users.items)}{more}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "sqlite:///conduit-example.db")
