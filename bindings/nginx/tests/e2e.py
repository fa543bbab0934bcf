"""End to end: the Istio task through Debian's nginx with ingresskit's
module, driven by real curl (and wrk), with certificates made by openssl.

Run by ctest (NginxTest.EndToEnd) with the module's path in
INGRESSKIT_NGINX_MODULE; exits 77 (skipped) when nginx, curl, openssl or
the module is missing.
"""

import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest

import harness
from httpbin_standin import HttpbinStandin

_why = harness.missing()
if _why is not None and __name__ != "__main__":
    # Skipped (77) on a machine without them; in CI a skip would prove
    # nothing, so it fails instead.
    print(("cannot run: " if os.environ.get("CI") == "true" else "skipped: ") + _why,
          file=sys.stderr)
    sys.exit(1 if os.environ.get("CI") == "true" else 77)

SHARED = os.environ.get("INGRESSKIT_SHARED_DIR", os.path.join(
    os.path.dirname(__file__), "..", "..", "..", "..", "shared"))
TASK_INGRESS = os.path.join(SHARED, "examples", "istio-task-httpbin.yaml")

HOST = "httpbin.example.com"
CLUSTER = "outbound|8000||httpbin.default.svc.cluster.local"
INTERVAL_MS = 200


# ---- Kubernetes objects -------------------------------------------------

def quoted(text):
    return json.dumps(text)  # A JSON string is a YAML string.


def service():
    """Service httpbin: port 8000 named http, targetPort by name."""
    return """\
apiVersion: v1
kind: Service
metadata: {name: httpbin, namespace: default}
spec:
  ports: [{name: http, port: 8000, targetPort: http}]
"""


def endpoint_slice(port, ready=True):
    """The stand-in as httpbin's only endpoint."""
    return """\
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: httpbin-abc12
  namespace: default
  labels: {kubernetes.io/service-name: httpbin}
addressType: IPv4
ports: [{name: http, port: %d}]
endpoints:
- addresses: [127.0.0.1]
  conditions: {ready: %s}
""" % (port, "true" if ready else "false")


def ingress_v1(paths, name="httpbin", tls=""):
    """A v1 Ingress of class istio (through an IngressClass) for HOST;
    `paths` are (path, pathType) pairs to httpbin:8000."""
    entries = "".join(
        "      - {path: %s, pathType: %s, backend: {service: {name: httpbin, port: {number: 8000}}}}\n"
        % (p, t) for p, t in paths)
    return """\
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata: {name: istio}
spec: {controller: istio.io/ingress-controller}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: %s, namespace: default}
spec:
  ingressClassName: istio
%s  rules:
  - host: %s
    http:
      paths:
%s""" % (name, tls, HOST, entries)


def tls_secret(namespace, cert, key):
    return """\
apiVersion: v1
kind: Secret
metadata: {name: httpbin-credential, namespace: %s}
type: kubernetes.io/tls
stringData:
  tls.crt: %s
  tls.key: %s
""" % (namespace, quoted(cert), quoted(key))


def stream(*documents):
    return "---\n".join(documents)


# The server block every test uses: routed by ingresskit, proxied to the
# endpoint it picks, TLS from the Secret the client's server name gets.
SERVER = """
  ingresskit_routes routes.yaml;
  ingresskit_reload_interval %dms;
  %%s
  server {
    listen 127.0.0.1:{http};
    listen 127.0.0.1:{https} ssl http2;
    ssl_certificate data:$ingresskit_tls_cert;
    ssl_certificate_key data:$ingresskit_tls_key;
    location / {
      ingresskit on;
      proxy_set_header Host $http_host;
      proxy_pass http://$ingresskit_upstream;
      add_header x-ingresskit-version $ingresskit_version always;
      add_header x-ingresskit-cluster $ingresskit_cluster always;
    }
  }
""" % INTERVAL_MS


