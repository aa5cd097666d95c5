"""User names: normalised, compared regardless of case, one script, no look-alikes.

A name is checked as given and never silently changed, except by Unicode NFKC (fullwidth
``ｋｉｍ`` is ``kim``; UAX #15), which is also how it is displayed:

- no control or format character (``Cc``, ``Cf``: NUL, escapes, zero-width joiners), no space
  anywhere, so a leading or trailing space is refused rather than stripped;
- letters, marks and digits of any script, and ``. _ - @``; 2 to 80 characters;
- one script (Unicode TR39 s 5.2, "highly restrictive"): letters of a single script, or Han with
  Hiragana and Katakana, with Bopomofo, or with Hangul, each also with Latin; so ``priyа_nair``
  with a Cyrillic ``а`` is refused;
- compared by a key, the NFKC case fold (``Priya_Nair`` and ``priya_nair`` are one user; UAX #15,
  Unicode s 5.18 "NFKC_Casefold"), stored with a unique index;
- and by a skeleton (TR39 s 4): the key with each confusable letter mapped to its prototype, so
  that an all-Cyrillic ``рора`` is refused beside a Latin ``popa``; the skeleton is stored with a
  unique index too. The table below is the Latin, Cyrillic and Greek subset of TR39's
  ``confusables.txt`` that matters once names are case folded, plus ``0 → o`` and ``1 → l``.

Python's ``unicodedata`` has no Script property (UAX #24); a letter's script is read from the
first word of its Unicode name (``CYRILLIC SMALL LETTER A``), which gives the script for the
letters of every script in use for names.
"""

import unicodedata
from dataclasses import dataclass

from coordina.errors import Refused

MIN_LENGTH, MAX_LENGTH = 2, 80  # MAX_LENGTH: the users.username column
PUNCTUATION = "._-@"

# Unicode TR39 confusables.txt, the lowercase Latin, Cyrillic and Greek homoglyphs (and the
# digits 0 and 1), mapped to the Latin prototype; "m" is TR39's "rn".
CONFUSABLES: dict[str, str] = {
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "һ": "h", "і": "i", "ј": "j", "к": "k", "ӏ": "l",
    "м": "rn", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "ԁ": "d",
    "ԛ": "q", "ԝ": "w", "ү": "y", "ь": "b", "г": "r", "п": "n", "и": "u", "ц": "u", "ш": "w",
    # Greek
    "α": "a", "β": "b", "γ": "y", "ε": "e", "η": "n", "ι": "i", "κ": "k", "ν": "v", "ο": "o", "ρ": "p",
    "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ϲ": "c", "ϳ": "j", "μ": "u",
    # Latin look-alikes within Latin, and digits
    "m": "rn", "ı": "i", "ɩ": "i", "ł": "l", "0": "o", "1": "l", "|": "l",
}  # fmt: skip

# TR39 s 5.2 highly restrictive: the combinations of scripts a name may use besides one script.
ALLOWED_TOGETHER = [
    {"LATIN", "CJK", "HIRAGANA", "KATAKANA"},  # Japanese
    {"LATIN", "CJK", "BOPOMOFO"},  # Chinese
    {"LATIN", "CJK", "HANGUL"},  # Korean
]


@dataclass(frozen=True)
class UserName:
    display: str  # NFKC, as shown
    key: str  # NFKC case fold: what "the same name" means
    skeleton: str  # TR39 skeleton of the key: what "looks the same" means


def key(name: str) -> str:
    """The comparison key: NFKC, case folded, NFKC again (Unicode s 5.18 NFKC_Casefold)."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name).casefold())


def skeleton(name: str) -> str:
    """TR39 s 4 skeleton of the key: NFD, each confusable mapped to its prototype, NFD again."""
    decomposed = unicodedata.normalize("NFD", key(name))
    return unicodedata.normalize("NFD", "".join(CONFUSABLES.get(c, c) for c in decomposed))


def _script(character: str) -> str | None:
    """The script of a letter (first word of its Unicode name); None for digits, marks, punctuation."""
    if not unicodedata.category(character).startswith("L"):
        return None
    words = unicodedata.name(character, "UNKNOWN").split()
    return "CJK" if words[0] in {"CJK", "IDEOGRAPHIC"} else words[0]


def _scripts(name: str) -> set[str]:
    return {script for c in name if (script := _script(c)) is not None}


def check(given: str) -> UserName:
    """The normalised name, or ``Refused`` naming what is wrong with it."""
    for character in given:
        if unicodedata.category(character) in {"Cc", "Cf"}:
            raise Refused("username_characters", f"a user name holds no control or invisible character "
                          f"(it holds U+{ord(character):04X})")  # fmt: skip
    if given != given.strip() or any(c.isspace() for c in given):
        where = "begins or ends with" if given != given.strip() else "holds"
        raise Refused("username_spaces", f"a user name has no spaces ({given!r} {where} one); nothing is "
                      "stripped: give it without")  # fmt: skip
    display = unicodedata.normalize("NFKC", given)
    folded = key(display)
    if not MIN_LENGTH <= len(display) <= MAX_LENGTH or len(folded) > MAX_LENGTH:
        raise Refused("username_length", f"a user name has {MIN_LENGTH} to {MAX_LENGTH} characters")
    for character in display:
        kind = unicodedata.category(character)[0]
        if kind not in {"L", "M", "N"} and character not in PUNCTUATION:
            raise Refused("username_characters", f"a user name holds letters, digits and {' '.join(PUNCTUATION)} "
                          f"(not {character!r})")  # fmt: skip
    scripts = _scripts(display)
    if len(scripts) > 1 and not any(scripts <= allowed for allowed in ALLOWED_TOGETHER):
        raise Refused("username_script", f"a user name is written in one script, not a mix of "
                      f"{', '.join(sorted(s.title() for s in scripts))} (Unicode TR39 look-alikes)")  # fmt: skip
    shape = skeleton(display)
    if len(shape) > 2 * MAX_LENGTH:
        raise Refused("username_length", f"a user name has {MIN_LENGTH} to {MAX_LENGTH} characters")
    return UserName(display=display, key=folded, skeleton=shape)
