"""Errors that end the linting of one file, never the run."""


class UnreadableFile(Exception):
    """The file cannot be linted; the message says why, in words an author understands."""
