"""The peer transport: HTTP calls to another node's sync endpoints (the one seam to the network).

Answers are streamed line by line, so a large pull never sits whole in memory. Bytes sent and
received are counted for the sync report and the benchmarks. Connections go only to addresses
commoning.sync.addresses allows, checked at connect time. A peer's own words never reach the
operator's pages: errors are short statuses in our words, chosen by the peer's error code.
"""

import gzip
import ssl
from collections.abc import Iterable, Iterator
from functools import cache

import httpcore
import httpx
import orjson
from django.utils.translation import gettext as _

from commoning.sync.addresses import GuardedBackend, UnsafeAddress

TIMEOUT = httpx.Timeout(30.0, connect=10.0)


class PeerError(RuntimeError):
    """The peer could not be reached, or answered something other than a sync answer. The
    message is ours, never text the peer sent."""


def _refusals() -> dict:
    """Our words for the error codes of the sync endpoints (the peer's message is not shown)."""
    return {
        "not_paired": _("the peer does not know this node's key: pair with it first"),
        "not_found": _("the peer does not serve this network"),
        "invalid_frontier": _("the peer could not read this node's frontier"),
        "too_large": _("the peer found the request too large"),
        "rate_limited": _("the peer asks to wait before trying again"),
        "bad_code": _("the pairing code is wrong, used or expired"),
    }


def connection_failed(error: httpx.HTTPError) -> str:
    """A short status for a failed connection (the details could map a private network)."""
    if isinstance(error.__cause__, UnsafeAddress) or isinstance(error.__context__, UnsafeAddress):
        return str(error.__cause__ or error.__context__)
    if isinstance(error, httpx.TimeoutException):
        return _("the peer did not answer in time")
    if isinstance(error, httpx.ConnectError):
        return _("could not connect to the peer")
    return _("the connection to the peer failed")


class GuardedTransport(httpx.HTTPTransport):
    """httpx's transport with a connection pool whose sockets go only to allowed addresses."""

    def __init__(self, ssl_context: ssl.SSLContext):
        super().__init__(verify=ssl_context, trust_env=False)
        self._pool = httpcore.ConnectionPool(ssl_context=ssl_context,
                                             network_backend=GuardedBackend())


@cache
def _tls_context() -> ssl.SSLContext:
    """Loading the CA certificates takes a quarter of a second: do it once per process."""
    return ssl.create_default_context()


def _base(url: str) -> str:
    return url.rstrip("/")


class PeerClient:
    """Talks to one peer URL. `transport` lets tests route requests without a socket."""

    def __init__(self, url: str, transport: httpx.BaseTransport | None = None):
        self.url = _base(url)
        # No proxy from the environment: the connect-time check must see the peer's address.
        self.http = httpx.Client(
            timeout=TIMEOUT, transport=transport or GuardedTransport(_tls_context()),
            follow_redirects=False, trust_env=False,
        )
        self.bytes_in = 0
        self.bytes_out = 0

    def close(self) -> None:
        self.http.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _check(self, response: httpx.Response) -> None:
        if response.status_code != 200:
            response.read()
            self.bytes_in += len(response.content)
            try:
                code = orjson.loads(response.content).get("code", "")
            except (orjson.JSONDecodeError, AttributeError):
                code = ""
            reason = _refusals().get(code) if isinstance(code, str) else None
            raise PeerError(reason or _("the peer answered HTTP %(status)d")
                            % {"status": response.status_code})

    def network_id(self) -> str:
        try:
            response = self.http.get(f"{self.url}/api/network")
        except httpx.HTTPError as error:
            raise PeerError(connection_failed(error)) from error
        self._check(response)
        self.bytes_in += len(response.content)
        try:
            return orjson.loads(response.content)["id"]
        except (orjson.JSONDecodeError, KeyError, TypeError) as error:
            raise PeerError(_("the peer does not look like a Commoning node")) from error

    def pull(self, net: str, signed_frontier: dict, after: int = 0) -> Iterator[bytes]:
        """Stream the lines of a pull answer: the peer's signed frontier first."""
        body = gzip.compress(orjson.dumps({"frontier": signed_frontier}), mtime=0)
        self.bytes_out += len(body)
        try:
            with self.http.stream(
                "POST", f"{self.url}/sync/{net}/pull", params={"after": after}, content=body,
                headers={"Content-Type": "application/json", "Content-Encoding": "gzip"},
            ) as response:
                self._check(response)
                buffer, counted = b"", 0
                for chunk in response.iter_bytes():
                    # Count as bytes arrive: the caller may stop reading at the end line.
                    self.bytes_in += response.num_bytes_downloaded - counted
                    counted = response.num_bytes_downloaded
                    buffer += chunk
                    *lines, buffer = buffer.split(b"\n")
                    for line in lines:
                        yield line + b"\n"
                self.bytes_in += response.num_bytes_downloaded - counted
                if buffer:
                    yield buffer  # no newline: the caller sees a cut-short line
        except httpx.HTTPError as error:
            raise PeerError(connection_failed(error)) from error

    def push(self, net: str, lines: Iterable[bytes]) -> dict:
        body = gzip.compress(b"".join(lines), mtime=0)
        self.bytes_out += len(body)
        try:
            response = self.http.post(
                f"{self.url}/sync/{net}/push", content=body,
                headers={"Content-Type": "application/x-ndjson", "Content-Encoding": "gzip"},
            )
        except httpx.HTTPError as error:
            raise PeerError(connection_failed(error)) from error
        return self._json(response, _("the peer answered a push with something other than "
                                      "a report"))

    def pair(self, net: str, body: dict) -> dict:
        """Offer a pairing code and this node's signed frontier; the answer carries the peer's."""
        payload = orjson.dumps(body)
        self.bytes_out += len(payload)
        try:
            response = self.http.post(f"{self.url}/sync/{net}/pair", content=payload,
                                      headers={"Content-Type": "application/json"})
        except httpx.HTTPError as error:
            raise PeerError(connection_failed(error)) from error
        return self._json(response, _("the peer's answer to pairing was not understood"))

    def _json(self, response: httpx.Response, malformed: str) -> dict:
        self._check(response)
        self.bytes_in += len(response.content)
        try:
            answer = orjson.loads(response.content)
        except orjson.JSONDecodeError as error:
            raise PeerError(malformed) from error
        if not isinstance(answer, dict):
            raise PeerError(malformed)
        return answer
