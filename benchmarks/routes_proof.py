"""How often `route` can prove its answer on the bundled data, and what it costs.

Every qualification × every role (three routes asked, as `route` does): how many answers
are proven best (``Route.proven``), how many lists are complete (``Route.complete``), and
the CPU time for all of them. A route is marked proven only when the search over looser
routes finished, or stopped with a lower bound no better than the route (see
``_checked_search``); this counts where it could not say so. Run with
``python benchmarks/routes_proof.py``; ``--loose N`` tries another state budget for that
check (``LOOSE_STATES``), to see what a bigger one would settle and cost.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter

from careerpath.analysis import routes
from careerpath.errors import CareerpathError
from careerpath.loading.locate import bundled_data
from careerpath.loading.validate import load_catalogue


def main() -> None:
    """Print the counts, the roles most often left unproven, and the CPU time."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loose", type=int, default=routes.LOOSE_STATES)
    args = parser.parse_args()
    routes.LOOSE_STATES = args.loose
    catalogue = load_catalogue(bundled_data())
    asked = unproven = incomplete = 0
    goals: Counter[str] = Counter()
    began = time.process_time()
    for start in catalogue.qualifications:
        for goal in catalogue.roles:
            try:
                found = routes.find_routes(catalogue, start, goal)
            except CareerpathError:
                continue
            asked += 1
            if not found[0].proven:
                unproven += 1
                goals[goal.id] += 1
            incomplete += not all(r.complete for r in found)
    spent = time.process_time() - began
    print(f"route, every qualification to every role (LOOSE_STATES={args.loose}):")
    print(f"  {asked} questions answered, CPU {spent:.1f} s")
    print(f"  first route not proven best: {unproven}")
    print(f"  list not complete:           {incomplete}")
    print(
        "  goals most often not proven: " + ", ".join(f"{g} {n}" for g, n in goals.most_common(6))
    )


if __name__ == "__main__":
    main()
