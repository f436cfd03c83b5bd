"""Stored answers' request keys: no request, whatever its path or query, names another viewer's."""

from hypothesis import given
from hypothesis import strategies as st

from entrypoints.http.middleware.shared_responses import answer_key

paths = st.text(min_size=0, max_size=30).map(lambda rest: "/" + rest)  # ASGI paths start with "/"
queries = st.text(max_size=40)
viewers = st.none() | st.integers(min_value=1, max_value=10**9)


@given(paths, queries, viewers, paths, queries, viewers)
def test_two_keys_are_equal_only_for_the_same_request_and_viewer(p1, q1, v1, p2, q2, v2) -> None:
    if answer_key(p1, q1, v1) == answer_key(p2, q2, v2):
        assert v1 == v2
        assert (p1, q1) == (p2, q2) or "?" in p1 + p2  # a path's own "?" only mixes up one viewer's keys


def test_a_crafted_query_cannot_reach_a_viewers_answer() -> None:
    personal = answer_key("/api/articles", "limit=5", 7)
    assert answer_key("/api/articles", "limit=5#viewer=7", None) != personal
    assert answer_key("/api/articles", "limit=5 viewer 7", None) != personal
    assert personal != answer_key("/api/articles", "limit=5", 8)
    assert personal != answer_key("/api/articles", "limit=5", None)
