"""Accounts of the workspace: users and their system role, names, passwords, login throttling,
bounded password hashing, expiring tokens and invitations to a delegation.

``coordina.services.auth`` is the entry point the interfaces use; the modules here hold one
concern each: ``settings`` (limits from the environment), ``names`` (normalisation and
confusables), ``passwords`` (the policy), ``hashing`` (Argon2id in a bounded pool), ``throttle``
(failed logins), ``tokens`` (access and refresh tokens), ``users`` and ``invitations``.
"""
