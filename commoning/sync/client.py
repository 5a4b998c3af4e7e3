"""The peer transport: HTTP calls to another node's sync endpoints (the one seam to the network).

Answers are streamed line by line, so a large pull never sits whole in memory. Bytes sent and
received are counted for the sync report and the benchmarks.
"""

import gzip
import ssl
from collections.abc import Iterable, Iterator
from functools import cache

import httpx
import orjson

TIMEOUT = httpx.Timeout(30.0, connect=10.0)


class PeerError(RuntimeError):
    """The peer could not be reached, or answered something other than a sync answer."""


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
        self.http = httpx.Client(timeout=TIMEOUT, transport=transport, follow_redirects=False,
                                 verify=_tls_context())
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
                message = orjson.loads(response.content).get("message", "")
            except (orjson.JSONDecodeError, AttributeError):
                message = ""
            raise PeerError(f"{self.url} answered {response.status_code} {message}".strip())

    def network_id(self) -> str:
        try:
            response = self.http.get(f"{self.url}/api/network")
        except httpx.HTTPError as error:
            raise PeerError(f"cannot reach {self.url}: {error}") from error
        self._check(response)
        self.bytes_in += len(response.content)
        try:
            return orjson.loads(response.content)["id"]
        except (orjson.JSONDecodeError, KeyError, TypeError) as error:
            raise PeerError(f"{self.url} does not look like a Commoning node") from error

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
            raise PeerError(f"the pull from {self.url} failed: {error}") from error

    def push(self, net: str, lines: Iterable[bytes]) -> dict:
        body = gzip.compress(b"".join(lines), mtime=0)
        self.bytes_out += len(body)
        try:
            response = self.http.post(
                f"{self.url}/sync/{net}/push", content=body,
                headers={"Content-Type": "application/x-ndjson", "Content-Encoding": "gzip"},
            )
        except httpx.HTTPError as error:
            raise PeerError(f"the push to {self.url} failed: {error}") from error
        self._check(response)
        self.bytes_in += len(response.content)
        try:
            return orjson.loads(response.content)
        except orjson.JSONDecodeError as error:
            raise PeerError(f"{self.url} answered a push with something other than a report") \
                from error
