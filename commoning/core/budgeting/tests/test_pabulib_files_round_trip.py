"""Pabulib files: what we write we read back unchanged, and what other tools write (quoted
cells, extra columns, a byte-order mark, CRLF) we read; bad files are refused with a reason."""

import pytest

from commoning.core.budgeting.pabulib import PabulibError, PabulibFile, read_pb, write_pb

# Shaped like a published Pabulib file: extra META keys and columns, quoted names with ';'.
PUBLISHED = (
    "\ufeffMETA\r\n"
    "key;value\r\n"
    "description;Park budget\r\n"
    "country;Poland\r\n"
    "num_projects;3\r\n"
    "num_votes;4\r\n"
    "budget;1000.00\r\n"
    "vote_type;approval\r\n"
    "rule;greedy\r\n"
    "PROJECTS\r\n"
    "project_id;cost;votes;name\r\n"
    '1;600;3;"Benches; and shade"\r\n'
    "2;500;2;Pond\r\n"
    "10;300;2;Swings\r\n"
    "VOTES\r\n"
    "voter_id;vote;age;sex\r\n"
    "v1;1,2;34;F\r\n"
    "v2;1,10;;M\r\n"
    "v3;1;51;\r\n"
    "v4;2,10;22;F\r\n"
).encode()


def test_it_reads_what_other_tools_write():
    content = read_pb(PUBLISHED)
    assert content.meta["budget"] == "1000.00"
    assert content.budget == 1000
    assert content.projects[0]["name"] == "Benches; and shade"
    assert content.costs() == {"1": 600, "2": 500, "10": 300}
    assert content.approvals() == {"1": 3, "2": 2, "10": 2}
    assert content.votes[1] == {"voter_id": "v2", "vote": "1,10", "age": "", "sex": "M"}


def test_what_it_writes_reads_back_the_same():
    content = read_pb(PUBLISHED)
    written = write_pb(content)
    assert read_pb(written.encode()) == content
    assert write_pb(read_pb(written.encode())) == written
    assert '"Benches; and shade"' in written


def test_a_file_built_here_survives_a_round_trip():
    content = PabulibFile(meta={"budget": "50", "vote_type": "approval"},
                          projects=[{"project_id": "p1", "cost": "20"},
                                    {"project_id": "p2", "cost": "40"}],
                          votes=[{"voter_id": "a", "vote": "p1,p2"}, {"voter_id": "b", "vote": ""}])
    assert read_pb(write_pb(content).encode()) == content


@pytest.mark.parametrize(("text", "reason"), [
    ("1;2\n", "before any"),
    ("META\nkey;value\nbudget;10\n", "no PROJECTS"),
    ("PROJECTS\nproject_id;name\n1;x\n", "lacks cost"),
    ("PROJECTS\nproject_id;cost\n1;2;3\n", "cells under a header"),
])
def test_it_refuses_a_file_that_is_not_pabulib(text, reason):
    with pytest.raises(PabulibError, match=reason):
        read_pb(text.encode())


@pytest.mark.parametrize(("cost", "reason"), [("12.5", "whole number"), ("-3", "whole number"),
                                              ("", "missing")])
def test_it_refuses_a_cost_that_is_not_whole_units(cost, reason):
    content = read_pb(f"PROJECTS\nproject_id;cost\n1;{cost}\n".encode())
    with pytest.raises(PabulibError, match=reason):
        content.costs()


def test_it_refuses_a_vote_for_an_unknown_project():
    content = read_pb(b"PROJECTS\nproject_id;cost\n1;5\nVOTES\nvoter_id;vote\nv1;1,9\n")
    with pytest.raises(PabulibError, match="unknown project '9'"):
        content.approvals()
