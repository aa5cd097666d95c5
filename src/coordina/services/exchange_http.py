"""The ``Transport`` of running nodes: a document POSTed to the other node's endpoint over HTTP
(httpx), the answer read back as a receipt or as the refusal's problem+json (RFC 9457)."""

from typing import Any

import httpx

from coordina.errors import ExchangeRefused
from coordina.exchange.transport import MEDIA_TYPE, Delivery

DOCUMENTS_PATH = "/exchange/v1/documents"
TIMEOUT_S = 10.0


class HttpTransport:
    def __init__(self, timeout: float = TIMEOUT_S) -> None:
        self._client = httpx.Client(timeout=timeout, follow_redirects=False)

    def deliver(self, endpoint: str, document: bytes) -> Delivery:
        url = endpoint.rstrip("/") + DOCUMENTS_PATH
        try:
            response = self._client.post(url, content=document, headers={"content-type": MEDIA_TYPE})
        except httpx.HTTPError as error:
            raise ExchangeRefused("endpoint_unreachable", f"no node answered at {url}: {error}") from None
        answer = _json(response)
        if response.status_code == 202:
            return Delivery(True, answer)
        return Delivery(False, {"rule": answer.get("rule", f"http_{response.status_code}"),
                                "detail": answer.get("detail", response.text[:500])})  # fmt: skip

    def close(self) -> None:
        self._client.close()


def _json(response: httpx.Response) -> dict[str, Any]:
    try:
        found = response.json()
    except ValueError:
        return {}
    return found if isinstance(found, dict) else {}