class NginxCase(unittest.TestCase):
    """A temporary directory, the stand-in upstream, and helpers to run
    nginx on a routes.yaml there."""

    def setUp(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="ingresskit-e2e-")
        self.dir = self._tmp.name
        os.chmod(self.dir, 0o755)
        self.upstream = HttpbinStandin()
        self.nginx = None

    def tearDown(self):
        try:
            if self.nginx is not None:
                started = self.nginx.proc is not None
                code = self.nginx.stop()
                log = self.nginx.log()
                # A worker that crashed is restarted by the master and
                # would go unnoticed but for this.
                self.assertNotIn("exited on signal", log)
                self.assertNotIn("[alert]", log)
                if started:
                    self.assertEqual(code, 0, "nginx did not quit cleanly:\n" + log)
        finally:
            self.upstream.stop()
            self._tmp.cleanup()

    def skip_or_fail(self, why):
        """A skipped test proves nothing: in CI (CI=true, as .ci/run sets
        it) what a test needs must be there, so a missing piece fails."""
        if os.environ.get("CI") == "true":
            self.fail("cannot run in CI: " + why)
        self.skipTest(why)

    def routes(self, text):
        harness.write_atomically(os.path.join(self.dir, "routes.yaml"), text)

    def start(self, routes, extra="", body=None, workers=2):
        self.routes(routes)
        self.nginx = harness.Nginx(self.dir, body or SERVER % extra, workers=workers)
        return self.nginx.start()

    def get(self, path, host=HOST, *args):
        return harness.curl("-H", "Host: " + host, *args,
                            "http://127.0.0.1:%d%s" % (self.nginx.http, path))

    def loaded(self, version):
        """Whether every worker logged loading table `version`."""
        pids = set(re.findall(r"\] (\d+)#\d+: ingresskit: loaded version %d," % version,
                              self.nginx.log()))
        return len(pids) >= len(self.nginx.worker_pids())


class TaskOverHttpTest(NginxCase):
    """The Istio task's Ingress as it is written (v1beta1, class by
    annotation, /status/*), through nginx."""

    def setUp(self):
        super().setUp()
        if not os.path.exists(TASK_INGRESS):
            self.skip_or_fail("no %s (INGRESSKIT_SHARED_DIR)" % TASK_INGRESS)
        with open(TASK_INGRESS) as f:
            task = f.read()
        other_class = task.replace("name: ingress", "name: other-class").replace(
            "ingress.class: istio", "ingress.class: nginx").replace(HOST, "other.example.com")
        self.start(stream(task, other_class, service(), endpoint_slice(self.upstream.port)))

    def test_status_routes_to_httpbin_and_headers_is_404(self):
        r = harness.curl("-I", "-HHost:httpbin.example.com",
                         "http://127.0.0.1:%d/status/200" % self.nginx.http)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.headers.get("x-ingresskit-cluster"), CLUSTER)

        r = self.get("/status/418")
        self.assertEqual(r.status, 418, r)
        self.assertIn("teapot", r.body)
        # It reached the upstream, which saw the client's Host.
        self.assertEqual(self.upstream.last(), ("/status/418", HOST))

        self.assertEqual(self.get("/headers").status, 404)
        self.assertEqual(self.get("/status/200", "unknown.example.com").status, 404)
        # An Ingress of another class is not served.
        self.assertEqual(self.get("/status/200", "other.example.com").status, 404)
        # The 404s never reached the upstream.
        self.assertEqual(self.upstream.last(), ("/status/418", HOST))


class IngressClassAndPathTypesTest(NginxCase):
    def test_v1_with_an_ingress_class_and_path_types(self):
        self.start(stream(
            ingress_v1([("/status", "Prefix"), ("/headers", "Exact")]),
            service(), endpoint_slice(self.upstream.port)))
        self.assertEqual(self.get("/status/200").status, 200)
        self.assertEqual(self.get("/status").status, 200)
        self.assertEqual(self.get("/statusx").status, 404)
        r = self.get("/headers")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(json.loads(r.body)["headers"]["Host"], HOST)
        self.assertEqual(self.get("/headers/x").status, 404)


