"""Problems found in data files, reported as ``file:line: message``.

``Problem`` and ``DataError`` belong to the one hierarchy of ``coordina.errors``.
"""

from coordina.errors import DataError, Problem

__all__ = ["DataError", "Problem"]
