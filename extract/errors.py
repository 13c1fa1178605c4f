"""One base exception for the project and a numbered catalogue of messages.

The library raises these and logs nothing; the CLI decides what to show.
"""


class WelfareError(Exception):
    """Base class of every error this project raises on purpose."""

    code = "E000"

    def __init__(self, message: str):
        super().__init__(f"[{self.code}] {message}")


class RuleError(WelfareError):
    """A rule or lexicon file is invalid (bad key, bad pattern, failing example)."""

    code = "E100"


class InputError(WelfareError):
    """An input file cannot be read as an article (names the file and the reason)."""

    code = "E200"


class StoreError(WelfareError):
    """The database cannot be opened or written (for example: in use by another run)."""

    code = "E300"


class GoldError(WelfareError):
    """A gold file is malformed."""

    code = "E400"