class HttpsTest(NginxCase):
    def setUp(self):
        super().setUp()
        self.ca, self.cert, self.key = harness.make_certificates(self.dir)
        self.tls = "  tls: [{hosts: [%s], secretName: httpbin-credential}]\n" % HOST

    def https(self, name, path="/status/418", *args):
        return harness.curl("--resolve", "%s:%d:127.0.0.1" % (name, self.nginx.https),
                            "--cacert", self.ca, *args,
                            "https://%s:%d%s" % (name, self.nginx.https, path))

    def bundle(self, namespace, key=None):
        return stream(ingress_v1([("/status", "Prefix")], tls=self.tls), service(),
                      endpoint_slice(self.upstream.port),
                      tls_secret(namespace, self.cert, key or self.key))

    def assert_no_key_in_log(self, key):
        body = "".join(key.strip().splitlines()[1:-1])
        log = self.nginx.log()
        for i in range(0, len(body) - 32, 32):
            self.assertNotIn(body[i:i + 32], log, "key bytes in the error log")

    def test_the_secret_serves_its_server_name(self):
        self.start(self.bundle("istio-system"))
        r = self.https(HOST)
        self.assertEqual(r.exit_code, 0, r)
        self.assertEqual(r.status, 418, r)
        # The upstream gets the :authority as the client sent it.
        self.assertEqual(self.upstream.last(), ("/status/418", "%s:%d" % (HOST, self.nginx.https)))
        # HTTPS routes by the server's own route configuration too.
        self.assertEqual(self.https(HOST, "/headers").status, 404)

        # No server for the name, or no name at all: the handshake fails.
        r = self.https("other.example.com", "/status/200", "-k")
        self.assertIsNone(r.status, r)
        self.assertEqual(r.exit_code, 35, r)
        r = harness.curl("-k", "https://127.0.0.1:%d/status/200" % self.nginx.https)
        self.assertEqual(r.exit_code, 35, r)
        self.assert_no_key_in_log(self.key)

    def test_a_secret_beside_the_ingress_is_not_used(self):
        # Istio reads the Secret in its own namespace only.
        self.start(self.bundle("default"))
        r = self.https(HOST)
        self.assertIsNone(r.status, r)
        self.assertEqual(r.exit_code, 35, r)

    def test_a_key_of_another_certificate_fails_without_reaching_the_log(self):
        other_key = harness.make_certificates(tempfile.mkdtemp(dir=self.dir))[2]
        self.start(self.bundle("istio-system", key=other_key))
        r = self.https(HOST)
        self.assertEqual(r.exit_code, 35, r)
        self.assertIn("Secret istio-system/httpbin-credential cannot serve TLS: "
                      "the key does not belong to the certificate", self.nginx.log())
        self.assert_no_key_in_log(other_key)


class EndpointsTest(NginxCase):
    def test_no_ready_endpoint_is_503_and_a_static_endpoint_overrides(self):
        bundle = stream(ingress_v1([("/status", "Prefix")]), service(),
                        endpoint_slice(self.upstream.port, ready=False))
        self.start(bundle)
        self.assertEqual(self.get("/status/200").status, 503)
        self.nginx.stop()
        self.start(bundle, extra="ingresskit_endpoint httpbin.default.svc.cluster.local:8000 "
                                 "127.0.0.1:%d;" % self.upstream.port)
        self.assertEqual(self.get("/status/200").status, 200)


class HotReloadTest(NginxCase):
    def test_a_changed_file_is_served_without_an_nginx_reload(self):
        base = [service(), endpoint_slice(self.upstream.port)]
        self.start(stream(ingress_v1([("/status", "Prefix")]), *base))
        r = self.get("/status/200")
        self.assertEqual((r.status, r.headers.get("x-ingresskit-version")), (200, "1"))
        self.assertEqual(self.get("/headers").status, 404)

        self.routes(stream(ingress_v1([("/status", "Prefix"), ("/headers", "Exact")]), *base))
        self.assertTrue(harness.wait_for(lambda: self.loaded(2), 10), self.nginx.log())
        for _ in range(8):  # New connections: both workers answer.
            r = self.get("/headers")
            self.assertEqual((r.status, r.headers.get("x-ingresskit-version")), (200, "2"))

        # A broken file: the last good table stays, one error per worker.
        self.routes("kind: [\n")
        failed = lambda: len(re.findall(r"ingresskit: reload failed, keeping version 2: "  # noqa: E731
                                        r".*routes\.yaml:\d+: ", self.nginx.log()))
        workers = len(self.nginx.worker_pids())
        self.assertTrue(harness.wait_for(lambda: failed() >= workers, 10), self.nginx.log())
        time.sleep(3 * INTERVAL_MS / 1000)
        self.assertEqual(failed(), workers, self.nginx.log())
        self.assertEqual(self.get("/headers").status, 200)

        # nginx -s reload with the broken file: nginx keeps the running
        # configuration and its workers.
        pids = set(self.nginx.worker_pids())
        self.nginx.signal(signal.SIGHUP)
        self.assertTrue(harness.wait_for(lambda: "[emerg]" in self.nginx.log(), 10))
        self.assertIn("routes.yaml:", self.nginx.log().split("[emerg]", 1)[1].splitlines()[0])
        self.assertEqual(self.get("/headers").status, 200)
        self.assertEqual(set(self.nginx.worker_pids()), pids)

        # A good file and nginx -s reload: new workers with the new routes.
        self.routes(stream(ingress_v1([("/anything", "Prefix")]), *base))
        self.nginx.signal(signal.SIGHUP)
        self.assertTrue(harness.wait_for(
            lambda: self.nginx.worker_pids() and not pids & set(self.nginx.worker_pids()), 10))
        self.assertEqual(harness.wait_for(lambda: self.get("/anything").status == 200, 10), True)
        self.assertEqual(self.get("/status/200").status, 404)


