"""Sync benchmark: the cost of an incremental sync grows with what is new, not with history;
and a large bundle imports in bounded time and memory.

Prints, for a history of 10,000 and of 100,000 entries (100 authors), the bytes, round trips
and median time (of 5) of a sync that brings one new entry (node B pulls from node A, a real
`commoning serve` process); and the time and peak memory (maximum resident set size of the
importing process) to import a 60,000-entry bundle into a fresh node. Every node lives in a
temporary COMMONING_HOME with its own SQLite database.

Baselines are measured in the same run, never quoted: the sync of one new entry against the
idle sync of the same history, and the bundle import against `log import` of the same
entries (a plain file of envelopes) on another fresh node, so the ratio is the bundle's own
cost (its bounds, header and body check) over the log's one checked ingest.

    python bench/sync.py                 # all figures
    python bench/sync.py --sizes 10000   # a quicker run
"""

import argparse
import gzip
import hashlib
import json
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

AUTHORS = 100
REPEATS = 5
IMPORT_SIZE = 60_000
TARGET_IMPORT_SECONDS = 20
TARGET_IMPORT_MB = 200


# -- a synthetic history, signed for real -------------------------------------------------------
def write_history_bundle(path: Path, size: int, seed: int = 1) -> dict:
    """A bundle of `size` entries: a genesis, AUTHORS admitted members and their profile edits.

    Returns what is needed to write one more entry later (a member's seed and feed head)."""
    import random

    from commoning.core import entry as entry_format
    from commoning.core.bundle_format import BundleHeader, entry_line, header_line
    from commoning.core.signing import SigningKey

    rng = random.Random(seed)
    node = SigningKey(rng.randbytes(32))
    founder = SigningKey(rng.randbytes(32))
    ts = 1_700_000_000_000
    genesis = entry_format.build(founder, net=None, seq=1, prev=None, ts=ts, type="log.genesis",
                                 data={"name": "Bench valley"})
    net = genesis.id
    members = [SigningKey(rng.randbytes(32)) for _ in range(AUTHORS)]
    heads = {}
    digest = hashlib.sha256()
    count = 0
    with tempfile.TemporaryFile() as body:
        def emit(entry):
            nonlocal count
            line = entry_line(entry.envelope_bytes())
            body.write(line)
            digest.update(line)
            count += 1
            heads[entry.author] = entry

        emit(genesis)
        for number, key in enumerate(members):
            ts += 1
            # The founder admits each member first (decision 0007).
            founder_head = heads[founder.public_hex]
            admit = entry_format.build(founder, net=net, seq=founder_head.seq + 1,
                                       prev=founder_head.id, ts=ts, type="accounts.admit",
                                       data={"key": key.public_hex})
            emit(admit)
            ts += 1
            emit(entry_format.build(key, net=net, seq=1, prev=None, ts=ts,
                                    type="accounts.identity",
                                    data={"name": f"Member {number}", "custody": "self"},
                                    deps=[admit.id]))
        while count < size:
            key = members[count % AUTHORS]
            head = heads[key.public_hex]
            ts += 1
            emit(entry_format.build(key, net=net, seq=head.seq + 1, prev=head.id, ts=ts,
                                    type="accounts.profile", data={"name": f"Name {count}"}))
        header = BundleHeader(net=net, node=node.public_hex, ts=ts, for_node="",
                              acks={a: (e.seq, e.id) for a, e in heads.items()},
                              entries=count, digest=digest.hexdigest())
        body.seek(0)
        with path.open("wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb",
                                                   mtime=0) as out:
            out.write(header_line(node, header))
            while chunk := body.read(1 << 20):
                out.write(chunk)
    last = heads[members[0].public_hex]
    return {"net": net, "seed": members[0].seed.hex(), "seq": last.seq, "prev": last.id,
            "ts": ts}


