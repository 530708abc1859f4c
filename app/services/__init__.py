"""Use cases: one function is one thing a user does. Plain functions over a session."""
