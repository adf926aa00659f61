"""The risk-band policy a build uses: ``extra.risk_bands`` in ``mkdocs.yml``, checked, or the NPSA 2008 grading.

Left out, the policy is :data:`lotus_tools.core.risk.NPSA_2008`. Written but
not usable (a bare ``risk_bands:``, a gap, an overlap, a band without a name)
it stops the build with a sentence naming ``mkdocs.yml`` and the fix, never
falling back to the default unseen.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from mkdocs.exceptions import PluginError

from lotus_tools.core.risk import NPSA_2008, BandPolicy, RiskError

BAND_EXAMPLE = "- {name: high risk, colour: Amber, min: 8, max: 12, guidance: optional text}"
DEFAULT = "remove extra.risk_bands to use the NPSA 2008 grading."


def risk_policy(extra: Mapping[str, Any]) -> BandPolicy:
    """The policy ``mkdocs.yml``'s ``extra`` sets, or NPSA 2008 where it sets none; a PluginError in words."""
    if "risk_bands" not in extra:
        return NPSA_2008
    if extra["risk_bands"] is None:
        raise PluginError(
            "mkdocs.yml, extra.risk_bands: it is there but empty. List the bands under it, one a line, each "
            f"written like {BAND_EXAMPLE}; or {DEFAULT}"
        )
    try:
        return BandPolicy.from_config(extra["risk_bands"])
    except RiskError as error:
        raise PluginError(
            f"mkdocs.yml, extra.risk_bands: {error.message} Each band is written like {BAND_EXAMPLE}; {DEFAULT}"
        ) from None
