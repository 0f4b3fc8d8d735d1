"""`errors.date_hint`: a date written otherwise gets the date as it should be written, as a number gets
its number (`number_hint`); a date that could be read two ways gets both, and one that does not exist
gets the reason.
"""

from __future__ import annotations

import pytest

from site_builder.errors import date_hint
from site_builder.formats.model import check_full_date, check_partial_date


@pytest.mark.parametrize(
    "written, hint",
    [
        ("2023-3-1", "write it as 2023-03-01"),
        ("2023-3", "write it as 2023-03"),
        ("2023/03/01", "write it as 2023-03-01"),
        ("2023.3.1", "write it as 2023-03-01"),
        ("2008-02-17T00:00:00", "write it as 2008-02-17"),
        ("17.02.2008", "write it as 2008-02-17"),
        ("17/02/2008", "write it as 2008-02-17"),
        ("02/17/2008", "write it as 2008-02-17"),  # the month first: the only reading
        ("03.04.2008", "write it as 2008-04-03"),  # dotted: the day first
        ("03/04/2008", "write it as 2008-04-03 (if the day comes first) or 2008-03-04 (if the month does)"),
        ("04/04/2008", "write it as 2008-04-04"),
        ("02.2008", "write it as 2008-02"),
        ("17 February 2008", "write it as 2008-02-17"),
        ("17th Feb. 2008", "write it as 2008-02-17"),
        ("February 17, 2008", "write it as 2008-02-17"),
        ("Feb 2008", "write it as 2008-02"),
        ("2023-13-02", "write it as 2023-02-13"),  # day and month swapped
        ("2023-02-30", "check the day: 2023-02 has 28 days"),
        ("2008-02-30", "check the day: 2008-02 has 29 days"),
        ("2023-13-13", "check the month: it goes from 01 to 12"),
        ("2023-00-05", "check the month: it goes from 01 to 12"),
        ("0000-01-01", "check the year"),
        ("banana", "write dates as 2008-02-17, 2008-02 or 2008"),
        ("17 Brumaire 2008", "write dates as 2008-02-17, 2008-02 or 2008"),
        ("17.02.08", "write dates as 2008-02-17, 2008-02 or 2008"),  # which century: never guessed
    ],
)
def test_a_date_written_otherwise_gets_its_correction(written, hint):
    assert date_hint(written) == hint


@pytest.mark.parametrize(
    "written, hint",
    [
        ("2026-11", "write the day too: 2026-11-DD, as in 2026-11-28"),
        ("2026", "write the day too: 2026-MM-DD, as in 2026-11-28"),
        ("28 November 2026", "write it as 2026-11-28"),
        ("Nov 2026", "write the day too: 2026-11-DD, as in 2026-11-28"),  # never a made-up day
        ("banana", "write dates as YYYY-MM-DD, as in 2026-11-28"),
    ],
)
def test_a_key_that_needs_the_day_is_never_given_one_invented(written, hint):
    assert date_hint(written, full=True) == hint


@pytest.mark.parametrize(
    "check, written, hint",
    [
        (check_partial_date, "2023-3-1", "write it as 2023-03-01"),
        (check_partial_date, "2023-02-29", "check the day: 2023-02 has 28 days"),
        (check_full_date, "2026-11-8", "write it as 2026-11-08"),
        (check_full_date, "2026-11", "write the day too: 2026-11-DD, as in 2026-11-28"),
    ],
)
def test_the_date_checks_give_the_hint(check, written, hint):
    with pytest.raises(Exception) as caught:
        check(written)
    assert caught.value.context["hint"] == hint
