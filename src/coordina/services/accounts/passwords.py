"""The password policy (NIST SP 800-63B s 3.1.1.2), applied to a new password before it is hashed.

- Counted and hashed after Unicode NFKC (SP 800-63B s 3.1.1.2 recommends normalising), so a
  password typed with a composed or a decomposed accent is one password.
- At least 10 characters (SP 800-63B asks for at least 8 when a password is the only factor);
  at most 1024 (the API refuses longer bodies for it too).
- Not only whitespace, not one character repeated (``aaaaaaaaaa``).
- Not a commonly used password: the bundled list ``common-passwords.txt``, the first 1,976 entries
  (the most frequent) of SecLists' ``Passwords/Common-Credentials/10k-most-common.txt``
  (github.com/danielmiessler/SecLists, commit 4f84b3c, MIT licence), read from the package, never
  from the network. A password is refused when, case folded, it is on the list, or is an entry with
  only digits and punctuation before or after it (``Password2024!``).
- Not containing the user name (SP 800-63B: "context-specific words, such as the name of the
  service, the username").
"""

import string
import unicodedata
from functools import cache
from pathlib import Path

from coordina.errors import Refused
from coordina.services.accounts import names

MIN_LENGTH = 10
MAX_LENGTH = 1024
COMMON_PASSWORDS = Path(__file__).with_name("common-passwords.txt")
_AFFIXES = string.digits + string.punctuation + " "


def normalised(password: str) -> str:
    """The form that is counted, checked and hashed: NFKC."""
    return unicodedata.normalize("NFKC", password)


@cache
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line.strip())


def is_common(password: str) -> bool:
    folded = normalised(password).casefold()
    common = common_passwords()
    return folded in common or folded.strip(_AFFIXES) in common


def check(password: str, username: str) -> str:
    """The normalised password, or ``Refused`` saying which rule it breaks."""
    value = normalised(password)
    if len(value) < MIN_LENGTH:
        raise Refused("password_length", f"a password has at least {MIN_LENGTH} characters (NIST SP 800-63B)")
    if len(value) > MAX_LENGTH:
        raise Refused("password_length", f"a password has at most {MAX_LENGTH} characters")
    if value.strip() == "":
        raise Refused("password_blank", "a password is not only spaces")
    if len(set(value)) == 1:
        raise Refused("password_repeated", "a password is not one character repeated")
    if is_common(value):
        raise Refused("password_common", "this password is among the most commonly used ones: choose another")
    user_key = names.key(username)
    if len(user_key) >= 3 and user_key in value.casefold():
        raise Refused("password_username", "a password does not contain the user name")
    return value
