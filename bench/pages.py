"""How long the busiest pages take to render on the demo conference (SQLite, test client).

Prints the median and slowest of repeated GETs for each page, so a change that makes a page
slow (an N+1 query, work repeated per item) shows up as a figure, never as a test failure.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

# The project root first: bench/compositing.py must not shadow the compositing package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from motions import create_app  # noqa: E402
from motions.extensions import db  # noqa: E402
from motions.models import Heading  # noqa: E402

RUNS = 15


def timed(client, url: str) -> tuple[float, float]:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times), max(times)


def log_in(client, email: str) -> None:
    client.post("/login", data={"email": email, "password": "lla-demo-2020"})


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{Path(folder) / 'b.sqlite3'}",
                          "WTF_CSRF_ENABLED": False, "SECRET_KEY": "bench"})
        with app.app_context():
            db.create_all()
            from motions.demo.loader import load_demo

            load_demo()
            db.session.commit()
            constitution = db.session.execute(
                db.select(Heading).filter_by(position=3)).scalar_one()
            heading_id = constitution.id
            motion_b = constitution.motions[1].id
        delegate, chair = app.test_client(), app.test_client()
        log_in(delegate, "delegate@example.org")
        log_in(chair, "chair@example.org")
        chair.post(f"/voting/headings/{heading_id}/start")
        for _ in range(6):  # declare the first items so the console replays a real history
            version = chair.get(f"/voting/headings/{heading_id}/version").get_json()["version"]
            chair.post(f"/voting/headings/{heading_id}/count",
                       data={"version": version, "for": "40", "against": "20", "A": "10",
                             "B": "30", "C": "5", "Neither": "3"})
            chair.post(f"/voting/headings/{heading_id}/declare", data={"version": version + 1})
        replayed = chair.get(f"/voting/headings/{heading_id}/version").get_json()["version"]
        pages = {
            "agenda": (delegate, "/"),
            "constitution heading (5 drafts)": (delegate, f"/headings/{heading_id}"),
            "motion B with 2 amendments' effects": (delegate, f"/submissions/{motion_b}"),
            "composite order paper": (delegate, "/composites/1"),
            f"chair's console ({replayed} inputs replayed)": (chair,
                                                             f"/voting/headings/{heading_id}"),
            "projector screen": (delegate, f"/voting/headings/{heading_id}/screen"),
            "live version poll": (delegate, f"/voting/headings/{heading_id}/version"),
        }
        print(f"page render times on the demo conference, {RUNS} GETs each (ms)")
        for name, (client, url) in pages.items():
            median, slowest = timed(client, url)
            print(f"  {name:40} median {median:7.1f}   slowest {slowest:7.1f}")


if __name__ == "__main__":
    main()
