"""The parameters of mutual credit's rules, in one place (read by events, actions and pages)."""

NAME_MAX = 80
SYMBOL_MAX = 8
EXPONENT_MAX = 4  # decimal places a currency may have
MEMO_MAX = 200
SEEN_MAX = 200  # outcomes one entry may name in `seen`
LIMIT_MAX_MINOR = 10**13  # the largest credit limit or ceiling a currency may set
AMOUNT_MAX_MINOR = 10**13  # the largest single transfer
EXPIRY_DAYS = 30  # a transfer not accepted within this many days may be expired
DAY_MS = 86_400_000
