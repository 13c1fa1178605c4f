"""Facts from Farsi welfare news: the public API.

>>> from extract import extract_text
>>> [(str(f.amount), f.unit.value) for f in extract_text("۵۲۰ طرح اشتغالزایی اجرا شد")]
[('520', 'plan')]
"""

from extract.article import extract_article, extract_text
from extract.errors import WelfareError
from extract.normalize import normalize
from extract.numbers import find_numbers, parse_number

__all__ = ["extract_article", "extract_text", "find_numbers", "normalize", "parse_number", "WelfareError"]
