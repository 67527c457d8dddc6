"""The cross-row check helpers on hand-made inputs."""

from __future__ import annotations

import pytest

from coprod_data.checks import parse_printed, round_half_up, rounding_slack


@pytest.mark.parametrize(
    ("token", "kind", "expected"),
    [
        ("0.56999999999999995", "chart", 57),
        ("0.750000000000001", "chart", 75),
        ("0.5", "chart", 50),
        ("0.8", "chart", 80),
        ("77%", "text", 77),
        ("154", "text", 154),
        ("Seven", "text", 7),
        ("two", "text", 2),
        ("More than 50", "text", 50),
        ("0\u201319", "text", 19),
    ],
)
def test_parse_printed_reads_each_kind_of_token(token, kind, expected):
    assert parse_printed(token, kind) == expected


@pytest.mark.parametrize(("token", "kind"), [("fifty", "text"), ("57%", "chart"), ("", "text")])
def test_parse_printed_returns_none_when_it_cannot_read(token, kind):
    assert parse_printed(token, kind) is None


def test_round_half_up_rounds_halves_up_and_survives_float_noise():
    assert [round_half_up(x) for x in (0.5, 1.5, 2.5, 2.4999, 56.99999999999999)] == [1, 2, 3, 2, 57]


@pytest.mark.parametrize(("n", "slack"), [(1, 0), (2, 1), (3, 1), (6, 3), (7, 3), (8, 4)])
def test_rounding_slack_is_floor_of_half_the_item_count(n, slack):
    assert rounding_slack(n) == slack


def test_slack_is_attained_so_it_is_not_too_loose():
    # 6 items of 100/6 = 16.67 each round to 17: the sum 102 misses 100 by 2 <= 3;
    # 7 items at 14.5, 14.5, ... the worst case reaches the bound: 3 of 7
    assert sum(round_half_up(100 / 6) for _ in range(6)) == 102
    shares = [14.5] * 6 + [13.0]
    assert sum(shares) == 100
    assert sum(round_half_up(s) for s in shares) - 100 == rounding_slack(7)
