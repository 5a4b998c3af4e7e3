"""On the Sarafu-derived debt graph (strategy-pit's debt.csv: 94,223 obligations between
37,677 accounts, amounts times 1000) clearing sets off exactly the published optimum, and its
certificate checks."""

from commoning.core.clearing.certificate import check_certificate
from commoning.core.clearing.solve import clear
from commoning.core.clearing.tests.conformance import clearing_file, read_edge_list


def test_it_clears_exactly_the_optimum_of_the_sarafu_debt_graph():
    obligations = read_edge_list(clearing_file("strategy-pit/debt.csv"), scale=1000)
    clearing = clear(obligations, solver="ortools")
    assert clearing.total == 107_886_628_824
    assert clearing.cleared == 72_671_889_614
    assert check_certificate(clearing.certificate) == []
