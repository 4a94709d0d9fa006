#!/usr/bin/env python3
"""Sends every request of a file once, from CONCURRENCY threads at the same time (bench/window.sh).

Each line of the file: cookie <TAB> path <TAB> form body (a POST). The requests are taken from one shared queue in the
order of the file, each thread on its own keep-alive connection. Prints one line of numbers (see the end) and, with
--log, every request's status and milliseconds.
    bench/burst.py http://127.0.0.1:5297 requests.tsv 32 [--log out.tsv]
A 302 (the form's redirect after the save) is a saved write; anything else is counted apart.
"""
import http.client
import queue
import sys
import threading
import time
from urllib.parse import urlparse


def main() -> None:
    base, path, concurrency = sys.argv[1], sys.argv[2], int(sys.argv[3])
    log = sys.argv[5] if len(sys.argv) > 5 and sys.argv[4] == "--log" else None
    url = urlparse(base)
    todo: "queue.Queue[tuple[str, str, str]]" = queue.Queue()
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 3:
                todo.put((parts[0], parts[1], parts[2]))
    total = todo.qsize()
    results: list[tuple[int, float]] = []
    lock = threading.Lock()
    start_gate = threading.Barrier(concurrency + 1)

    def worker() -> None:
        conn = http.client.HTTPConnection(url.hostname, url.port, timeout=300)
        start_gate.wait()
        while True:
            try:
                cookie, target, body = todo.get_nowait()
            except queue.Empty:
                break
            t0 = time.perf_counter()
            try:
                conn.request("POST", target, body=body, headers={
                    "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"})
                response = conn.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(url.hostname, url.port, timeout=300)
                status = 0
            elapsed = (time.perf_counter() - t0) * 1000
            with lock:
                results.append((status, elapsed))
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for t in threads:
        t.start()
    start_gate.wait()
    t0 = time.perf_counter()
    for t in threads:
        t.join()
    wall = time.perf_counter() - t0

    saved = sorted(ms for status, ms in results if status == 302)
    other = len(results) - len(saved)

    def pct(p: float) -> float:
        if not saved:
            return float("nan")
        return saved[min(len(saved) - 1, int(round(p / 100 * len(saved) + 0.5)) - 1)]

    if log:
        with open(log, "w", encoding="utf-8") as f:
            for status, ms in results:
                f.write(f"{status}\t{ms:.1f}\n")
    # requests, saved, other, seconds, saves per second, p50, p90, p99, max (ms of the saved ones)
    print(f"{total}\t{len(saved)}\t{other}\t{wall:.2f}\t{len(saved) / wall if wall > 0 else 0:.1f}\t"
          f"{pct(50):.1f}\t{pct(90):.1f}\t{pct(99):.1f}\t{(saved[-1] if saved else float('nan')):.1f}")


if __name__ == "__main__":
    main()
