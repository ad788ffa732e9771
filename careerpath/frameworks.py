"""National frameworks that role values are checked against.

These are fixed national structures, not data an organisation edits, so they live in code.
Each carries the source it was read from (see ``shared/reference/roles-facts.md`` §26–27).
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "AFC_BANDS",
    "CAREER_FRAMEWORK_LEVELS",
    "COMPETENCY_LEVELS",
    "FRAMEWORK_SOURCES",
    "RQF_LEVELS",
    "band_rank",
    "parse_band_range",
]

#: Skills for Health Career Framework levels, 1–9, with their names.
CAREER_FRAMEWORK_LEVELS: Final[dict[int, str]] = {
    1: "Initial entry level jobs",
    2: "Support workers",
    3: "Senior healthcare assistants/technicians",
    4: "Assistant/associate practitioners",
    5: "Practitioners",
    6: "Senior/specialist practitioners",
    7: "Advanced practitioners",
    8: "Consultant practitioners",
    9: "More senior staff",
}

#: Agenda for Change pay bands in pay order (band 8 is split into 8a–8d).
AFC_BANDS: Final[tuple[str, ...]] = ("1", "2", "3", "4", "5", "6", "7", "8a", "8b", "8c", "8d", "9")

#: RQF/FHEQ qualification levels in England, with typical awards.
RQF_LEVELS: Final[dict[int, str]] = {
    1: "GCSE grades 3-1",
    2: "GCSE grades 9-4, intermediate apprenticeship",
    3: "A level, T Level, Access to HE, advanced apprenticeship",
    4: "CertHE, HNC, higher apprenticeship",
    5: "DipHE, foundation degree, HND",
    6: "Bachelor's degree, degree apprenticeship",
    7: "Master's degree, PG Cert, PG Dip",
    8: "Doctorate",
}

#: How deeply a role needs a competency, weakest first; the rank is the index + 1.
COMPETENCY_LEVELS: Final[tuple[str, ...]] = (
    "awareness",
    "foundation",
    "practitioner",
    "advanced",
    "expert",
)

FRAMEWORK_SOURCES: Final[dict[str, str]] = {
    "career_framework": "http://www.skillsforhealth.org.uk/workforce-transformation/customised-career-frameworks-services/",
    "agenda_for_change": "https://www.nhsemployers.org/topics/pay-pensions-and-reward/agenda-change",
    "rqf": "https://netnewstoday.com/article/what-qualification-levels-mean/3736",
}


def band_rank(band: str) -> int:
    """Position of an Agenda for Change band in pay order (band "1" is 0).

    >>> band_rank("8a") < band_rank("8b") < band_rank("9")
    True
    """
    return AFC_BANDS.index(band)


def parse_band_range(text: str) -> tuple[str, str] | None:
    """Split a band or band range ("5", "8a-8b", "6/7") into its lowest and highest band.

    Returns None when either end is not an Agenda for Change band, so the caller can
    report the value as outside the framework.

    >>> parse_band_range("8a-8c")
    ('8a', '8c')
    >>> parse_band_range("6/7/8a")
    ('6', '8a')
    >>> parse_band_range("11") is None
    True
    """
    parts = [p.strip().lower() for p in text.replace("–", "-").replace("/", "-").split("-")]
    if not parts or any(p not in AFC_BANDS for p in parts):
        return None
    ranks = sorted(band_rank(p) for p in parts)
    return AFC_BANDS[ranks[0]], AFC_BANDS[ranks[-1]]
