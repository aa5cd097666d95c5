"""Why a service refused an action: every refusal names the rule that refused it."""


class ServiceError(Exception):
    status = 400

    def __init__(self, rule: str, message: str) -> None:
        self.rule = rule
        self.message = message
        super().__init__(f"{rule}: {message}")


class NotFound(ServiceError):
    status = 404


class Forbidden(ServiceError):
    """The actor's delegation or role does not allow the action."""

    status = 403


class Refused(ServiceError):
    """A rule of the process refuses the action in the current state."""

    status = 422


class StaleVersion(ServiceError):
    """The write was based on an older version: never a silent overwrite."""

    status = 409


class Unauthorized(ServiceError):
    status = 401
