"""A many-node sync simulation in one process, over the same pure planning code the nodes use
(commoning.core.frontier) and real signed entries (commoning.core.entry).

Each simulated node holds its feeds in memory, parks entries whose predecessors or deps have
not arrived, and records fork proofs. Nodes sit on a random graph; for the first rounds the
graph is cut into partitions, and members keep writing on every side (one key is even used on
two sides at once, a fork). Each round, every node syncs with one random reachable neighbour:
its signed frontier goes out, the neighbour's signed frontier comes back with the entries the
node misses (fork proofs first), and the node pushes what the neighbour misses. We count
rounds and bytes until every node agrees.

Run it directly for the figures: python -m tests.sync.simulation [nodes] [seed]
"""

import random
import sys
from dataclasses import dataclass, field

import orjson

from commoning.core import entry as entry_format
from commoning.core.bundle_format import ForkItem, entry_line, fork_line, parse_line
from commoning.core.frontier import (
    Frontier,
    delta_against,
    missing_fork_keys,
    plan_missing,
    resolve,
    sign_frontier,
    verify_frontier,
)
from commoning.core.signing import SigningKey

# Every line is verified by the real code the first time it is seen. Identical bytes always get
# the identical verdict, so the simulation memoises verdicts to stay fast with 100 nodes.
_VERIFIED_LINES: dict = {}
_VERIFIED_FRONTIERS: dict = {}


def verified_line(raw: bytes):
    item = _VERIFIED_LINES.get(raw)
    if item is None:
        item = _VERIFIED_LINES[raw] = parse_line(raw)
    return item


def verified_frontier(raw: bytes, net: str) -> Frontier:
    frontier = _VERIFIED_FRONTIERS.get(raw)
    if frontier is None:
        frontier = _VERIFIED_FRONTIERS[raw] = verify_frontier(orjson.loads(raw)["frontier"],
                                                              net=net)
    return frontier


@dataclass
class SimNode:
    name: int
    net: str
    node_key: SigningKey
    feeds: dict = field(default_factory=dict)  # author -> [Entry], seq order
    ids: set = field(default_factory=set)
    parked: dict = field(default_factory=dict)  # id -> Entry
    forks: dict = field(default_factory=dict)  # fork key -> ForkItem
    forked: dict = field(default_factory=dict)  # author -> seq

    def frontier(self) -> Frontier:
        heads = {author: (len(chain), chain[-1].id) for author, chain in self.feeds.items()}
        return Frontier(self.net, heads, frozenset(self.forks), dict(self.forked))

    def id_at(self, author, seq):
        chain = self.feeds.get(author, [])
        return chain[seq - 1].id if 1 <= seq <= len(chain) else None

    # -- receiving ------------------------------------------------------------------------------
    def take_fork(self, item: ForkItem) -> None:
        key = item.key
        if key not in self.forks:
            self.forks[key] = item
            author, seq = item.first.author, item.first.seq
            self.forked[author] = min(seq, self.forked.get(author, seq))

    def take(self, entry) -> None:
        if entry.id in self.ids or entry.id in self.parked:
            return
        fork_seq = self.forked.get(entry.author)
        if fork_seq is not None and entry.seq > fork_seq:
            return  # nobody accepts more of a forked feed
        chain = self.feeds.setdefault(entry.author, [])
        if len(chain) >= entry.seq:
            other = chain[entry.seq - 1]
            if other.id != entry.id:
                first, second = sorted((other, entry), key=lambda e: e.id)
                self.take_fork(ForkItem(first, second))
            return
        ready = (
            entry.seq == len(chain) + 1
            and (entry.seq == 1 or chain[-1].id == entry.prev)
            and all(dep in self.ids for dep in entry.deps)
            and (entry.net is None or entry.net in self.ids)
        )
        if not ready:
            self.parked[entry.id] = entry
            return
        chain.append(entry)
        self.ids.add(entry.id)
        self._wake()

    def _wake(self) -> None:
        progress = True
        while progress and self.parked:
            progress = False
            for parked in sorted(self.parked.values(), key=lambda e: (e.author, e.seq)):
                del self.parked[parked.id]
                before = len(self.ids)
                self.take(parked)
                if len(self.ids) > before:
                    progress = True
                    break

    def receive(self, lines) -> None:
        for raw in lines:
            item = verified_line(raw)  # every line is verified, as a real node does
            if isinstance(item, ForkItem):
                self.take_fork(item)
            else:
                self.take(item)

    # -- sending --------------------------------------------------------------------------------
    def lines_for(self, remote: Frontier) -> list[bytes]:
        lines = [
            fork_line(self.forks[k].first.envelope_bytes(), self.forks[k].second.envelope_bytes())
            for k in sorted(missing_fork_keys(self.frontier(), remote))
        ]
        for feed_range in plan_missing(self.frontier(), remote, self.id_at):
            chain = self.feeds[feed_range.author]
            for seq in range(feed_range.first_seq, feed_range.last_seq + 1):
                lines.append(entry_line(chain[seq - 1].envelope_bytes()))
        return lines

    def signed(self, now: int, frontier: Frontier | None = None) -> bytes:
        frontier = frontier or self.frontier()
        return orjson.dumps({"frontier": sign_frontier(self.node_key, frontier, now)})

    # -- what must agree ------------------------------------------------------------------------
    def agreed_state(self) -> tuple:
        """Entries that count (a forked feed is cut at its fork seq) and fork proofs known."""
        counted = frozenset(
            e.id for author, chain in self.feeds.items() for e in chain
            if e.seq < self.forked.get(author, e.seq + 1)
        )
        return counted, frozenset(self.forks), len(self.parked)


