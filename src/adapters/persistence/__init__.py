"""SQLAlchemy 2 (async) persistence: tables, repositories, unit of work, migrations."""
