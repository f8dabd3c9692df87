"""Sharing an amount out to the cent by largest remainder.

``allocate`` is pure: no database, no settings. Each key first gets its exact
share rounded down to the cent; the cents left over go one each to the keys
with the largest remainders (ties to the key listed first), so the shares
always add up to the total exactly.
"""

from decimal import ROUND_FLOOR, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def allocate(total: Decimal, weights: dict) -> dict:
    """``total`` shared out over ``weights``' keys in proportion to their weights.

    The shares are in cents and add up to ``total`` (itself in cents). Raises
    ``ValueError`` when there is something to share and the weights add up
    to nothing.
    """
    total = Decimal(total).quantize(CENT)
    weight_sum = sum(weights.values(), Decimal(0))
    if not weights or weight_sum == 0:
        if total != 0:
            raise ValueError(f"Cannot share out {total} over weights adding up to zero.")
        return {key: ZERO for key in weights}
    exact = {key: total * Decimal(weight) / weight_sum for key, weight in weights.items()}
    shares = {key: amount.quantize(CENT, rounding=ROUND_FLOOR) for key, amount in exact.items()}
    left_over = int((total - sum(shares.values(), ZERO)) / CENT)
    by_remainder = sorted(weights, key=lambda key: exact[key] - shares[key], reverse=True)
    for key in by_remainder[:left_over]:
        shares[key] += CENT
    return shares