class LoadWhileReloadingTest(NginxCase):
    """wrk against nginx while the file is rewritten ten times a second.
    The location answers itself once routed: nginx opens a new upstream
    connection per proxied request (no upstream{} block), and at wrk's
    rate that would measure the kernel's ephemeral ports, not ingresskit."""

    BODY = """
  ingresskit_routes routes.yaml;
  ingresskit_reload_interval 50ms;
  server {
    listen 127.0.0.1:{http};
    listen 127.0.0.1:{https};
    location / {
      ingresskit on;
      return 200 "$ingresskit_upstream $ingresskit_version\\n";
    }
  }
"""

    def test_every_request_is_routed_while_tables_swap(self):
        if not harness.WRK:
            self.skip_or_fail("wrk is not installed (apt-get install wrk)")
        base = [service(), endpoint_slice(self.upstream.port)]
        versions = [
            stream(ingress_v1([("/status", "Prefix")]), *base),
            stream(ingress_v1([("/status", "Prefix"), ("/headers", "Exact")]), *base),
            "kind: [\n",
        ]
        self.start(versions[0], body=self.BODY)
        stop = threading.Event()

        def rewrite():
            i = 0
            while not stop.wait(0.1):
                i += 1
                self.routes(versions[i % len(versions)])

        writer = threading.Thread(target=rewrite, daemon=True)
        url = "http://127.0.0.1:%d/status/200" % self.nginx.http
        # Warm up, then measure the workers' memory around the run.
        subprocess.run([harness.WRK, "-t1", "-c4", "-d1s", "-H", "Host: " + HOST, url],
                       capture_output=True, timeout=30)
        before = {pid: harness.rss_kib(pid) for pid in self.nginx.worker_pids()}
        writer.start()
        try:
            out = subprocess.run(
                [harness.WRK, "-t2", "-c32", "-d10s", "-H", "Host: " + HOST, url],
                capture_output=True, text=True, timeout=60).stdout
        finally:
            stop.set()
            writer.join(timeout=5)
        after = {pid: harness.rss_kib(pid) for pid in self.nginx.worker_pids()}

        self.assertRegex(out, r"\d+ requests in", out)
        self.assertNotIn("Non-2xx or 3xx responses", out)
        self.assertNotIn("Socket errors", out)
        loads = len(re.findall(r"ingresskit: loaded version", self.nginx.log()))
        self.assertGreater(loads, 20, "the tables did swap during the run")
        for pid, kib in before.items():
            self.assertIn(pid, after)
            self.assertLess(after[pid] - kib, 8 * 1024, "worker %d grew: %s" % (pid, after))
        sys.stderr.write("\nwrk while reloading (%d loads logged):\n%s" % (loads, out))


