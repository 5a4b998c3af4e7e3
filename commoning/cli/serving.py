"""`commoning serve --workers N`: the node's web server on every core.

waitress serves from threads that share one interpreter lock, so one process uses one core. Here
the parent binds the listening socket once and forks N workers; each runs waitress on the
inherited socket, and the kernel hands each new connection to whichever worker accepts it
first. Each worker keeps waitress' bounds (server_bounds): it reads bodies itself, so a body
that drips holds a connection, not a thread; bodies past the limit get 413. The bounds are per
worker, so N workers hold at most N times as many connections and threads.

The parent serves nothing: it restarts a worker that dies, and on SIGTERM or SIGINT stops them
all. A worker also stops by itself if its parent disappears (killed with SIGKILL), so no
worker outlives the node. Background jobs that must run once per node (`--sync-every`,
`--discover`) run in worker 0 only; if it dies, its replacement starts them again. The parent
starts no thread, so forking a replacement never copies a lock held by another thread.
"""

import contextlib
import errno
import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

# A debug-only header naming the worker's process id, for tests and benchmarks that check
# the load is spread. Off unless this variable is "1"; never turn it on for a public node.
WORKER_HEADER_ENV = "COMMONING_WORKER_HEADER"
WORKER_HEADER = "X-Commoning-Worker"
LISTEN_BACKLOG = 1024
STOP_GRACE_SECONDS = 10
# A worker that dies sooner than this after its start is restarted only after a pause, so a
# worker that cannot start (a broken database) does not spin the parent at full speed.
QUICK_DEATH_SECONDS = 2.0
RESTART_PAUSE_SECONDS = 1.0
ORPHAN_CHECK_SECONDS = 1.0


class PortInUse(Exception):
    """The address is taken by another program (or another node)."""


def default_workers() -> int:
    """One worker per core the process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def bind(host: str, port: int) -> socket.socket:
    """The listening socket every worker shares; PortInUse if the address is taken."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    # A restarted node can listen again at once, while old connections linger in TIME_WAIT.
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host, port))
    except OSError as error:
        listener.close()
        if error.errno == errno.EADDRINUSE:
            raise PortInUse(f"{host}:{port}") from error
        raise
    listener.listen(LISTEN_BACKLOG)
    listener.set_inheritable(True)
    return listener


def with_worker_header(application):
    """Wrap the WSGI app so every answer names the process that served it (debug only)."""
    header = (WORKER_HEADER, str(os.getpid()))

    def answer(environ, start_response):
        def start(status, headers, exc_info=None):
            return start_response(status, [*headers, header], exc_info)

        return application(environ, start)

    return answer


def run_waitress(application, listener: socket.socket, bounds: dict) -> None:
    """Serve on the shared socket in this process until it is stopped."""
    import waitress

    if os.environ.get(WORKER_HEADER_ENV) == "1":
        application = with_worker_header(application)
    waitress.serve(application, sockets=[listener], ident="commoning", **bounds)


@dataclass
class Supervisor:
    """The parent of N workers: starts them, replaces the dead, stops them all on a signal."""

    workers: int
    run_worker: Callable[[int], None]  # the worker's whole life, given its slot number
    say: Callable[[str], None] = print
    pids: dict = field(default_factory=dict)  # pid -> slot
    started_at: dict = field(default_factory=dict)  # slot -> monotonic time of its start
    stopping: bool = False

    def run(self) -> None:
        previous = {number: signal.signal(number, self._stop) for number in
                    (signal.SIGTERM, signal.SIGINT)}
        try:
            for slot in range(self.workers):
                self._start(slot)
            while not self.stopping:
                self._reap()
                time.sleep(0.2)
        finally:
            self._stop_all()
            for number, handler in previous.items():
                signal.signal(number, handler)

    def _stop(self, _signum, _frame) -> None:
        self.stopping = True

    def _start(self, slot: int) -> None:
        self.started_at[slot] = time.monotonic()
        pid = os.fork()
        if pid == 0:  # the worker
            code = 0
            try:
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                # Ctrl+C reaches every process of the terminal's group: the parent alone
                # answers it, by stopping its workers, so no worker's death looks like a crash.
                signal.signal(signal.SIGINT, signal.SIG_IGN)
                _stop_when_orphaned(os.getppid())
                self.run_worker(slot)
            except BaseException as error:  # a worker never returns into the parent's code
                code = 1
                print(f"worker {slot} stopped: {error!r}", file=sys.stderr, flush=True)
            finally:
                os._exit(code)
        self.pids[pid] = slot

    def _reap(self) -> None:
        while self.pids:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            slot = self.pids.pop(pid, None)
            if slot is None or self.stopping:
                continue
            self.say(f"worker {slot} (pid {pid}) ended ({_how(status)}); starting another")
            if time.monotonic() - self.started_at[slot] < QUICK_DEATH_SECONDS:
                time.sleep(RESTART_PAUSE_SECONDS)
            self._start(slot)

    def _stop_all(self) -> None:
        for pid in list(self.pids):
            _signal(pid, signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        while self.pids and time.monotonic() < deadline:
            pid, _status = os.waitpid(-1, os.WNOHANG)
            if pid:
                self.pids.pop(pid, None)
            else:
                time.sleep(0.05)
        for pid in list(self.pids):  # a worker that ignored SIGTERM
            _signal(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            self.pids.pop(pid, None)


def _signal(pid: int, number: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # it ended on its own meanwhile
        os.kill(pid, number)


def _how(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"


def _stop_when_orphaned(parent_pid: int) -> None:
    """A thread that ends this worker once its parent is gone (e.g. killed with SIGKILL, which
    leaves it no chance to stop its workers): the worker is then re-parented elsewhere."""

    def watch():
        while os.getppid() == parent_pid:
            time.sleep(ORPHAN_CHECK_SECONDS)
        os.kill(os.getpid(), signal.SIGTERM)

    threading.Thread(target=watch, name="orphan-watch", daemon=True).start()
