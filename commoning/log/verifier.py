"""Envelope checks in a worker process, so they overlap the ingest's database work.

One worker per large ingest (commoning.core.verify_worker over pipes). The caller reads each
answer before sending the next request, so neither side can block the other on a full pipe.
If the worker cannot be started or dies, the checks run in this process instead: slower, never
skipped.
"""

import contextlib
import subprocess
import sys
import time

import orjson

from commoning.core.entry import envelope_problems
from commoning.core.verify_worker import LENGTH


class EnvelopeWorker:
    def __init__(self):
        self.pending: list | None = None  # envelopes of a request whose answer is not read yet
        self.seconds = 0.0  # how long the worker spent on the last answer it gave
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "commoning.core.verify_worker"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
            )
        except OSError:
            self.process = None

    def submit(self, envelopes: list) -> None:
        self.pending = envelopes
        if self.process is None:
            return
        try:
            request = orjson.dumps(envelopes)
        except TypeError:  # not JSON at all: let this process give the reasons
            self._give_up()
            return
        try:
            self.process.stdin.write(LENGTH.pack(len(request)) + request)
            self.process.stdin.flush()
        except OSError:
            self._give_up()

    def result(self) -> list:
        """Per submitted envelope, in order: None if valid, else why it is refused."""
        envelopes, self.pending = self.pending, None
        if self.process is not None:
            try:
                header = self.process.stdout.read(LENGTH.size)
                (size,) = LENGTH.unpack(header)
                answer = orjson.loads(self.process.stdout.read(size))
                problems = answer["problems"]
                if isinstance(problems, list) and len(problems) == len(envelopes):
                    self.seconds = float(answer["seconds"])
                    return problems
            except (OSError, ValueError, orjson.JSONDecodeError, TypeError, KeyError):
                pass
            self._give_up()
        started = time.perf_counter()
        problems = envelope_problems(envelopes)
        self.seconds = time.perf_counter() - started
        return problems
    def _give_up(self) -> None:
        self._stop(kill=True)

    def close(self) -> None:
        self._stop(kill=False)

    def _stop(self, *, kill: bool) -> None:
        process, self.process = self.process, None
        if process is None:
            return
        with contextlib.suppress(OSError):
            process.stdin.close()  # the worker's cue to finish
        if kill:
            process.kill()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()
