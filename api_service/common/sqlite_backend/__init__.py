"""Django's SQLite backend with writers that queue on a file lock instead of polling SQLite's busy handler."""
