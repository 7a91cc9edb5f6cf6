"""Errors that end the linting of one file, never the run; and those that stop a run before it starts."""


class UnreadableFile(Exception):
    """The file cannot be linted; the reason says why, in words an author understands, in
    Chinese and English (`text(lang)`). A reason given in one language only serves both."""

    def __init__(self, en: str, zh: str | None = None):
        super().__init__(en)
        self.en, self.zh = en, zh or en

    def text(self, lang: str = "zh") -> str:
        return self.en if lang == "en" else self.zh


class InputError(Exception):
    """A problem with the run's inputs (a configuration or baseline file): the run does not
    start; the message names the file and what is wrong."""
