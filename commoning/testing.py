"""Test personas in one place (as Healthchecks does): a network and its members.

Alice founds things, Bob and Carol and Dave take part, Eve is the one who must not be able to
act for others or touch what is not hers.
"""

from commoning.accounts.actions import create_network, sign_up

PASSWORD = "correct-horse-battery"
PERSONAS = ("alice", "bob", "carol", "dave", "eve")


def make_network(name: str = "Test Valley") -> str:
    return create_network(name)


def make_member(net: str, username: str, display_name: str | None = None):
    return sign_up(
        net, username=username, password=PASSWORD, display_name=display_name or username.title()
    )