class ExampleTest(NginxCase):
    """bindings/nginx/example, as the README runs it, on ports of ours."""

    def test_the_example_routes_the_task(self):
        example = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "example")
        with open(os.path.join(example, "nginx.conf")) as f:
            conf = f.read()
        with open(os.path.join(example, "routes.yaml")) as f:
            routes = f.read()
        http, https = harness.free_port(), harness.free_port()
        conf = re.sub(r"load_module [^;]+;", "load_module %s;" % harness.MODULE, conf)
        conf = conf.replace("127.0.0.1:8080", "127.0.0.1:%d" % http)
        conf = conf.replace("127.0.0.1:8443", "127.0.0.1:%d" % https)
        endpoint_port = "ports: [{name: http, port: 8000}]"
        self.assertIn(endpoint_port, routes)
        routes = routes.replace(endpoint_port, "ports: [{name: http, port: %d}]" % self.upstream.port)
        for name, text in (("nginx.conf", conf), ("routes.yaml", routes)):
            with open(os.path.join(self.dir, name), "w") as f:
                f.write(text)
        self.nginx = harness.Nginx(self.dir, None)  # The example's own.
        self.nginx.http = http
        self.nginx.start()
        r = harness.curl("-s", "-I", "-HHost:httpbin.example.com",
                         "http://127.0.0.1:%d/status/200" % http)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(self.get("/headers").status, 404)


class ConfigTestTest(NginxCase):
    def test_nginx_t_names_the_file_and_line(self):
        self.routes(ingress_v1([("/status", "Prefix")]).replace("host: " + HOST, "host: Bad.Example.com"))
        nginx = harness.Nginx(self.dir, SERVER % "")
        code, out = nginx.test_config()
        self.assertEqual(code, 1, out)
        line = ingress_v1([("/status", "Prefix")]).splitlines().index("  - host: " + HOST) + 1
        self.assertRegex(out, r"ingresskit: \S*routes\.yaml:%d: Ingress default/httpbin "
                              r"spec\.rules\[0\]\.host: " % line)

        self.routes("kind: Ingress\nmetadata: {name: x\n")
        code, out = nginx.test_config()
        self.assertEqual(code, 1, out)
        self.assertRegex(out, r"ingresskit: \S*routes\.yaml:\d+: .*malformed YAML")

        self.routes(ingress_v1([("/status", "Prefix")]))
        code, out = nginx.test_config()
        self.assertEqual(code, 0, out)

    def test_without_strict_a_bad_object_is_left_out_and_logged(self):
        self.routes(stream(
            ingress_v1([("/status", "Prefix")]),
            ingress_v1([("/x", "Prefix")], name="bad").split("---\n", 1)[1].replace(
                "host: " + HOST, "host: Bad.Example.com")))
        nginx = harness.Nginx(self.dir, SERVER % "ingresskit_option strict false;")
        code, out = nginx.test_config()
        self.assertEqual(code, 0, out)
        self.assertRegex(out, r"\[error\] .*ingresskit: \S*routes\.yaml:\d+: Ingress default/bad "
                              r"spec\.rules\[0\]\.host: ")


class NormalizationTest(NginxCase):
    def start_with(self, option=""):
        return self.start(stream(ingress_v1([("/status", "Prefix"), ("/headers", "Exact")]),
                                 service(), endpoint_slice(self.upstream.port)),
                          extra=option)

    def raw(self, path):
        return self.get(path, HOST, "--path-as-is")

    def test_the_upstream_sees_the_path_the_decision_was_made_on(self):
        self.start_with()
        # Decided as /headers, and forwarded as /headers.
        r = self.raw("/status/../headers")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(self.upstream.last()[0], "/headers")
        r = self.raw("/x/../status/200?a=b")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(self.upstream.last()[0], "/status/200?a=b")
        # BASE keeps // and %2F as they are.
        self.assertEqual(self.raw("/status%2F200").status, 404)
        self.raw("/status//200")
        self.assertEqual(self.upstream.last()[0], "/status//200")

    def test_decode_and_merge_slashes(self):
        self.start_with("ingresskit_option path_normalization DECODE_AND_MERGE_SLASHES;")
        r = self.raw("/status%2F200")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(self.upstream.last()[0], "/status/200")
        r = self.raw("//status//200")
        self.assertEqual(r.status, 200, r)
        self.assertEqual(self.upstream.last()[0], "/status/200")


if __name__ == "__main__":
    if _why is not None:
        print("skipped: " + _why, file=sys.stderr)
        sys.exit(77)
    unittest.main(verbosity=2)
