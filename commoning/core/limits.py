"""Every bound on input from outside, in one place (architecture, section 11, "Bounded input").

A node takes bytes from peers, bundles, files and browsers it does not control. Each limit here
is what one honest sender never needs to exceed; anything past it is refused with a 4xx (or a
refused bundle) and changes nothing but what was valid before the limit. The numbers are read
from here everywhere else: the web server, the sync endpoints, the peer client, bundle import
and `log import`.
"""

KIB = 1024
MIB = 1024 * KIB

# -- one item -----------------------------------------------------------------------------------
MAX_PAYLOAD_BYTES = 64 * KIB  # architecture, section 4
# An envelope holds the payload as a JSON string: escaping can at most double it, plus up to 16
# signatures. A fork proof holds two envelopes.
MAX_ENTRY_LINE_BYTES = 2 * (2 * MAX_PAYLOAD_BYTES + 8 * KIB) + 64
# The largest detached body a member can attach (an evidence file), and its line: base64url
# makes it 4/3 as long.
MAX_ATTACHMENT_BYTES = 5 * MIB
MAX_ATTACHMENT_LINE_BYTES = MAX_ATTACHMENT_BYTES * 4 // 3 + 4 * KIB

# -- one request or file -------------------------------------------------------------------------
# The request body as it arrives (compressed or not): the web server refuses more with 413
# before any view runs.
MAX_REQUEST_BODY_BYTES = 64 * MIB
# A push body after decompression. Senders page pulls and pushes well below it (PAGE_BYTES:
# a page ends once that much went out, plus at most a few bodies and a flush of entries).
MAX_PUSH_BODY_BYTES = 256 * MIB
PAGE_BYTES = 32 * MIB
# A signed frontier (one line per author it knows): a pull's request body, decompressed.
MAX_FRONTIER_BYTES = 8 * MIB
# A pull answer after decompression: one page of entries with their attachments.
MAX_PULL_ANSWER_BYTES = 512 * MIB
# A bundle after decompression. Bundles carry whole histories, so this is generous; it bounds
# the time and disk spent on one file, not memory (a bundle is streamed, never held whole).
MAX_BUNDLE_BYTES = 4 * 1024 * MIB
# A `log import` line (one envelope).
MAX_IMPORT_LINE_BYTES = MAX_ENTRY_LINE_BYTES
# Invalid lines are counted, and only the first few kept with their reasons (for people).
KEPT_INVALID_REASONS = 20
# A stream holding more invalid lines than this is cut off: nothing honest sends them.
MAX_INVALID_LINES = 1000
# Entries and attachment bodies taken into memory before they are handed to the log.
RECEIVE_BATCH_ENTRIES = 1000
RECEIVE_BATCH_BYTES = 16 * MIB

# -- time -------------------------------------------------------------------------------------
# A push's whole body must arrive within this, however slowly it drips.
PUSH_BODY_SECONDS = 120
# The peer client: connect, then between any two reads; and a whole pull or push answer.
PEER_CONNECT_SECONDS = 10
PEER_READ_SECONDS = 30
PEER_ANSWER_SECONDS = 300
# waitress (each worker process): a connection idle this long is closed; a request or answer
# that stalls waits at most this long for the other side.
SERVER_CHANNEL_TIMEOUT_SECONDS = 30
SERVER_THREADS = 8
# Open connections at once: more than the threads, since a slow body holds a connection only.
SERVER_CONNECTION_LIMIT = 500
# `serve --workers N`: each worker holds the bounds above, so N multiplies what the node holds
# at most (threads, connections, memory); more workers than this is a typing mistake.
SERVER_MAX_WORKERS = 64

# -- rate -------------------------------------------------------------------------------------
# Pushes per peer node key: a burst, refilled per minute (a token bucket in the database).
# A push carries up to 1,000 entries, so this allows some 100,000 entries a minute.
PUSH_BURST = 60
PUSH_PER_MINUTE = 120

# Contributions one batch request may record (POST /api/work/commons/{id}/contributions/batch):
# all in one action, so one batch holds the log's write lock for all of them.
CONTRIBUTIONS_PER_BATCH = 100

# -- decisions (commoning.core.voting, commoning.core.budgeting) ------------------------------
# A decision file re-tallied anywhere: bounded so a hostile file costs seconds, not hours.
# Schulze's strongest paths cost options**3, so options are capped well below that pain.
MAX_DECISION_FILE_BYTES = 64 * MIB
MAX_DECISION_BALLOTS = 1_000_000
MAX_DECISION_OPTIONS = 100
MAX_DECISION_ID_CHARS = 200  # an option id or a voter id
MAX_DECISION_REASON_CHARS = 10_000  # the reason given with an objection
MAX_SCORE = 1_000_000  # score_max: sums stay exact integers far below 2**53
MAX_THRESHOLD_DENOMINATOR = 1_000_000
# A Pabulib file: real city-wide elections run to tens of megabytes.
MAX_PABULIB_FILE_BYTES = 256 * MIB
MAX_PABULIB_PROJECTS = 100_000

# -- clearing (commoning.core.clearing) ------------------------------------------------------------
# An obligations CSV (`commoning credit clear`): its bytes, its rows and the length of a field.
# A million obligations of a busy network fit in some 60 MB; the solver's time and memory grow
# with the rows, so the row bound is what bounds them.
MAX_CLEARING_CSV_BYTES = 256 * MIB
MAX_CLEARING_OBLIGATIONS = 2_000_000
MAX_CLEARING_FIELD_CHARS = 200
# One obligation's amount in minor units, and the sum of all of them: both solvers count flow
# in signed 64-bit integers, so the sum must stay below 2**63 with room to spare.
MAX_CLEARING_AMOUNT = 10**15
MAX_CLEARING_TOTAL = 10**18
