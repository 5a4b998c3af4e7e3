"""The demo seeds one closed round in the valley, voted by the association's members, whose
result page shows votes per project and what was funded and what skipped."""

from commoning.budgets.demo import PROJECTS, seed_budgets
from commoning.budgets.models import Project, Round


def test_the_demo_round_is_closed_and_counted(client, valley):
    seed_budgets(progress=lambda line: None)
    round_row = Round.objects.get()
    assert round_row.close_id and round_row.ballots_counted == 4  # Alice, Bob, Carol, Dave
    assert Project.objects.count() == len(PROJECTS)
    funded = Project.objects.filter(selected_rank__isnull=False)
    assert 0 < round_row.spent_minor <= round_row.budget_minor
    assert round_row.spent_minor == sum(p.cost_minor for p in funded)
    page = client.get(f"/budgets/{round_row.id}/").content.decode()
    assert "funded (1)" in page
    assert "skipped: no longer fits" in page or funded.count() + Project.objects.filter(
        votes=0).count() == len(PROJECTS)


def test_without_an_association_it_seeds_nothing(db):
    said = []
    seed_budgets(progress=said.append)
    assert not Round.objects.exists()
    assert "no association" in said[0]
