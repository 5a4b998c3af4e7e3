"""A worker process that checks envelopes for a large ingest: every check of
commoning.core.entry.parse_envelope (canonical bytes, shape, signatures).

Run as `python -m commoning.core.verify_worker`; it imports only the pure core. Each request on
standard input is a 4-byte big-endian length and a JSON list of envelopes; each answer on
standard output is a length and a JSON object: `problems`, a list holding, per envelope, null
(it is valid) or the reason it is refused, and `seconds`, how long the checks took (the
ingesting process uses it to share the work fairly). The checks then run on another core while
the ingesting process does its database work (a thread cannot do that: see
docs/decisions/0002).
"""

import struct
import sys
import time

import orjson

from commoning.core.entry import envelope_problems

LENGTH = struct.Struct(">I")


def serve(requests, answers) -> None:
    while True:
        header = requests.read(LENGTH.size)
        if len(header) < LENGTH.size:
            return  # the ingesting process closed the pipe: done
        (size,) = LENGTH.unpack(header)
        started = time.perf_counter()
        problems = envelope_problems(orjson.loads(requests.read(size)))
        answer = orjson.dumps({"problems": problems, "seconds": time.perf_counter() - started})
        answers.write(LENGTH.pack(len(answer)) + answer)
        answers.flush()


if __name__ == "__main__":
    serve(sys.stdin.buffer, sys.stdout.buffer)
