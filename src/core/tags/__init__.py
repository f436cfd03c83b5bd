"""Tags: the list of tags in use."""

from core.tags.use_cases.list_tags import ListTags

__all__ = ["ListTags"]
