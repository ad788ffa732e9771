"""The bundled pathways: valid, sourced, connected and free of clashes."""

from __future__ import annotations

import pytest

from careerpath.frameworks import parse_band_range
from careerpath.loading.locate import bundled_data
from careerpath.loading.validate import load_catalogue
from careerpath.model import Catalogue


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(bundled_data())


def test_every_role_has_an_entry_route_and_a_source(catalogue: Catalogue) -> None:
    for role in catalogue.roles:
        assert role.entry_routes, role.id
        assert role.sources, role.id


def test_every_source_has_an_address(catalogue: Catalogue) -> None:
    for source in catalogue.sources:
        assert source.url or source.document, source.id


def test_bands_are_valid(catalogue: Catalogue) -> None:
    for role in catalogue.roles:
        for band in (role.bands.training, role.bands.qualified):
            assert band is None or parse_band_range(band), (role.id, band)


def test_every_barrier_is_sourced_and_tied_to_roles(catalogue: Catalogue) -> None:
    for barrier in catalogue.all_barriers():
        assert barrier.sources and barrier.roles, barrier.id


def test_wellbeing_practitioners_share_the_low_intensity_core(catalogue: Catalogue) -> None:
    needs = {r: {c.id for c in catalogue.role(r).competencies} for r in ("PWP", "CWP", "EMHP")}
    shared = needs["PWP"] & needs["CWP"] & needs["EMHP"]
    assert shared == {
        "common-factors-engagement",
        "li-cbt-guided-self-help",
        "values-diversity-context",
    }
