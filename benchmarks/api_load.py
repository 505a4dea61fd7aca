"""API under load: N concurrent clients for S seconds on loopback against `rapport serve` on
the 250-client demo (embedded engine), over a mix of warm intros, search and ask (search
and ask join the mix when the app serves them: issues 5 and 6), plus record reads.

Prints throughput, p50/p95 per route and the error count; the baseline measured in the same
run is GET /health under the same concurrency (the server's own floor), and each route's
p95 is also given as a ratio to it. Target: zero errors, p95 <= 300 ms for intros and search.
`--workers N` runs `rapport serve --workers N` (default 2: each worker has its own
SO_REUSEPORT socket, so the 20 keep-alive connections spread over both). Figures measured
on the 2-core machine, build by build: docs/api.md, Serving.

    python benchmarks/api_load.py                         # 20 clients, 60 s, demo in a temp dir
    python benchmarks/api_load.py --data-dir /tmp/demo --clients 20 --seconds 60
    python benchmarks/api_load.py --data-dir /tmp/demo --client httpx  # heavier clients
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

RAPPORT = str(Path(sys.executable).with_name("rapport"))
# Searches vary as people's do: a role, a place, a sector, in two- and three-word mixes
# (about 1,400 distinct queries), so the query-vector cache helps only with real repeats.
ROLES = ["cfo", "ceo", "cto", "vp sales", "director", "head of procurement", "founder",
         "partner", "investor", "broker", "head of real estate", "operations manager"]
PLACES = ["lisbon", "porto", "madrid", "barcelona", "london", "paris", "berlin", "dublin",
          "amsterdam", "milan"]
SECTORS = ["fintech", "logistics", "healthcare", "retail", "real estate", "saas",
           "manufacturing", "energy", "insurance", "hospitality"]
SEARCH_TERMS = ([f"{r} {p}" for r in ROLES for p in PLACES]
                + [f"{r} {s}" for r in ROLES for s in SECTORS]
                + [f"{r} {s} {p}" for r in ROLES for s in SECTORS for p in PLACES])
QUESTIONS = ["Who at Aurora Systems do we know?", "Which deals are stuck in proposal?"]


def _env(data_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RAPPORT_", "NEO4J_"))}
    env.update(RAPPORT_DATA_DIR=str(data_dir / "data"), RAPPORT_API_RATE_PER_MINUTE="1e9",
               RAPPORT_API_AGENT_RATE_PER_MINUTE="1e9", RAPPORT_API_BURST="10000",
               RAPPORT_API_JSON_LOGS="false")
    return env


def _rapport(env: dict[str, str], *args: str) -> str:
    done = subprocess.run([RAPPORT, *args], env=env, capture_output=True, text=True,
                          check=True, timeout=1800)
    return done.stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(base: str, workers: int = 1, seconds: float = 300) -> None:
    """Until /ready says so, several times in a row (each worker answers for itself): graph,
    PostgreSQL and the encoder (loaded on a thread at start; measuring before it is there
    would time torch's import, not the routes)."""
    deadline, in_a_row = time.monotonic() + seconds, 0
    while time.monotonic() < deadline and in_a_row < 4 * workers:
        try:
            ready = httpx.get(f"{base}/ready", timeout=5).status_code == 200
        except httpx.HTTPError:
            ready = False
        in_a_row = in_a_row + 1 if ready else 0
        time.sleep(0.05 if ready else 0.5)
    if in_a_row >= 4 * workers:
        return
    raise SystemExit("rapport serve did not become ready")


def _first_calls(base: str, token: str, mix: dict[str, float],
                 targets: dict[str, list[str]], workers: int) -> None:
    """The first calls of each route before the clock starts, timed and printed: the first
    ask in a worker builds the planner's entity indexes, a start-up cost, not a
    steady-state one. Each of several connections reaches some worker."""
    rng = random.Random(0)
    for route in mix:
        firsts = []
        for _ in range(3 * workers):
            with httpx.Client(base_url=base, timeout=120,
                              headers={"Authorization": f"Bearer {token}"}) as http:
                method, path, kwargs = _request(route, targets, rng)
                started = time.perf_counter()
                status = http.request(method, path, **kwargs).status_code
                firsts.append((time.perf_counter() - started) * 1000)
                if status >= 500:
                    raise SystemExit(f"{route}: status {status} before the run")
        print(f"first {route} calls: " + ", ".join(f"{ms:,.0f}" for ms in firsts) + " ms")


def _targets(base: str, token: str) -> dict[str, list[str]]:
    auth = {"Authorization": f"Bearer {token}"}
    members = httpx.get(f"{base}/v1/members", params={"limit": 200}, headers=auth,
                        timeout=60).json()["items"]
    contacts = httpx.get(f"{base}/v1/contacts", params={"limit": 200}, headers=auth,
                         timeout=60).json()["items"]
    paths = set(httpx.get(f"{base}/openapi.json", timeout=30).json()["paths"])
    return {"members": [m["id"] for m in members], "contacts": [c["id"] for c in contacts],
            "routes": sorted(paths)}


def _request(route: str, targets: dict[str, list[str]], rng: random.Random
             ) -> tuple[str, str, dict[str, Any]]:
    if route == "intros":
        return "POST", "/v1/intros", {"json": {"to": rng.choice(targets["contacts"]),
                                               "from_member": rng.choice(targets["members"])}}
    if route == "search":
        return "GET", "/v1/search", {"params": {"q": rng.choice(SEARCH_TERMS)}}
    if route == "ask":
        return "POST", "/v1/ask", {"json": {"question": rng.choice(QUESTIONS)}}
    if route == "get_contact":
        return "GET", f"/v1/contacts/{rng.choice(targets['contacts'])}", {}
    return "GET", "/health", {}


class _Connection:
    """One keep-alive HTTP/1.1 connection on asyncio streams. The load runs on the machine
    it measures: httpx spends about 2 ms of CPU per request, which on 2 cores is taken from
    the server under test (and, with 20 clients on one event loop, added to the latencies
    it records); this spends a tenth of that. `--client httpx` measures with httpx."""

    def __init__(self, base: str, token: str) -> None:
        url = httpx.URL(base)
        self.host, self.port = url.host, url.port or 80
        self.head = f"Host: {self.host}:{self.port}\r\nAuthorization: Bearer {token}\r\n"
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def request(self, method: str, path: str, params: dict[str, str] | None = None,
                      json_body: Any = None) -> tuple[int, bytes]:
        if params:
            path = f"{path}?{urlencode(params)}"
        body = json.dumps(json_body).encode() if json_body is not None else b""
        kind = "Content-Type: application/json\r\n" if body else ""
        message = (f"{method} {path} HTTP/1.1\r\n{self.head}{kind}"
                   f"Content-Length: {len(body)}\r\n\r\n").encode() + body
        if self.streams is None:
            self.streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.streams
        writer.write(message)
        status_line = await reader.readline()
        if not status_line:  # before reading headers that will never come
            raise ConnectionError("the server closed the connection")
        headers = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").lower()
        length = next((int(h.split(":", 1)[1]) for h in headers.split("\r\n")
                       if h.startswith("content-length:")), None)
        if length is None:  # chunked: only the JSON routes are called, so not expected
            raise ConnectionError(f"no Content-Length in the response to {method} {path}")
        content = await reader.readexactly(length)
        if "connection: close" in headers:
            writer.close()
            self.streams = None
        return int(status_line.split()[1]), content

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()


async def _send(http: httpx.AsyncClient | _Connection, method: str, path: str,
                kwargs: dict[str, Any]) -> tuple[int, bytes]:
    if isinstance(http, _Connection):
        return await http.request(method, path, kwargs.get("params"), kwargs.get("json"))
    response = await http.request(method, path, **kwargs)
    return response.status_code, response.content


async def _run(base: str, token: str, mix: dict[str, float], targets: dict[str, list[str]],
               clients: int, seconds: float, lean: bool = True
               ) -> tuple[dict[str, list[float]], dict[str, int]]:
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    deadline = time.monotonic() + seconds
    routes, weights = list(mix), list(mix.values())

    async def client(seed: int) -> None:
        rng = random.Random(seed)
        http = _Connection(base, token) if lean else httpx.AsyncClient(
            base_url=base, timeout=30, headers={"Authorization": f"Bearer {token}"})
        try:
            while time.monotonic() < deadline:
                route = rng.choices(routes, weights)[0]
                method, path, kwargs = _request(route, targets, rng)
                started = time.perf_counter()
                try:
                    status, content = await asyncio.wait_for(_send(http, method, path, kwargs),
                                                             timeout=30)
                    ok = status < 400 or (route == "get_contact" and status == 404)
                    why = f"{status} {content[:200]!r}"
                except (httpx.HTTPError, OSError, TimeoutError,
                        asyncio.IncompleteReadError) as e:
                    ok, why = False, f"{type(e).__name__}: {e}"
                    if isinstance(http, _Connection):
                        http.close()
                        http = _Connection(base, token)
                latencies[route].append((time.perf_counter() - started) * 1000)
                errors[route] += 0 if ok else 1
                if not ok and errors[route] <= 3:  # say what failed, not only how often
                    print(f"error on {route} {method} {path}: {why}", flush=True)
        finally:
            await http.aclose() if isinstance(http, httpx.AsyncClient) else http.close()

    cpu = time.process_time()
    await asyncio.gather(*(client(i) for i in range(clients)))
    cpu = time.process_time() - cpu
    print(f"the load's own CPU: {cpu:.1f} s in {seconds:.0f} s ({cpu / seconds:.0%} of a core)")
    return latencies, errors


def _pct(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def _report(title: str, latencies: dict[str, list[float]], errors: dict[str, int],
            seconds: float, floor_p95: float | None) -> None:
    total = sum(len(v) for v in latencies.values())
    print(f"\n{title}: {total:,} requests in {seconds:.0f} s = {total / seconds:.1f} req/s, "
          f"errors {sum(errors.values())}")
    print(f"{'route':<14}{'n':>8}{'p50 ms':>10}{'p95 ms':>10}{'errors':>8}"
          + ("   p95 / health p95" if floor_p95 else ""))
    for route, values in sorted(latencies.items()):
        p95 = _pct(values, 95)
        ratio = f"{p95 / floor_p95:>10.1f}x" if floor_p95 else ""
        print(f"{route:<14}{len(values):>8}{_pct(values, 50):>10.1f}{p95:>10.1f}"
              f"{errors[route]:>8}{ratio}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--baseline-seconds", type=float, default=10)
    parser.add_argument("--workers", type=int, default=2, help="rapport serve --workers")
    parser.add_argument("--data-dir", type=Path, default=None)
    parser.add_argument("--client", choices=("lean", "httpx"), default="lean",
                        help="the load's HTTP client (lean: asyncio streams, little CPU)")
    args = parser.parse_args()
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="rapport-api-load-"))
    env = _env(data_dir)
    print(f"seeding the demo in {data_dir} (if empty) ...", flush=True)
    _rapport(env, "demo", "--if-empty")
    token = json.loads(_rapport(env, "keys", "create", "--role", "admin", "--label",
                                "api_load", "--json"))["token"]
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    print(f"rapport serve --workers {args.workers}", flush=True)
    server = subprocess.Popen([RAPPORT, "serve", "--port", str(port), "--workers",
                               str(args.workers)], env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait(base, args.workers)
        targets = _targets(base, token)
        mix = {"intros": 0.45, "get_contact": 0.25}
        mix |= {"search": 0.2} if "/v1/search" in targets["routes"] else {}
        mix |= {"ask": 0.1} if "/v1/ask" in targets["routes"] else {}
        missing = [r for r in ("search", "ask") if r not in mix]
        if missing:
            print(f"not served by this build (left out of the mix): {', '.join(missing)}")
        _first_calls(base, token, mix, targets, args.workers)
        lean = args.client == "lean"
        floor, floor_errors = asyncio.run(_run(base, token, {"health": 1.0}, targets,
                                               args.clients, args.baseline_seconds, lean))
        _report("baseline GET /health", floor, floor_errors, args.baseline_seconds, None)
        latencies, errors = asyncio.run(_run(base, token, mix, targets, args.clients,
                                             args.seconds, lean))
        _report(f"mix, {args.clients} clients", latencies, errors, args.seconds,
                _pct(floor["health"], 95))
        worst = max(_pct(latencies[r], 95) for r in ("intros", "search") if r in latencies)
        verdict = "met" if worst <= 300 and not sum(errors.values()) else "NOT met"
        print(f"\ntarget (zero errors, p95 <= 300 ms for intros and search): {verdict}")
    finally:
        server.terminate()
        server.wait(timeout=60)


if __name__ == "__main__":
    main()
