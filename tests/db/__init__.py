"""The gradebook on SQLite and on a real PostgreSQL."""
