#!/usr/bin/env python3
"""Checkout benchmark: guests add one unit to a new cart and place the order (cash on delivery).

Usage: checkout.py BASE_URL VARIANT_IDS [SECONDS] [WORKERS]
VARIANT_IDS is a comma-separated list; each visit picks one at random.
Prints orders per second and p50/p99 of the place-order request and of the whole add-and-order visit.
"""
import json
import random
import sys
import threading
import time
import urllib.error
import urllib.request

BASE, VARIANTS = sys.argv[1], sys.argv[2].split(",")
SECONDS = float(sys.argv[3]) if len(sys.argv) > 3 else 10
WORKERS = int(sys.argv[4]) if len(sys.argv) > 4 else 8
ADDRESS = {"fullName": "Bench Buyer", "phone": "+91 98450 00000", "line1": "1 Test Road", "city": "Pune",
           "state": "Maharashtra", "postalCode": "411001", "country": "IN"}


def post(path, body, headers=None):
    request = urllib.request.Request(BASE + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


place_times, visit_times, failures = [], [], []
lock = threading.Lock()
deadline = time.monotonic() + SECONDS


def shopper(worker):
    n = 0
    while time.monotonic() < deadline:
        n += 1
        started = time.perf_counter()
        status, headers = post("/api/v1/cart/items", {"variantId": random.choice(VARIANTS), "quantity": 1})
        if status != 200:
            with lock:
                failures.append(f"add {status}")
            continue
        placing = time.perf_counter()
        status, _ = post("/api/v1/checkout", {"email": f"bench{worker}-{n}@example.in", "shippingAddress": ADDRESS,
                                              "shippingMethod": "standard", "paymentMethod": "cod"},
                         {"X-Cart-Token": headers["X-Cart-Token"], "Idempotency-Key": f"bench-{worker}-{n}-{time.time_ns()}"})
        finished = time.perf_counter()
        with lock:
            if status == 201:
                place_times.append(finished - placing)
                visit_times.append(finished - started)
            else:
                failures.append(f"checkout {status}")


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))] * 1000 if ordered else float("nan")


threads = [threading.Thread(target=shopper, args=(w,)) for w in range(WORKERS)]
started = time.monotonic()
for t in threads:
    t.start()
while any(t.is_alive() for t in threads):
    time.sleep(1)
    print(f"\r  {len(place_times)} orders placed", end="", flush=True)
elapsed = time.monotonic() - started
print()
print(json.dumps({
    "orders": len(place_times), "failures": len(failures), "seconds": round(elapsed, 1),
    "orders_per_second": round(len(place_times) / elapsed, 1),
    "place_p50_ms": round(percentile(place_times, 50), 1), "place_p99_ms": round(percentile(place_times, 99), 1),
    "visit_p50_ms": round(percentile(visit_times, 50), 1), "visit_p99_ms": round(percentile(visit_times, 99), 1),
    "failure_kinds": sorted(set(failures)),
}))
