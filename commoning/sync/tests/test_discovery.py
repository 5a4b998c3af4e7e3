"""LAN discovery turns an announcement into a peer URL only for a node of our own network."""

from commoning.sync.discovery import peer_url

NET, US, THEM = "a" * 64, "b" * 64, "c" * 64


def test_it_adds_a_node_of_our_network():
    url = peer_url({"net": NET, "node": THEM}, ["192.168.1.20"], 8000, our_net=NET, our_node=US)
    assert url == "http://192.168.1.20:8000"


def test_it_ignores_other_networks_itself_and_loopback():
    assert peer_url({"net": "d" * 64, "node": THEM}, ["192.168.1.20"], 8000,
                    our_net=NET, our_node=US) is None
    assert peer_url({"net": NET, "node": US}, ["192.168.1.20"], 8000,
                    our_net=NET, our_node=US) is None
    assert peer_url({"net": NET, "node": THEM}, ["127.0.0.1"], 8000,
                    our_net=NET, our_node=US) is None
    assert peer_url({"net": NET, "node": THEM}, ["not an address"], 8000,
                    our_net=NET, our_node=US) is None
