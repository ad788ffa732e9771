"""``list`` filters (analysis/listing.py) against a brute-force oracle on small catalogues."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from careerpath.analysis.listing import filter_roles
from careerpath.errors import CareerpathError
from careerpath.model import Bands, Catalogue, Family, Role

FAMILIES = (Family("mh", "Mental health"), Family("ahp", "Allied health"))
BANDS = ("2", "3", "4", "5", "6", "7", "8a")


@st.composite
def catalogues(draw: st.DrawFn) -> Catalogue:
    roles = []
    for i in range(draw(st.integers(0, 6))):
        low = draw(st.sampled_from(BANDS[:-1]))
        high = draw(st.sampled_from([b for b in BANDS if BANDS.index(b) >= BANDS.index(low)]))
        roles.append(
            Role(
                f"R{i}",
                draw(st.sampled_from(["Nurse", "nurse lead", "Therapist", "Worker"])) + f" {i}",
                draw(st.sampled_from([f.id for f in FAMILIES])),
                summary=draw(st.sampled_from(["", "works in schools", "Community"])),
                aliases=tuple(draw(st.lists(st.sampled_from(["CBT", "school nurse"]), max_size=2))),
                career_framework_level=draw(st.none() | st.integers(2, 8)),
                bands=Bands(qualified=low if low == high else f"{low}-{high}"),
            )
        )
    return Catalogue(roles=tuple(roles), families=FAMILIES)


@settings(deadline=None)  # timing is make bench's job, not a test's
@given(
    catalogues(),
    st.none() | st.sampled_from(["mh", "Allied health"]),
    st.none() | st.integers(2, 8),
    st.none() | st.sampled_from(BANDS),
    st.none() | st.sampled_from(["nurse", "SCHOOL", "cbt", "R1"]),
)
def test_filters_match_brute_force(catalogue, family, level, band, search) -> None:
    got = filter_roles(catalogue, family=family, level=level, band=band, search=search)
    family_id = {"mh": "mh", "Allied health": "ahp"}.get(family or "")
    expected = [
        r
        for r in catalogue.roles
        if (family_id is None or r.family == family_id)
        and (level is None or r.career_framework_level == level)
        and (band is None or band in r.bands.values())
        and (
            search is None
            or search.lower() in " | ".join((r.id, r.title, r.summary, *r.aliases)).lower()
        )
    ]
    assert sorted(got, key=lambda r: r.id) == sorted(expected, key=lambda r: r.id)
    # Families by title; within one, a career ladder: lowest level first, no level last.
    titles = {f.id: f.title for f in FAMILIES}
    order = [
        (titles[r.family], r.career_framework_level is None, r.career_framework_level or 0)
        for r in got
    ]
    assert order == sorted(order)


def test_a_band_that_is_not_agenda_for_change_is_an_error_with_a_hint() -> None:
    catalogue = Catalogue(roles=(Role("A", "A", "mh", bands=Bands(qualified="5")),))
    with pytest.raises(CareerpathError, match="band '8z' is not an Agenda for Change band"):
        filter_roles(catalogue, band="8z")
    assert [r.id for r in filter_roles(catalogue, band=" 5 ")] == ["A"]
