"""SPDX licence identifiers: validated against the SPDX License List shipped by `packaging`.

`packaging` (the PyPA library behind pip) carries the official list for PEP 639 and a parser for
licence expressions, so "MIT OR Apache-2.0" and "GPL-3.0-or-later WITH GCC-exception-3.1" work.
"""

from functools import lru_cache

from packaging.licenses import InvalidLicenseExpression, canonicalize_license_expression

COMMONS_LICENCE_SUGGESTIONS = (
    "CC-BY-SA-4.0",
    "CC-BY-4.0",
    "CC0-1.0",
    "CERN-OHL-S-2.0",
    "CERN-OHL-W-2.0",
    "GPL-3.0-or-later",
    "AGPL-3.0-or-later",
    "MIT",
    "Apache-2.0",
    "ODbL-1.0",
)


class LicenceError(ValueError):
    """Not a valid SPDX licence expression."""


@lru_cache(maxsize=4096)
def canonical_licence(expression: str) -> str:
    """Return the SPDX-canonical spelling of a licence expression, or raise LicenceError."""
    if not isinstance(expression, str) or not expression.strip():
        raise LicenceError("licence: give an SPDX identifier such as CC-BY-SA-4.0")
    if len(expression) > 200:
        raise LicenceError("licence: expression is too long (200 characters at most)")
    try:
        return canonicalize_license_expression(expression.strip())
    except InvalidLicenseExpression as error:
        raise LicenceError(
            f"licence: {expression.strip()!r} is not an SPDX licence identifier or expression"
        ) from error