def sync_pair(caller: SimNode, callee: SimNode, now: int) -> tuple[int, int]:
    """One pull-and-push exchange; returns the bytes of frontiers and of lines it sent."""
    caller_frontier = caller.frontier()
    request = caller.signed(now, caller_frontier)
    request_text = orjson.loads(request)["frontier"]["frontier"]
    remote_of_caller = verified_frontier(request, caller.net)
    answer_lines = callee.lines_for(remote_of_caller)
    # The callee answers with its frontier as a difference from the caller's, as nodes do.
    answer_head = callee.signed(now, delta_against(callee.frontier(), remote_of_caller,
                                                   request_text))
    callee_frontier = resolve(verified_frontier(answer_head, callee.net), caller_frontier,
                              request_text)
    caller.receive(answer_lines)
    push_lines = caller.lines_for(callee_frontier)
    callee.receive(push_lines)
    frontier_bytes = len(request) + len(answer_head) + (len(request) if push_lines else 0)
    return frontier_bytes, sum(map(len, answer_lines)) + sum(map(len, push_lines))


@dataclass
class Report:
    nodes: int
    edges: int
    entries: int
    write_rounds: int
    rounds_after_heal: int
    total_rounds: int
    bytes_total: int
    bytes_after_heal: int
    frontier_bytes: int
    forks_known: int

    def lines(self) -> list[str]:
        return [
            f"nodes {self.nodes}, links {self.edges}, entries written {self.entries} "
            f"over {self.write_rounds} partitioned rounds",
            f"agreement {self.rounds_after_heal} rounds after the partitions healed "
            f"({self.total_rounds} rounds in all)",
            f"bytes: {self.bytes_total} in all ({self.bytes_total // self.nodes} per node), "
            f"{self.bytes_after_heal} after healing; {self.frontier_bytes} of them frontiers, "
            f"{self.bytes_total - self.frontier_bytes} entries and fork proofs",
            f"fork proofs known on every node: {self.forks_known}",
        ]


def random_graph(rng: random.Random, count: int, extra_degree: int = 2) -> dict:
    """A ring (so the healed graph is connected) plus random chords."""
    neighbours = {i: set() for i in range(count)}
    for i in range(count):
        j = (i + 1) % count
        neighbours[i].add(j)
        neighbours[j].add(i)
    for i in range(count):
        for _ in range(extra_degree):
            j = rng.randrange(count)
            if j != i:
                neighbours[i].add(j)
                neighbours[j].add(i)
    return neighbours


def simulate(count: int = 100, seed: int = 7, write_rounds: int = 6, partitions: int = 3,
             max_rounds: int = 200) -> Report:
    rng = random.Random(seed)
    founder = SigningKey(rng.randbytes(32))
    genesis = entry_format.build(founder, net=None, seq=1, prev=None, ts=1, type="log.genesis",
                                 data={"name": "Simulated valley"})
    net = genesis.id
    nodes = [SimNode(i, net, SigningKey(rng.randbytes(32))) for i in range(count)]
    for node in nodes:
        node.take(genesis)
    members = [SigningKey(rng.randbytes(32)) for _ in range(count)]
    heads = {i: None for i in range(count)}  # member i writes on node i: (seq, id, ts)
    graph = random_graph(rng, count)
    edges = sum(len(v) for v in graph.values()) // 2
    side = {i: rng.randrange(partitions) for i in range(count)}
    forker = 0  # member 0's key is (wrongly) copied onto another node: a fork
    twin = next(i for i in range(1, count) if side[i] != side[0])
    written = 1
    bytes_total = bytes_after_heal = frontier_bytes = 0
    now = 1_000

    def write(node_index: int, member_index: int, key: SigningKey, head, data=None):
        seq, prev, ts = (head[0] + 1, head[1], head[2] + 1) if head else (1, None, now)
        node = nodes[node_index]
        candidates = [e.id for a, chain in node.feeds.items() for e in chain[-2:]
                      if a not in (key.public_hex, members[forker].public_hex)]
        deps = rng.sample(candidates, min(len(candidates), rng.randrange(3)))
        entry = entry_format.build(key, net=net, seq=seq, prev=prev, ts=max(ts, now),
                                   type="sim.note", data=data or {"n": member_index}, deps=deps)
        node.take(entry)
        return entry

    for round_number in range(1, max_rounds + 1):
        now += 1_000
        partitioned = round_number <= write_rounds
        if partitioned:
            for i in range(count):
                if rng.random() < 0.5 or (round_number == 1 and i == forker):
                    entry = write(i, i, members[i], heads[i])
                    heads[i] = (entry.seq, entry.id, entry.ts)
                    written += 1
            if round_number == 1:  # the copied key writes its own seq 1 on the twin node
                write(twin, forker, members[forker], None, data={"n": forker, "twin": 1})
                written += 1
        round_bytes = 0
        for i in rng.sample(range(count), count):
            reachable = [j for j in graph[i] if not partitioned or side[j] == side[i]]
            if reachable:
                frontier_part, lines_part = sync_pair(nodes[i], nodes[rng.choice(reachable)], now)
                round_bytes += frontier_part + lines_part
                frontier_bytes += frontier_part
        bytes_total += round_bytes
        if not partitioned:
            bytes_after_heal += round_bytes
            states = {node.agreed_state() for node in nodes}
            if len(states) == 1:
                return Report(count, edges, written, write_rounds, round_number - write_rounds,
                              round_number, bytes_total, bytes_after_heal, frontier_bytes,
                              len(nodes[0].forks))
    raise AssertionError(f"no agreement after {max_rounds} rounds")


if __name__ == "__main__":
    arguments = [int(a) for a in sys.argv[1:]]
    report = simulate(*arguments)
    print("\n".join(report.lines()))
