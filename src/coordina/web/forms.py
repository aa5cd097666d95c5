"""Form posts: the CSRF check, and the errors shown beside their fields and in a summary.

Invalid input is answered with the same form (422), every value as typed, each message next
to its field and in an error summary at the top that links to the fields (the GOV.UK Design
System's error summary and error message patterns).
"""

import secrets
from dataclasses import dataclass, field

from fastapi import HTTPException, Request
from starlette.datastructures import FormData

from coordina.web.i18n import _
from coordina.web.visitor import CSRF

MAX_FIELDS = 2_000  # form fields per post (a case has at most 1,000 periods of a few fields each)
MAX_FILE_BYTES = 1_048_576  # an uploaded case file


@dataclass
class FormErrors:
    """Messages by field id (the id of the input, which the summary links to)."""

    messages: dict[str, str] = field(default_factory=dict)

    def add(self, field_id: str, message: str) -> None:
        self.messages.setdefault(field_id, message)

    def __bool__(self) -> bool:
        return bool(self.messages)

    def get(self, field_id: str) -> str | None:
        return self.messages.get(field_id)


async def posted(request: Request) -> FormData:
    """The form of a POST, once its CSRF token matches the cookie; 403 otherwise."""
    form = await request.form(max_files=5, max_fields=MAX_FIELDS, max_part_size=MAX_FILE_BYTES)
    sent, kept = form.get("csrf_token"), request.cookies.get(CSRF)
    if not isinstance(sent, str) or not kept or not secrets.compare_digest(sent.encode(), kept.encode()):
        raise HTTPException(403, _("This form has expired or did not come from this site: reload the page and "
                                   "send it again."))  # fmt: skip
    return form


def text(form: FormData, name: str, limit: int = 4000) -> str:
    """A text field as typed (trimmed, and cut at ``limit`` characters)."""
    value = form.get(name)
    return value.strip()[:limit] if isinstance(value, str) else ""
