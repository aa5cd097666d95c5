"""Key files of an institution's node or a competent authority: the private key readable by its
owner alone, the public key beside it.

A private key file is created with mode 0600 (``O_CREAT | O_EXCL``: an existing file is never
overwritten) and read only if neither its group nor others may read or write it, the rule ssh
applies to its identity files; the refusal names the path and the mode. The key is PKCS #8 PEM
(RFC 5958), the public key SubjectPublicKeyInfo PEM (RFC 5280) in ``<file>.pub``.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from coordina.errors import ExchangeRefused
from coordina.exchange.keys import KeyFormatError, KeyType, SigningKey, VerifyKey, generate

MAX_KEY_FILE = 64 * 1024
PRIVATE_MODE = 0o600


def public_path(private: Path) -> Path:
    return private.with_name(private.name + ".pub")


def write_private_key(path: Path, key: SigningKey) -> None:
    """Write ``key`` to a new file ``path`` with mode 0600; refuse (``key_file_exists``) to overwrite."""
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), PRIVATE_MODE)
    except FileExistsError:
        raise ExchangeRefused("key_file_exists", f"{path} exists: a key file is never overwritten") from None
    try:
        os.fchmod(descriptor, PRIVATE_MODE)  # whatever the umask
        os.write(descriptor, key.to_pem())
    finally:
        os.close(descriptor)


def write_public_key(path: Path, key: VerifyKey) -> None:
    if path.exists():
        raise ExchangeRefused("key_file_exists", f"{path} exists: a key file is never overwritten")
    path.write_bytes(key.to_pem())


def generate_key_files(path: Path, alg: KeyType = "Ed25519") -> SigningKey:
    """A new key: the private key in ``path`` (0600), the public key in ``path.pub``."""
    if public_path(path).exists():
        raise ExchangeRefused("key_file_exists", f"{public_path(path)} exists: a key file is never overwritten")
    key = generate(alg)
    write_private_key(path, key)
    write_public_key(public_path(path), key.public())
    return key


def read_private_key(path: Path) -> SigningKey:
    """The key in ``path``, refusing (``key_file_mode``) a file its group or others may read or write."""
    try:
        descriptor = os.open(path, os.O_RDONLY)  # a symbolic link is followed (mounted secrets are links)
    except FileNotFoundError:
        raise ExchangeRefused("key_file_missing", f"{path}: no such key file") from None
    except OSError as error:
        raise ExchangeRefused("key_file_unreadable", f"{path}: {error.strerror}") from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise ExchangeRefused("key_file_mode", f"{path} is not a regular file")
        mode = stat.S_IMODE(status.st_mode)
        if mode & 0o077:
            raise ExchangeRefused(
                "key_file_mode",
                f"{path} has mode {mode:04o}: a private key must be readable by its owner alone (chmod 600 {path})",
            )
        if status.st_size > MAX_KEY_FILE:
            raise ExchangeRefused("key_file_unreadable", f"{path} is {status.st_size} bytes: not a key file")
        data = os.read(descriptor, MAX_KEY_FILE)
    finally:
        os.close(descriptor)
    try:
        return SigningKey.from_pem(data)
    except KeyFormatError as error:
        raise ExchangeRefused("key_file_unreadable", f"{path}: {error}") from None


def read_public_key(path: Path) -> VerifyKey:
    """The public key in ``path`` (PEM), or the public half of a private key file's ``.pub``."""
    try:
        if path.stat().st_size > MAX_KEY_FILE:
            raise ExchangeRefused("key_file_unreadable", f"{path} is too large to be a key file")
        return VerifyKey.from_pem(path.read_bytes())
    except FileNotFoundError:
        raise ExchangeRefused("key_file_missing", f"{path}: no such key file") from None
    except KeyFormatError as error:
        raise ExchangeRefused("key_file_unreadable", f"{path}: {error}") from None
