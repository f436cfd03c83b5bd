"""The `conduit` admin command line."""
