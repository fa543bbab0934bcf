"""Python through ctypes: Table.match and Table.match_many on a T3-shaped
table (10,000 hosts x 10 paths), matches per second; last, match_many's
first call on a million distinct pairs.

    PYTHONPATH=bindings/python python3 bench/python_bench.py [--hosts N]
"""

import argparse
import json
import random
import time

import ingresskit

WORDS = ["api", "v1", "v2", "users", "orders", "static", "admin", "media",
         "auth", "search", "cart", "items", "status", "health", "assets"]


def table_text(hosts, paths, rng, routes=None):
    """The table as JSON; each (host, path, pathType) appended to `routes`."""
    items = []
    for h in range(hosts):
        host = "svc%d.team%d.example.com" % (h, h % 97)
        entries = []
        seen = set()
        while len(entries) < paths:
            path = "".join("/" + rng.choice(WORDS) for _ in range(rng.randint(1, 4)))
            if path in seen:
                continue
            seen.add(path)
            path_type = rng.choice(["Prefix", "Prefix", "Exact"])
            if routes is not None:
                routes.append((host, path, path_type))
            entries.append({
                "path": path,
                "pathType": path_type,
                "backend": {"service": {"name": "backend%d" % rng.randint(0, 499),
                                        "port": {"number": 8080}}},
            })
        items.append({
            "apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
            "metadata": {"name": "ing-%d" % h, "namespace": "team%d" % (h % 97),
                         "annotations": {"kubernetes.io/ingress.class": "istio"}},
            "spec": {"rules": [{"host": host, "http": {"paths": entries}}]},
        })
    return json.dumps({"apiVersion": "v1", "kind": "List", "items": items})


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--hosts", type=int, default=10000)
    parser.add_argument("--paths", type=int, default=10)
    parser.add_argument("--requests", type=int, default=200000)
    parser.add_argument("--distinct", type=int, default=1000000)
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args()
    rng = random.Random(3)
    routes = []
    text = table_text(args.hosts, args.paths, rng, routes)
    table = ingresskit.compile(text, max_document_bytes=len(text) * 2)
    pairs = []
    for _ in range(args.requests):
        h = rng.randrange(args.hosts)
        pairs.append(("svc%d.team%d.example.com" % (h, h % 97),
                      "/" + rng.choice(WORDS) + "/" + rng.choice(WORDS)))
    n = min(len(pairs), 50000)
    start = time.perf_counter()
    for host, path in pairs[:n]:
        table.match(host, path)
    single = n / (time.perf_counter() - start)
    # The first pass builds a Route object for every route it meets (eight
    # strings copied out each); a process that keeps matching against the
    # table (the second pass) finds them built.
    rates = []
    for _ in range(2):
        start = time.perf_counter()
        for i in range(0, len(pairs), 10000):
            table.match_many(pairs[i:i + 10000])
        rates.append(len(pairs) / (time.perf_counter() - start))
    built = len(table._routes)
    table.close()
    print("python match:                  %12.0f matches/s" % single)
    print("python match_many, first pass: %12.0f matches/s (%d Route objects built)"
          % (rates[0], built))
    print("python match_many, steady:     %12.0f matches/s" % rates[1])

    # One call with a million distinct str pairs on a fresh table: what a
    # log analyser or a test runner pays, every Route built on the way.
    distinct = distinct_pairs(routes, args.distinct, rng)
    fresh = ingresskit.compile(text, max_document_bytes=len(text) * 2)
    start = time.perf_counter()
    answers = fresh.match_many(distinct)
    elapsed = time.perf_counter() - start
    matched = sum(1 for a in answers if a is not None)
    print("python match_many, %d distinct pairs, first call: %12.0f matches/s "
          "(%d matched, %d Route objects built)"
          % (len(distinct), len(distinct) / elapsed, matched, len(fresh._routes)))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({
                "match": single,
                "match_many_first_pass": rates[0],
                "match_many_steady": rates[1],
                "distinct_pairs": len(distinct),
                "match_many_distinct_first_call": len(distinct) / elapsed,
                "routes_built": len(fresh._routes),
            }, f, indent=1)
    fresh.close()


def distinct_pairs(routes, count, rng):
    """`count` distinct (host, path) str pairs, each served by a route picked
    at random: below a Prefix route a segment of its own, an Exact route's
    path with a query of its own (which routing ignores)."""
    pairs = []
    for i in range(count):
        host, path, path_type = routes[rng.randrange(len(routes))]
        if path_type == "Prefix":
            pairs.append((host, "%s/r%d" % (path, i)))
        else:
            pairs.append((host, "%s?r=%d" % (path, i)))
    return pairs


if __name__ == "__main__":
    main()
