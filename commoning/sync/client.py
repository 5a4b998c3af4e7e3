"""The peer transport: HTTP calls to another node's sync endpoints (the one seam to the network).

Answers are streamed line by line, so a large pull never sits whole in memory. A peer's answer
is input from outside like any other: it is bounded in bytes (as sent and unpacked), per line,
between reads and in total time (commoning.core.limits), so a hostile or broken peer cannot
hold this node's memory or a thread. Connections go only to addresses commoning.sync.addresses
allows, checked at connect time. A peer's own words never reach the operator's pages: errors
are short statuses in our words, chosen by the peer's error code. Bytes sent and received are
counted for the sync report and the benchmarks.
"""

import gzip
import ssl
import time
import zlib
from collections.abc import Iterable, Iterator
from functools import cache

import httpcore
import httpx
import orjson
from django.utils.translation import gettext as _

from commoning.core import bounded, limits
from commoning.sync.addresses import GuardedBackend, UnsafeAddress

TIMEOUT = httpx.Timeout(limits.PEER_READ_SECONDS, connect=limits.PEER_CONNECT_SECONDS)
# A short answer (an error, a push report, the network id) is read whole, so it is small.
MAX_SHORT_ANSWER_BYTES = 1024 * 1024


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

    def _short_body(self, response: httpx.Response, deadline: float) -> bytes:
        """A short answer's body, unpacked, within MAX_SHORT_ANSWER_BYTES and the deadline."""
        body = bytearray()
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > MAX_SHORT_ANSWER_BYTES:
                raise PeerError(_("the peer answered more than a short answer holds"))
            if time.monotonic() > deadline:
                raise PeerError(_("the peer did not answer in time"))
        self.bytes_in += response.num_bytes_downloaded
        return bytes(body)

    def _check(self, response: httpx.Response, deadline: float) -> None:
        if response.status_code != 200:
            content = self._short_body(response, deadline)
            try:
                code = orjson.loads(content).get("code", "")
            except (orjson.JSONDecodeError, AttributeError):
                code = ""
            reason = _refusals().get(code) if isinstance(code, str) else None
            raise PeerError(reason or _("the peer answered HTTP %(status)d")
                            % {"status": response.status_code})

    def _short(self, method: str, path: str, **options) -> bytes:
        """Send a request whose answer is short, and return the answer's body."""
        deadline = time.monotonic() + limits.PEER_ANSWER_SECONDS
        try:
            with self.http.stream(method, f"{self.url}{path}", **options) as response:
                self._check(response, deadline)
                return self._short_body(response, deadline)
        except httpx.HTTPError as error:
            raise PeerError(connection_failed(error)) from error

    def network_id(self) -> str:
        content = self._short("GET", "/api/network")
        try:
            return orjson.loads(content)["id"]
        except (orjson.JSONDecodeError, KeyError, TypeError) as error:
            raise PeerError(_("the peer does not look like a Commoning node")) from error

    def pull(self, net: str, signed_frontier: dict, after: int = 0) -> Iterator:
        """Stream the lines of a pull answer (bytes, or LongLine for one too long to keep): the
        peer's signed frontier first. Raises PeerError past a bound or the total deadline."""
        body = gzip.compress(orjson.dumps({"frontier": signed_frontier}), mtime=0)
        self.bytes_out += len(body)
        deadline = time.monotonic() + limits.PEER_ANSWER_SECONDS
        try:
            with self.http.stream(
                "POST", f"{self.url}/sync/{net}/pull", params={"after": after}, content=body,
                headers={"Content-Type": "application/json", "Content-Encoding": "gzip"},
            ) as response:
                self._check(response, deadline)
                # Unpacked here, not by httpx, so the unpacked bytes are counted as they come.
                gzipped = response.headers.get("Content-Encoding", "").strip().lower() == "gzip"
                if response.is_stream_consumed:
                    # An answer built in memory (a test transport), already unpacked by httpx.
                    raw, gzipped = iter([response.content]), False
                else:
                    raw = response.iter_raw()
                read = _Unpacker(raw, gzipped, self, response).read
                yield from bounded.lines(read, max_total=limits.MAX_PULL_ANSWER_BYTES,
                                         deadline=deadline,
                                         first_line_limit=limits.MAX_FRONTIER_BYTES)
        except httpx.HTTPError as error:
            raise PeerError(connection_failed(error)) from error
        except bounded.TooLarge as error:
            raise PeerError(_("the peer answered more than a pull holds; what arrived before "
                              "is kept")) from error
        except bounded.TooSlow as error:
            raise PeerError(_("the peer took longer than %(seconds)d s to answer; what arrived "
                              "before is kept") % {"seconds": limits.PEER_ANSWER_SECONDS}) \
                from error
        except bounded.Corrupt as error:
            raise PeerError(_("the peer answered broken gzip")) from error

    def push(self, net: str, lines: Iterable[bytes]) -> dict:
        """Send lines (compressed as they come, never held raw) and return the peer's report."""
        packer = zlib.compressobj(6, zlib.DEFLATED, 31)
        body = b"".join(packer.compress(line) for line in lines) + packer.flush()
        self.bytes_out += len(body)
        content = self._short(
            "POST", f"/sync/{net}/push", content=body,
            headers={"Content-Type": "application/x-ndjson", "Content-Encoding": "gzip"},
        )
        return _json_object(content, _("the peer answered a push with something other than "
                                       "a report"))

    def pair(self, net: str, body: dict) -> dict:
        """Offer a pairing code and this node's signed frontier; the answer carries the peer's."""
        payload = orjson.dumps(body)
        self.bytes_out += len(payload)
        content = self._short("POST", f"/sync/{net}/pair", content=payload,
                              headers={"Content-Type": "application/json"})
        return _json_object(content, _("the peer's answer to pairing was not understood"))


def _json_object(content: bytes, malformed: str) -> dict:
    try:
        answer = orjson.loads(content)
    except orjson.JSONDecodeError as error:
        raise PeerError(malformed) from error
    if not isinstance(answer, dict):
        raise PeerError(malformed)
    return answer


class _Unpacker:
    """read(size) over an answer's raw bytes, gunzipped if it came gzipped, never unpacking
    more than `size` bytes at a time (a small gzip may unpack to gigabytes)."""

    def __init__(self, raw: Iterator[bytes], gzipped: bool, client: PeerClient, response):
        self.raw, self.client, self.response = raw, client, response
        self.unpack = zlib.decompressobj(wbits=47) if gzipped else None  # gzip or zlib
        self.pending = b""
        self.counted = 0

    def _next_raw(self) -> bytes:
        chunk = next(self.raw, b"")
        # Count as bytes arrive: the caller may stop reading at the end line.
        self.client.bytes_in += self.response.num_bytes_downloaded - self.counted
        self.counted = self.response.num_bytes_downloaded
        return chunk

    def read(self, size: int) -> bytes:
        if self.unpack is None:
            return self._next_raw()
        while True:
            source = self.unpack.unconsumed_tail or self.pending
            self.pending = b""
            if not source:
                source = self._next_raw()
                if not source:
                    return self.unpack.flush()
            out = self.unpack.decompress(source, size)
            if self.unpack.eof and self.unpack.unused_data:
                # Another gzip member follows (a stream of members is still one answer).
                self.pending = self.unpack.unused_data
                self.unpack = zlib.decompressobj(wbits=47)
            if out:
                return out
