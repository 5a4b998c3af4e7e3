"""Proposals in the search box (search registry): found by their question and options.

The triggers that queue a proposal for indexing are installed by this app's migration
0002_search_triggers (search/triggers.py), on the proposal table's question.
"""

from django.utils.translation import gettext_lazy as _

from commoning.decisions.models import Proposal
from commoning.search.kinds import link_to, named_by
from commoning.search.registry import Document, SearchKind, register_kind
from commoning.search.triggers import Watch

WATCHES = [Watch("decisions_proposal", "proposal", "id", ("question",))]


def proposal_documents(ids):
    rows = Proposal.objects.filter(id__in=ids).values_list(
        "id", "net", "question", "options", "proposer_id", "created_ts")
    return [Document(net, object_id, question, "\n".join(options), created_ts,
                     member_id=proposer_id)
            for object_id, net, question, options, proposer_id, created_ts in rows]


register_kind(SearchKind(
    "proposal", lambda: _("Proposal"), lambda: _("Proposals"), proposal_documents,
    named_by({}), link_to("decision")))
