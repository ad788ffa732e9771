"""The common costing model: what one learner on one course costs.

    total = direct cost
          + learner time   = hours × annual pay ÷ (weekly hours × weeks a year)
          + on-costs       = hours × Σ rate × max(0, annual pay − threshold) ÷ (weekly hours × weeks)

Pay is the band's pay point (``entry``, ``intermediate`` or ``top``) from the rates file; the
arithmetic is exact decimal and each line is rounded to the penny once, half up, so a total is
the sum of the lines it shows.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import msgspec

from careerpath.errors import CareerpathError
from careerpath.provision import Course, Rates

__all__ = ["CostLine", "annual_pay", "learner_cost", "pence"]

PENNY = Decimal("0.01")


class CostLine(msgspec.Struct, frozen=True):
    """One learner on one course, in pounds (exact to the penny), with the pay it assumed."""

    course: str
    pay_rate: str
    pay_point: str
    annual_pay: int
    hours: str
    direct: Decimal
    time: Decimal
    on_costs: Decimal
    unverified: bool = False  # the pay point or an on-cost rate is not confirmed by its publisher

    @property
    def total(self) -> Decimal:
        """Direct cost plus learner time plus on-costs."""
        return self.direct + self.time + self.on_costs


def annual_pay(rates: Rates, rate_id: str, point: str) -> tuple[str, int]:
    """The pay point used for a band: the one asked for, else the band's nearest lower point.

    Bands 2–4 have no intermediate point; asking for one uses the entry point and says so.
    """
    points = dict(rates.pay_rate(rate_id).points)
    if point in points:
        return point, points[point]
    if point == "intermediate":
        return "entry", points["entry"]
    raise CareerpathError(f"pay rate '{rate_id}' has no '{point}' point")


def learner_cost(course: Course, rates: Rates, rate_id: str, point: str) -> CostLine:
    """The cost of one learner paid at ``rate_id``/``point`` taking ``course``."""
    used, annual = annual_pay(rates, rate_id, point)
    hours = Decimal(course.hours)
    year = Decimal(rates.weekly_hours) * Decimal(rates.weeks_per_year)
    on_cost_rate = sum(
        (Decimal(o.rate) * max(Decimal(0), Decimal(annual - o.threshold)) for o in rates.on_costs),
        Decimal(0),
    )
    return CostLine(
        course=course.id,
        pay_rate=rate_id,
        pay_point=used,
        annual_pay=annual,
        hours=course.hours,
        direct=Decimal(course.cost).quantize(PENNY),
        time=(hours * annual / year).quantize(PENNY, ROUND_HALF_UP),
        on_costs=(hours * on_cost_rate / year).quantize(PENNY, ROUND_HALF_UP),
        unverified=rates.pay_rate(rate_id).unverified or any(o.unverified for o in rates.on_costs),
    )


def pence(amount: Decimal) -> int:
    """Pounds as whole pence, for the set cover's integer weights."""
    return int((amount * 100).to_integral_value(ROUND_HALF_UP))
