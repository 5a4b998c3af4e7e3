"""Each worker keeps the single server's bounds (commoning.cli.main.server_bounds): a body
announced past the request limit is refused with 413 before any view runs. The bombs in
tests/sync/test_bombs_leave_a_node_answering.py run against a node with two workers."""

import socket

import pytest

from commoning.core import limits

pytestmark = pytest.mark.slow


def oversized_post(port: int) -> bytes:
    head = (f"POST /api/log/entries HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            f"Content-Length: {limits.MAX_REQUEST_BODY_BYTES + 1}\r\n\r\n").encode()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        connection.sendall(head + b"x" * 1024)
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    return answer


def test_it_refuses_an_oversized_body_with_413_on_every_connection(serve):
    server = serve("--workers", "2")
    for _ in range(6):  # new connections, spread over both workers
        assert oversized_post(server.port).startswith(b"HTTP/1.1 413")
