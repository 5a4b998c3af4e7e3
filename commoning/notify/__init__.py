"""Notifications: what a member of this node should know about (their work judged, a claim about
to end, a mention, a reply), merged from sources other apps register, with read marks kept on
this node and email when the node has it."""
