#!/usr/bin/env python3
"""nginx + ingresskit against the same routes written as plain nginx.

For 10, 1,000 and 10,000 Ingress paths (ten Prefix paths per host), runs
wrk against two nginx configurations on this machine:

  ingresskit  one `location / { ingresskit on; ... }` and routes.yaml
  plain       what a generator writes: one `server` per host, and per
              path `location = /p` plus `location /p/` (Prefix semantics)

Both answer from nginx itself (`return 200` with the destination's name),
so the figures compare routing and not an upstream. Requests are spread
uniformly over every (host, path). Each pair runs interleaved, `--rounds`
times; the report gives medians.

  python3 bench/nginx/run.py [--module PATH] [--seconds 8] [--rounds 3]
"""

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "bindings", "nginx", "tests"))
import harness  # noqa: E402

PATHS_PER_HOST = 10


def routes(n):
    """(host, path, destination) for n Ingress paths."""
    out = []
    for i in range(n):
        host = "h%d.example.com" % (i // PATHS_PER_HOST)
        out.append((host, "/svc%d" % i, "svc%d.default.svc.cluster.local" % i))
    return out


def ingress_yaml(table):
    docs = []
    hosts = {}
    for host, path, dest in table:
        hosts.setdefault(host, []).append((path, dest))
    for h, (host, paths) in enumerate(sorted(hosts.items())):
        entries = "".join(
            "      - {path: %s, pathType: Prefix, backend: {service: {name: %s, port: {number: 80}}}}\n"
            % (p, d.split(".")[0]) for p, d in paths)
        docs.append(
            "apiVersion: networking.k8s.io/v1\nkind: Ingress\n"
            "metadata: {name: ing%d, namespace: default, annotations: {kubernetes.io/ingress.class: istio}}\n"
            "spec:\n  rules:\n  - host: %s\n    http:\n      paths:\n%s" % (h, host, entries))
    return "---\n".join(docs)


INGRESSKIT = """
  ingresskit_routes routes.yaml;
  ingresskit_reload_interval 0;
  server {
    listen 127.0.0.1:{http} reuseport;
    location / {
      ingresskit on;
      return 200 "$ingresskit_destination\\n";
    }
  }
"""


def plain_conf(table):
    hosts = {}
    for host, path, dest in table:
        hosts.setdefault(host, []).append((path, dest))
    out = ["  server_names_hash_max_size 16384;", "  server_names_hash_bucket_size 128;",
           "  server { listen 127.0.0.1:{http} default_server reuseport; return 404; }"]
    for host, paths in sorted(hosts.items()):
        out.append("  server {\n    listen 127.0.0.1:{http};\n    server_name %s;" % host)
        for path, dest in paths:
            out.append('    location = %s { return 200 "%s\\n"; }' % (path, dest))
            out.append('    location %s/ { return 200 "%s\\n"; }' % (path, dest))
        out.append("  }")
    return "\n".join(out)


def lua_script(table, path):
    with open(path, "w") as f:
        f.write("local targets = {\n")
        for host, p, _ in table:
            f.write('  {"%s", "%s/x"},\n' % (host, p))
        f.write("}\n")
        f.write("""
local requests = {}
local i = 0
init = function(args)
  for k, t in ipairs(targets) do
    requests[k] = wrk.format("GET", t[2], {Host = t[1]})
  end
  -- Each thread starts elsewhere in the list.
  i = math.random(#requests)
end
request = function()
  i = i % #requests + 1
  return requests[i]
end
""")


def run_wrk(port, script, seconds, connections):
    out = subprocess.run(
        [harness.WRK, "-t1", "-c%d" % connections, "-d%ds" % seconds, "--latency", "-s", script,
         "http://127.0.0.1:%d/" % port],
        capture_output=True, text=True, timeout=seconds + 60).stdout
    if "Non-2xx" in out or "Socket errors" in out:
        raise RuntimeError("wrk saw errors:\n" + out)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def pct(p):
        m = re.search(r"^\s+%s%%\s+([\d.]+)(us|ms|s)" % p, out, re.M)
        value, unit = float(m.group(1)), m.group(2)
        return value * {"us": 1, "ms": 1000, "s": 1e6}[unit]

    return rps, pct(50), pct(99)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--module", default=os.path.join(
        HERE, "..", "..", "build", "release", "bindings", "nginx", "ngx_http_ingresskit_module.so"))
    ap.add_argument("--sizes", default="10,1000,10000")
    ap.add_argument("--seconds", type=int, default=8)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--connections", type=int, default=32)
    args = ap.parse_args()
    module = os.path.abspath(args.module)
    if not os.path.exists(module) or not harness.WRK:
        sys.exit("needs the module (%s) and wrk" % module)

    print("| Ingress paths | design | requests/s | p50 (µs) | p99 (µs) | vs plain |")
    print("|---:|---|---:|---:|---:|---:|")
    for n in (int(s) for s in args.sizes.split(",")):
        table = routes(n)
        results = {"ingresskit": [], "plain": []}
        with tempfile.TemporaryDirectory() as d:
            os.chmod(d, 0o755)
            with open(os.path.join(d, "routes.yaml"), "w") as f:
                f.write(ingress_yaml(table))
            script = os.path.join(d, "requests.lua")
            lua_script(table, script)
            for _ in range(args.rounds):
                for design in ("ingresskit", "plain"):
                    body = INGRESSKIT if design == "ingresskit" else plain_conf(table)
                    nginx = harness.Nginx(d, body, workers=1, module=module)
                    try:
                        nginx.start()
                        results[design].append(
                            run_wrk(nginx.http, script, args.seconds, args.connections))
                    finally:
                        nginx.stop()
        plain_rps = statistics.median(r[0] for r in results["plain"])
        for design in ("ingresskit", "plain"):
            rows = results[design]
            rps = statistics.median(r[0] for r in rows)
            print("| %d | %s | %.0f | %.0f | %.0f | %.1f %% |" % (
                n, design, rps, statistics.median(r[1] for r in rows),
                statistics.median(r[2] for r in rows), 100.0 * (rps / plain_rps - 1)))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