# -- nodes ----------------------------------------------------------------------------------------
def node_env(home: Path) -> dict:
    # The benchmark's nodes sync over 127.0.0.1, a private address a node refuses by default.
    env = {**os.environ, "COMMONING_HOME": str(home), "COLUMNS": "300",
           "COMMONING_ALLOW_PRIVATE_PEERS": "1"}
    for name in ("DATABASE_URL", "COMMONING_TEST_DB_NAME", "COMMONING_SECRET_KEY",
                 "COMMONING_KEYSTORE_SECRET", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    return env


def worker(home: Path, *args) -> dict:
    """Run this file's worker mode in a fresh process for one node; return its JSON answer."""
    done = subprocess.run([sys.executable, __file__, "--worker", *map(str, args)],
                          env=node_env(home), capture_output=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"worker {args} failed:\n{done.stderr.decode()}")
    return json.loads(done.stdout.decode().strip().splitlines()[-1])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(home: Path, port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-m", "commoning.cli.main", "serve", "--port", str(port)],
        env=node_env(home), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/login/", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("node A did not start")


# -- worker modes (run inside a node's own process) ------------------------------------------
def run_worker(mode: str, *args) -> dict:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commoning.settings")
    from commoning.cli.django_setup import setup

    setup()
    if mode == "import":
        from commoning.sync.actions import import_bundle

        baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        with open(args[0], "rb") as handle:
            result = import_bundle(handle, joining=True)
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return {"seconds": seconds, "peak_mb": peak / 1024, "baseline_mb": baseline / 1024,
                "new": result.received.new_entries}
    if mode == "log-import":  # the baseline of "import": the same entries by `log import`
        from commoning.log.transfer import import_lines

        baseline = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        with open(args[0], "rb") as handle:
            report = import_lines(handle)
        seconds = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        return {"seconds": seconds, "peak_mb": peak / 1024, "baseline_mb": baseline / 1024,
                "counts": {str(k): v for k, v in report.counts.items()}}
    if mode == "load":  # set up a node's history quickly (the sync under test is not this)
        return load_history(args[0])
    if mode == "append":  # node A: a member writes one more entry (as it would through ingest)
        from commoning.core import entry as entry_format
        from commoning.core.signing import SigningKey
        from commoning.log.ingest import ingest_entries

        info = json.loads(args[0])
        key = SigningKey(bytes.fromhex(info["seed"]))
        entry = entry_format.build(key, net=info["net"], seq=info["seq"] + 1, prev=info["prev"],
                                   ts=info["ts"] + 1, type="accounts.profile",
                                   data={"name": "One more"})
        return {"counts": {str(k): v for k, v in ingest_entries([entry]).counts.items()},
                "next": {**info, "seq": entry.seq, "prev": entry.id, "ts": entry.ts}}
    if mode == "sync":  # node B: an idle sync with A, then one after A gets one new entry
        from commoning.accounts.actions import default_network
        from commoning.sync.actions import add_peer, sync_with_peer

        url, home_a, info = args
        peer = add_peer(default_network(), url)
        sync_with_peer(peer)  # the first sync of a process also warms its caches
        runs = {"idle": [], "one_new": []}
        for _ in range(REPEATS):
            for name in ("idle", "one_new"):
                if name == "one_new":
                    appended = worker(Path(home_a), "append", info)
                    assert appended["counts"] == {"applied": 1}, appended
                    info = json.dumps(appended["next"])
                started = time.perf_counter()
                result = sync_with_peer(peer)
                runs[name].append({"seconds": time.perf_counter() - started,
                                   "error": result.error, "new": result.received.new_entries,
                                   "round_trips": result.round_trips,
                                   "bytes": result.bytes_in + result.bytes_out})
        # The median run: the machine may be busy with other work now and then.
        return {name: sorted(found, key=lambda run: run["seconds"])[REPEATS // 2]
                for name, found in runs.items()}
    raise SystemExit(f"unknown worker mode {mode}")


def load_history(path: str) -> dict:
    """Load a history bundle fast: the genesis and identities through the real ingest (so the
    members exist), the rest stored directly as the applied rows ingest would have written.
    Their projections are not built, and sync never reads projections, so the figures of the
    sync measured afterwards are those of a node holding this history."""
    import orjson
    from django.db import transaction

    from commoning.accounts.actions import DEFAULT_NET_SETTING
    from commoning.core.bundle_format import parse_header
    from commoning.core.entry import parse_envelope, sha256_hex
    from commoning.log.ingest import ingest_entries
    from commoning.log.models import Entry as EntryRow
    from commoning.log.models import NodeSetting

    with gzip.open(path, "rb") as stream:
        header = parse_header(stream.readline())
        first = [parse_envelope(orjson.loads(stream.readline())["entry"])
                 for _ in range(1 + 2 * AUTHORS)]  # genesis, admissions, identities
        ingest_entries(first)
        order = EntryRow.objects.count()
        rows = []
        with transaction.atomic():
            for line in stream:
                envelope = orjson.loads(line)["entry"]
                payload_bytes = envelope["payload"].encode()
                payload = orjson.loads(payload_bytes)
                order += 1
                rows.append(EntryRow(
                    id=sha256_hex(payload_bytes), net=payload["net"], author=payload["author"],
                    seq=payload["seq"], prev=payload["prev"], ts=payload["ts"],
                    type=payload["type"], payload=payload_bytes,
                    sigs=orjson.dumps(envelope["sigs"]).decode(), deps="[]", status="applied",
                    reason="", apply_order=order,
                ))
                if len(rows) >= 5000:
                    EntryRow.objects.bulk_create(rows, batch_size=1000)
                    rows = []
            EntryRow.objects.bulk_create(rows, batch_size=1000)
        NodeSetting.objects.get_or_create(key=DEFAULT_NET_SETTING, defaults={"value": header.net})
    return {"entries": EntryRow.objects.count()}


# -- the figures ----------------------------------------------------------------------------------
def incremental(size: int, scratch: Path) -> dict:
    bundle = scratch / f"history-{size}.bundle"
    info = write_history_bundle(bundle, size)
    home_a, home_b = scratch / f"a-{size}", scratch / f"b-{size}"
    worker(home_a, "load", bundle)
    # B starts as a copy of A's database (each makes its own node key on first use).
    shutil.copytree(home_a, home_b)
    port = free_port()
    node_a = serve(home_a, port)
    try:
        runs = worker(home_b, "sync", f"http://127.0.0.1:{port}", home_a, json.dumps(info))
        idle, one_new = runs["idle"], runs["one_new"]
    finally:
        node_a.terminate()
        node_a.wait()
    assert one_new["new"] == 1 and not one_new["error"], one_new
    return {"size": size, "idle": idle, "one_new": one_new}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000")
    parser.add_argument("--import-size", type=int, default=IMPORT_SIZE)
    parser.add_argument("--worker", nargs="+")
    options = parser.parse_args()
    if options.worker:
        print(json.dumps(run_worker(*options.worker)))
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "commoning.settings")
    with tempfile.TemporaryDirectory(prefix="commoning-bench-sync-") as scratch_name:
        scratch = Path(scratch_name)
        print("Incremental sync of one new entry (B pulls from A over HTTP):")
        measured = {}
        for size in (int(s) for s in options.sizes.split(",") if s):
            figures = incremental(size, scratch)
            one, idle = figures["one_new"], figures["idle"]
            measured[size] = one
            ratio = (f"; ratio to the idle sync (baseline, this run): "
                     f"bytes {one['bytes'] / idle['bytes']:.2f}x, "
                     f"time {one['seconds'] / idle['seconds']:.2f}x")
            print(
                f"  history {size:>7} entries: 1 new entry in {one['bytes']:>6} bytes, "
                f"{one['round_trips']} round trip, {one['seconds'] * 1000:6.1f} ms "
                f"(idle sync: {idle['bytes']} bytes, {idle['round_trips']} round trip, "
                f"{idle['seconds'] * 1000:.1f} ms){ratio}"
            )
        if len(measured) >= 2:
            small, large = measured[min(measured)], measured[max(measured)]
            print(
                f"  {max(measured) // min(measured)}x the history: "
                f"{large['bytes'] / small['bytes']:.2f}x the bytes, "
                f"{large['seconds'] / small['seconds']:.2f}x the time"
            )
        bundle = scratch / "import.bundle"
        started = time.perf_counter()
        write_history_bundle(bundle, options.import_size, seed=2)
        written = time.perf_counter() - started
        figures = worker(scratch / "import-node", "import", bundle)
        envelopes = scratch / "import.jsonl"
        with gzip.open(bundle, "rb") as stream, envelopes.open("wb") as out:
            stream.readline()  # the header
            for line in stream:
                out.write(line[len(b'{"entry":'):-2] + b"\n")
        base = worker(scratch / "log-import-node", "log-import", envelopes)
        print(
            f"Bundle import of {options.import_size} entries ({bundle.stat().st_size // 1024} KiB "
            f"gzip, written in {written:.1f} s): {figures['seconds']:.1f} s in one streamed "
            f"pass (read, bounded, checked, ingested, projected), peak memory "
            f"{figures['peak_mb']:.0f} MB (process before import: {figures['baseline_mb']:.0f} "
            f"MB); targets {TARGET_IMPORT_SECONDS} s "
            f"({'met' if figures['seconds'] < TARGET_IMPORT_SECONDS else 'NOT met'}) and "
            f"{TARGET_IMPORT_MB} MB "
            f"({'met' if figures['peak_mb'] < TARGET_IMPORT_MB else 'NOT met'})"
        )
        print(f"  baseline, this run: `log import` of the same entries {base['seconds']:.1f} s, "
              f"peak memory {base['peak_mb']:.0f} MB; ratio bundle/baseline: time "
              f"{figures['seconds'] / base['seconds']:.2f}x, "
              f"peak memory {figures['peak_mb'] / base['peak_mb']:.2f}x")


if __name__ == "__main__":
    main()
