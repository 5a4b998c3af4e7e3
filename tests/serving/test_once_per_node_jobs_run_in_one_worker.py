"""Jobs that must run once per node (`--sync-every`, `--discover`) start in worker 0 only,
not in every worker (two workers syncing would pull the same pages twice); with one worker
they start in the serving process itself."""

from django.db import connections

from commoning.cli import main, serving


class FakeSupervisor:
    """Runs each worker's life in turn, in this process, instead of forking."""

    def __init__(self, workers, run_worker, say=print):
        self.workers, self.run_worker = workers, run_worker

    def run(self):
        for slot in range(self.workers):
            self.run_worker(slot)


class FakeListener:
    def close(self):
        pass


def serve_recording(monkeypatch, workers: int) -> list[str]:
    """Run _serve with nothing bound or forked; the order of job starts and servings (and of
    closing the database connections, which forked workers must not share)."""
    happened: list[str] = []
    monkeypatch.setattr(connections, "close_all", lambda: happened.append("close"))
    monkeypatch.setattr(serving, "bind", lambda host, port: FakeListener())
    monkeypatch.setattr(serving, "Supervisor", FakeSupervisor)
    monkeypatch.setattr(serving, "run_waitress",
                        lambda application, listener, bounds: happened.append("serve"))
    main._serve("127.0.0.1", 0, workers, lambda: happened.append("jobs"))
    return happened


def test_it_starts_the_jobs_in_worker_0_only(db, monkeypatch):
    assert serve_recording(monkeypatch, 3) == ["close", "jobs", "serve", "serve", "serve"]


def test_it_starts_the_jobs_beside_a_single_server(db, monkeypatch):
    assert serve_recording(monkeypatch, 1) == ["jobs", "serve"]
