"""A hundred nodes on a random graph, cut into partitions while members write on every side
(one key is even used on two sides at once), agree within a few rounds once the partitions
heal, and the fork proof reaches every node. The figures are printed (pytest -s shows them)."""

from .simulation import simulate


def test_a_hundred_partitioned_nodes_agree_after_healing():
    report = simulate(count=100, seed=7)
    print("\n" + "\n".join(report.lines()))
    assert report.nodes == 100
    assert report.forks_known == 1
    # On a ring with chords and random gossip, news crosses the graph in a few dozen rounds at
    # worst; in practice about log(n) rounds.
    assert report.rounds_after_heal <= 30


def test_it_converges_for_other_graphs_too():
    for seed in (1, 2):
        report = simulate(count=40, seed=seed, write_rounds=4, partitions=2)
        assert report.rounds_after_heal <= 30
        assert report.forks_known == 1
