"""Sharing an amount out by largest remainder: the shares always add up to the cent."""

from decimal import Decimal as D

import pytest

from shop.ledger.allocation import allocate


class TestAllocate:
    def test_shares_in_proportion_when_the_cents_divide_evenly(self):
        assert allocate(D("37.70"), {"book": D("26.20"), "tool": D("11.50")}) == {
            "book": D("26.20"), "tool": D("11.50")}

    def test_the_left_over_cent_goes_to_the_largest_remainder(self):
        # exact shares 2.6200..., 1.1499...: rounded down 2.62 + 1.14 = 3.76, one cent left
        assert allocate(D("3.77"), {"book": D("26.20"), "tool": D("11.50")}) == {
            "book": D("2.62"), "tool": D("1.15")}

    def test_a_cent_shared_by_three_goes_to_the_first_listed_on_a_tie(self):
        assert allocate(D("0.01"), {"a": D(1), "b": D(1), "c": D(1)}) == {
            "a": D("0.01"), "b": D("0.00"), "c": D("0.00")}

    def test_ten_dollars_over_three_equal_parts_adds_up(self):
        shares = allocate(D("10.00"), {"a": D(1), "b": D(1), "c": D(1)})
        assert sorted(shares.values()) == [D("3.33"), D("3.33"), D("3.34")]
        assert sum(shares.values()) == D("10.00")

    def test_a_key_of_no_weight_gets_nothing(self):
        assert allocate(D("5.00"), {"a": D("3"), "b": D("0")}) == {"a": D("5.00"), "b": D("0.00")}

    def test_a_negative_part_still_adds_up(self):
        """A discount kept by the cooperative weighs negative; the total still holds."""
        shares = allocate(D("9.99"), {"seller": D("12.00"), "cooperative": D("-2.00")})
        assert sum(shares.values()) == D("9.99")
        assert shares == {"seller": D("11.99"), "cooperative": D("-2.00")}

    def test_nothing_to_share_over_nothing_is_nothing(self):
        assert allocate(D("0"), {"a": D("0")}) == {"a": D("0.00")}
        assert allocate(D("0"), {}) == {}

    def test_something_to_share_over_no_weight_is_refused(self):
        with pytest.raises(ValueError, match="weights adding up to zero"):
            allocate(D("1.00"), {"a": D("0")})

    def test_many_random_splits_always_add_up_and_stay_within_a_cent(self):
        import random

        draw = random.Random(17)
        for _case in range(500):
            weights = {k: D(draw.randint(0, 50000)) / 100 for k in range(draw.randint(1, 6))}
            if not sum(weights.values()):
                continue
            total = D(draw.randint(0, 100000)) / 100
            shares = allocate(total, weights)
            assert sum(shares.values()) == total
            weight_sum = sum(weights.values())
            for key, share in shares.items():
                assert abs(share - total * weights[key] / weight_sum) < D("0.01")
