"""Driven adapters: implementations of the core's ports. No HTTP, CLI or DI imports here."""
