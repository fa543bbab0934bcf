"""The Python package over the C ABI: conformance vectors, the API,
errors, lifetimes and threads. Run by ctest (bindings/python/CMakeLists.txt)."""

import concurrent.futures
import dataclasses
import gc
import glob
import json
import os
import unittest

import ingresskit

# The project's shared material (conformance vectors, the Istio task's
# example) beside the repository; the tests that need it skip without it.
SHARED = os.environ.get("INGRESSKIT_SHARED_DIR", "")
HAVE_SHARED = os.path.isdir(os.path.join(SHARED, "conformance"))
needs_shared = unittest.skipUnless(
    HAVE_SHARED,
    "no shared material: set INGRESSKIT_SHARED_DIR to the folder holding "
    "conformance/ and examples/ (../shared beside the repository)",
)

# Files of ../shared/vectors/ whose semantics this build implements.
IMPLEMENTED_VECTORS = ["normalization.json", "gateway-api.json"]

# The Istio task's Ingress, read where the project keeps it.
HTTPBIN = None
if HAVE_SHARED:
    with open(
        os.path.join(SHARED, "examples", "istio-task-httpbin.yaml"), encoding="utf-8"
    ) as _f:
        HTTPBIN = _f.read()

BAD_HOST = """\
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: bad}
spec:
  rules:
  - host: Bad.example.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: a, port: {number: 80}}}}]}
"""


@needs_shared
class ConformanceTest(unittest.TestCase):
    def test_every_case_routes_as_expected(self):
        files = sorted(glob.glob(os.path.join(SHARED, "conformance", "*.json")))
        # Vectors of semantics implemented since the conformance set.
        files += [os.path.join(SHARED, "vectors", name) for name in IMPLEMENTED_VECTORS]
        self.assertGreaterEqual(len(files), 3)
        cases = 0
        for path in files:
            with open(path, encoding="utf-8") as f:
                suite = json.load(f)
            for case in suite["cases"]:
                cases += 1
                options = case["options"]
                with ingresskit.compile(json.dumps(case["resources"]), **options) as t:
                    errors = [d for d in t.diagnostics if d.severity == "error"]
                    self.assertEqual(errors, [], case["name"])
                    pairs = [(r["host"], r["path"]) for r in case["requests"]]
                    batch = t.match_many(pairs)
                    for request, batched in zip(case["requests"], batch):
                        label = "%s: %s %s" % (case["name"], request["host"], request["path"])
                        route = t.match(request["host"], request["path"])
                        expect = request["expect"]
                        for got in (route, batched):
                            if expect is None:
                                self.assertIsNone(got, label)
                            else:
                                self.assertIsNotNone(got, label)
                                self.assertEqual(got.destination, expect["destination"], label)
                                self.assertEqual(got.port, expect["port"], label)
        self.assertGreaterEqual(cases, 59)


@needs_shared
class TableTest(unittest.TestCase):
    def test_route_carries_everything_a_caller_needs(self):
        t = ingresskit.compile(HTTPBIN)
        r = t.match("httpbin.example.com", "/status/200")
        self.assertEqual(r.destination, "httpbin.default.svc.cluster.local")
        self.assertEqual(r.port, 8000)
        self.assertEqual(r.cluster, "outbound|8000||httpbin.default.svc.cluster.local")
        self.assertEqual(r.service, "httpbin")
        self.assertEqual(r.namespace, "default")
        self.assertEqual(r.ingress, "default/ingress")
        self.assertEqual(r.path, "/status/*")
        self.assertIsNone(r.path_type)
        self.assertEqual(r.index, 0)
        self.assertEqual(r.host, "httpbin.example.com")
        self.assertFalse(r.default_backend)
        self.assertIn("destination='httpbin.default.svc.cluster.local'", repr(r))
        self.assertIsNone(t.match("httpbin.example.com", "/headers"))
        self.assertEqual(t.route_count, 1)
        t.close()

    def test_text_may_be_bytes_and_requests_bytes(self):
        t = ingresskit.compile(HTTPBIN.encode())
        self.assertIsNotNone(t.match(b"httpbin.example.com", b"/status/1"))

    def test_unreadable_requests_get_no_route(self):
        t = ingresskit.compile(HTTPBIN)
        self.assertIsNone(t.match("httpbin example.com", "/status/1"))
        self.assertIsNone(t.match("httpbin.example.com", "/status/%00"))
        self.assertIsNone(t.match("httpbin.example.com", "status"))
        self.assertIsNone(t.match("httpbin.example.com\x00", "/status/1"))

    def test_options_apply(self):
        t = ingresskit.compile(
            HTTPBIN,
            domain_suffix="corp.local",
            path_normalization="NONE",
            semantics="kubernetes",
            glob_prefix="string",
        )
        self.assertEqual(
            t.match("httpbin.example.com", "/status/1").destination,
            "httpbin.default.svc.corp.local",
        )
        # glob_prefix=string keeps the slash of /status/*.
        self.assertIsNone(t.match("httpbin.example.com", "/status"))
        self.assertIsNone(t.match("httpbin.example.com", "/x/../status/1"))
        other = ingresskit.compile(HTTPBIN, ingress_class="internal")
        self.assertEqual(other.route_count, 0)

    def test_diagnostics_name_object_field_and_line(self):
        t = ingresskit.compile(BAD_HOST, controller_mode="DEFAULT")
        self.assertEqual(t.route_count, 0)
        (d,) = t.diagnostics
        self.assertEqual(d.severity, "error")
        self.assertEqual(d.object, "Ingress default/bad")
        self.assertEqual(d.field, "spec.rules[0].host")
        self.assertEqual((d.line, d.column), (6, 11))
        self.assertIn("lowercase", d.message)
        self.assertIn("spec.rules[0].host (line 6, column 11)", str(d))

    def test_match_many_answers_in_order(self):
        t = ingresskit.compile(HTTPBIN)
        got = t.match_many(
            [("httpbin.example.com", "/status/1"), ("httpbin.example.com", "/x"), (b"HTTPBIN.example.com:80", b"/status")]
        )
        self.assertEqual([r.port if r else None for r in got], [8000, None, 8000])
        self.assertIs(got[0], got[2], "requests reaching one route share it")
        self.assertEqual(t.match_many([]), [])
        gen = (("httpbin.example.com", "/status/%d" % i) for i in range(3))
        self.assertEqual([r.port for r in t.match_many(gen)], [8000] * 3)
        mixed = t.match_many([(b"httpbin.example.com", "/status/1")])
        self.assertEqual(mixed[0].port, 8000)
        with self.assertRaises(ValueError):
            t.match_many([("httpbin.example.com", "/status/1", "extra")])
        with self.assertRaises(TypeError):
            t.match_many([("httpbin.example.com", 5)])

    def test_match_many_is_match_for_every_pair(self):
        # Many distinct pairs, each route reached by several (its Route
        # built once), text that is not ASCII, and bytes among str.
        t = ingresskit.compile(HTTPBIN)
        pairs = [("httpbin.example.com", "/status/%d" % i) for i in range(300)]
        pairs += [("HTTPBIN.example.com:80", "/status/caf\u00e9/%d" % i) for i in range(50)]
        pairs += [("other.example.com", "/status/1"), ("httpbin.example.com", "/headers")]
        pairs.append((b"httpbin.example.com", b"/status/x"))
        many = t.match_many(pairs)
        self.assertEqual(len(many), len(pairs))
        for pair, got in zip(pairs, many):
            one = t.match(*pair)
            if one is None:
                self.assertIsNone(got, pair)
            else:
                self.assertEqual(got, one, pair)
        self.assertEqual(sum(1 for r in many if r is not None), 351)
        self.assertTrue(all(r is many[0] for r in many if r is not None))

    def test_explain_says_why_and_decides_as_match(self):
        t = ingresskit.compile(HTTPBIN)
        e = t.explain("HTTPBIN.example.com:80", "/status/418?x=1")
        self.assertEqual(e["normalized"]["host"], "httpbin.example.com")
        self.assertIn("query dropped", e["normalized"]["steps"])
        self.assertEqual(e["host_selection"]["selected"], "httpbin.example.com")
        self.assertEqual(e["winner"]["route"]["path"], "/status/*")
        self.assertEqual(e["winner"]["route"]["match"], {"type": "prefix", "value": "/status"})
        self.assertEqual(e["decision"]["status"], 200)
        self.assertEqual(e["decision"]["port"], t.match("httpbin.example.com", "/status/418").port)
        miss = t.explain("httpbin.example.com", "/headers")
        self.assertIsNone(miss["winner"])
        self.assertEqual(miss["decision"]["status"], 404)
        self.assertEqual(miss["routes"][0]["result"], "no_match")
        self.assertIn("does not match /headers", miss["routes"][0]["reason"])

    def test_generate_every_format(self):
        t = ingresskit.compile(HTTPBIN)
        istio = t.generate("istio")
        self.assertIn("kind: Gateway", istio)
        self.assertIn("internal.istio.io/route-semantics: ingress", istio)
        objects = json.loads(t.generate("istio-json"))
        self.assertEqual([o["kind"] for o in objects], ["Gateway", "VirtualService"])
        route = objects[1]["spec"]["http"][0]
        self.assertEqual(route["match"], [{"uri": {"prefix": "/status"}}])
        self.assertEqual(route["route"][0]["weight"], 100)
        envoy = json.loads(t.generate("envoy"))
        self.assertEqual(envoy[0]["name"], "http.80")
        self.assertEqual(json.loads(t.generate("status")), {"default/ingress": []})
        gateway_api = t.generate("gateway-api")
        self.assertIn("kind: HTTPRoute", gateway_api)
        self.assertIn("sectionName: http", gateway_api)
        with self.assertRaises(ValueError):
            t.generate("xml")


@needs_shared
class ErrorTest(unittest.TestCase):
    def test_malformed_text_is_a_parse_error(self):
        with self.assertRaises(ingresskit.ParseError) as e:
            ingresskit.compile("kind: [")
        self.assertIn("malformed YAML", str(e.exception))
        self.assertIsInstance(e.exception, ingresskit.Error)

    def test_strict_makes_invalid_objects_fail(self):
        with self.assertRaises(ingresskit.ValidationError) as e:
            ingresskit.compile(BAD_HOST, controller_mode="DEFAULT", strict=True)
        self.assertIn("spec.rules[0].host", str(e.exception))

    def test_limits_are_limit_errors(self):
        with self.assertRaises(ingresskit.LimitError):
            ingresskit.compile(HTTPBIN, max_document_bytes=10)
        with self.assertRaises(ingresskit.LimitError):
            ingresskit.compile("a: " + "[" * 100 + "]" * 100)

    def test_bad_options_are_refused(self):
        with self.assertRaises(ValueError):
            ingresskit.compile(HTTPBIN, semantics="envoy")
        with self.assertRaises(ValueError):
            ingresskit.compile(HTTPBIN, controller_mode="strict")
        with self.assertRaises(ValueError):
            ingresskit.compile(HTTPBIN, domain_suffix="")
        with self.assertRaises(ValueError):
            ingresskit.compile(HTTPBIN, max_routes=-1)
        with self.assertRaises(TypeError):
            ingresskit.compile(HTTPBIN, colour="blue")
        with self.assertRaises(TypeError):
            ingresskit.compile(42)
        with self.assertRaises(TypeError):
            ingresskit.compile(HTTPBIN).match(1, "/")


@needs_shared
class LifetimeTest(unittest.TestCase):
    def test_with_closes(self):
        with ingresskit.compile(HTTPBIN) as t:
            self.assertFalse(t.closed)
        self.assertTrue(t.closed)

    def test_garbage_collection_frees_without_close(self):
        for _ in range(200):
            ingresskit.compile(HTTPBIN).match("httpbin.example.com", "/status/1")
        gc.collect()


@needs_shared
class BadInputTest(unittest.TestCase):
    """The bad-input catalogue's Python cases (the rest are in
    test/bad_input_test.cc, through the same library)."""

    def test_text_with_a_lone_surrogate_is_refused_naming_it(self):
        for text in ("\ud800", HTTPBIN + "# \udcff\n"):
            with self.assertRaises(UnicodeEncodeError) as e:
                ingresskit.compile(text)
            self.assertIn("text: surrogates not allowed", str(e.exception))
        with ingresskit.Router() as router:
            with self.assertRaises(UnicodeEncodeError):
                router.update("\udc80")
            self.assertEqual(router.version, 0)

    def test_request_with_a_lone_surrogate_is_refused_naming_it(self):
        t = ingresskit.compile(HTTPBIN)
        for host, path, name in (
            ("httpbin.example.com\udcff", "/status/1", "host"),
            ("httpbin.example.com", "/status/\ud800", "path"),
        ):
            with self.assertRaises(UnicodeEncodeError) as e:
                t.match(host, path)
            self.assertIn(name + ": surrogates not allowed", str(e.exception))
            with self.assertRaises(UnicodeEncodeError) as e:
                t.match_many([("httpbin.example.com", "/status/1"), (host, path)])
            self.assertIn("pairs[1] " + name, str(e.exception))
        with ingresskit.Router(controller_mode="DEFAULT") as router:
            router.update(HTTPBIN)
            with self.assertRaises(UnicodeEncodeError):
                router.match("httpbin.example.com", "/\udcff")
        # The same bytes, passed as bytes, are matched as bytes.
        undecodable = "/status/\udcff".encode("utf-8", "surrogateescape")
        self.assertEqual(t.match(b"httpbin.example.com", undecodable).port, 8000)

    def test_text_that_is_not_utf8_is_a_parse_error(self):
        for text in (HTTPBIN.encode() + b"# \xff\xfe\n", b"kind: \xc0\xaf\n"):
            with self.assertRaises(ingresskit.ParseError) as e:
                ingresskit.compile(text)
            self.assertIn("UTF-8", str(e.exception))
        with ingresskit.Router(controller_mode="DEFAULT") as router:
            router.update(HTTPBIN)
            with self.assertRaises(ingresskit.ParseError):
                router.update(b"\xff")
            self.assertEqual(router.version, 1)
            self.assertIsNotNone(router.match("httpbin.example.com", "/status/1"))

    def test_requests_that_are_not_utf8_are_matched_as_bytes(self):
        t = ingresskit.compile(HTTPBIN)
        self.assertEqual(t.match(b"httpbin.example.com", b"/status/\xff\xfe").port, 8000)
        # An overlong '/' is a byte sequence, never a slash.
        self.assertIsNone(t.match(b"httpbin.example.com", b"/status\xc0\xaf1"))
        self.assertIsNone(t.match(b"\xffhttpbin.example.com", b"/status/1"))
        self.assertEqual(
            [r and r.port for r in t.match_many(
                [(b"httpbin.example.com", b"/status/\xff"), (b"\xff", b"/")])],
            [8000, None],
        )

    def test_double_close_frees_once(self):
        t = ingresskit.compile(HTTPBIN)
        t.close()
        t.close()
        with t:
            pass
        del t
        gc.collect()
        router = ingresskit.Router()
        router.close()
        router.close()
        self.assertTrue(router.closed)

    def test_use_after_close_raises(self):
        t = ingresskit.compile(HTTPBIN)
        route = t.match("httpbin.example.com", "/status/1")
        t.close()
        self.assertTrue(t.closed)
        for call in (
            lambda: t.match("h", "/"),
            lambda: t.match_many([("h", "/")]),
            lambda: t.diagnostics,
            lambda: t.route_count,
            lambda: t.generate(),
        ):
            with self.assertRaises(ingresskit.ClosedError) as e:
                call()
            self.assertIn("table is closed", str(e.exception))
        # Routes are copies: still fine after the table is gone.
        self.assertEqual(route.destination, "httpbin.default.svc.cluster.local")
        router = ingresskit.Router()
        router.close()
        for call in (
            lambda: router.update(HTTPBIN),
            lambda: router.match("h", "/"),
            lambda: router.version,
        ):
            with self.assertRaises(ingresskit.ClosedError) as e:
                call()
            self.assertIn("router is closed", str(e.exception))


@needs_shared
class RouterTest(unittest.TestCase):
    def test_updates_swap_and_failures_keep_the_last_good_table(self):
        with ingresskit.Router(controller_mode="DEFAULT") as router:
            self.assertEqual(router.version, 0)
            self.assertIsNone(router.match("httpbin.example.com", "/status/1"))
            self.assertEqual(router.update(HTTPBIN), 1)
            self.assertEqual(router.match("httpbin.example.com", "/status/1").port, 8000)
            with self.assertRaises(ingresskit.ParseError):
                router.update("kind: [")
            self.assertEqual(router.version, 1)
            self.assertEqual(router.match("httpbin.example.com", "/status/1").port, 8000)
            self.assertEqual(router.update(""), 2)
            self.assertIsNone(router.match("httpbin.example.com", "/status/1"))
        with self.assertRaises(ingresskit.ClosedError):
            router.update(HTTPBIN)
        with self.assertRaises(ValueError):
            ingresskit.Router(semantics="nginx")

    def test_strict_router_refuses_invalid_updates(self):
        router = ingresskit.Router(controller_mode="DEFAULT", strict=True)
        with self.assertRaises(ingresskit.ValidationError):
            router.update(BAD_HOST)
        self.assertEqual(router.version, 0)
        router.close()


@needs_shared
class ThreadTest(unittest.TestCase):
    def test_thread_pool_hammers_one_table(self):
        t = ingresskit.compile(HTTPBIN)
        pairs = [("httpbin.example.com", "/status/%d" % i) for i in range(200)]
        pairs += [("httpbin.example.com", "/headers")] * 50

        def work(_):
            got = t.match_many(pairs)
            return sum(1 for r in got if r and r.port == 8000)

        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            results = list(pool.map(work, range(64)))
        self.assertEqual(results, [200] * 64)
        t.close()

    def test_close_waits_for_calls_in_flight(self):
        t = ingresskit.compile(HTTPBIN)
        pairs = [("httpbin.example.com", "/status/1")] * 5000

        def work(_):
            try:
                return len(t.match_many(pairs))
            except ingresskit.ClosedError:
                return 0

        with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
            futures = [pool.submit(work, i) for i in range(16)]
            t.close()
            done = [f.result() for f in futures]
        self.assertTrue(all(n in (0, 5000) for n in done))


@needs_shared
class NormalizedPathTest(unittest.TestCase):
    def test_match_reports_the_path_the_gateway_forwards(self):
        t = ingresskit.compile(HTTPBIN)
        r = t.match("httpbin.example.com", "/st%61tus/./x/../200?q=/..")
        self.assertEqual(r.normalized_path, "/status/200")
        self.assertEqual(r, t.match("httpbin.example.com", "/status/1"))
        with ingresskit.Router() as router:
            router.update(HTTPBIN)
            r = router.match("httpbin.example.com", "/status/%7e")
            self.assertEqual(r.normalized_path, "/status/~")

    def test_normalize_path_follows_the_table_options(self):
        base = ingresskit.compile(HTTPBIN)
        self.assertEqual(base.normalize_path("/caf\u00e9/%zz"), "/caf%C3%A9/%zz")
        self.assertEqual(base.normalize_path(b"/a//b/../c"), "/a//c")
        merge = ingresskit.compile(HTTPBIN, path_normalization="MERGE_SLASHES")
        self.assertEqual(merge.normalize_path("/a//b/../c"), "/a/c")
        raw = ingresskit.compile(HTTPBIN, path_normalization="NONE")
        self.assertEqual(raw.normalize_path(b"/caf\xc3\xa9/../x"), "/caf\u00e9/../x")

    def test_paths_the_gateway_refuses_raise_path_error(self):
        t = ingresskit.compile(HTTPBIN)
        for bad in ("status", "/a%00", "/a b"):
            with self.assertRaises(ingresskit.PathError):
                t.normalize_path(bad)
            self.assertIsNone(t.match("httpbin.example.com", bad))
        self.assertTrue(issubclass(ingresskit.PathError, ValueError))


ENDPOINTS = """\
---
apiVersion: v1
kind: Service
metadata: {name: httpbin, namespace: default}
spec: {ports: [{name: http, port: 8000, targetPort: 80}]}
---
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata: {name: httpbin-1, namespace: default, labels: {kubernetes.io/service-name: httpbin}}
addressType: IPv4
endpoints:
- addresses: [10.0.0.2]
- addresses: [10.0.0.1]
- {addresses: [10.0.0.3], conditions: {ready: false}}
ports: [{name: http, port: 80}]
"""


@needs_shared
class EndpointsTest(unittest.TestCase):
    def test_routes_carry_their_ready_endpoints(self):
        t = ingresskit.compile(HTTPBIN + ENDPOINTS)
        r = t.match("httpbin.example.com", "/status/200")
        self.assertEqual(r.endpoint_status, "ready")
        self.assertEqual(r.endpoints, ("10.0.0.1:80", "10.0.0.2:80"))
        [batched] = t.match_many([("httpbin.example.com", "/status/1")])
        self.assertEqual(batched.endpoints, r.endpoints)
        with ingresskit.Router() as router:
            router.update(HTTPBIN + ENDPOINTS)
            self.assertEqual(router.match("httpbin.example.com", "/status/1").endpoints, r.endpoints)

    def test_without_endpoint_data_the_outcome_is_unknown(self):
        r = ingresskit.compile(HTTPBIN).match("httpbin.example.com", "/status/1")
        self.assertEqual(r.endpoint_status, "unknown")
        self.assertEqual(r.endpoints, ())


@needs_shared
class TlsTest(unittest.TestCase):
    TLS = """\
  tls: [{hosts: [httpbin.example.com], secretName: httpbin-credential}]
---
apiVersion: v1
kind: Secret
metadata: {name: httpbin-credential, namespace: istio-system}
type: kubernetes.io/tls
stringData: {tls.crt: CERT, tls.key: SeCrEtKeY}
"""

    def test_a_server_name_gets_its_server_and_certificate(self):
        text = HTTPBIN.rstrip("\n").replace("spec:\n", "spec:\n" + self.TLS.split("---")[0], 1)
        text += "\n---\n" + self.TLS.split("---\n", 1)[1]
        t = ingresskit.compile(text)
        s = t.tls("httpbin.example.com")
        self.assertIsNotNone(s, [str(d) for d in t.diagnostics])
        self.assertEqual(s.credential_name, "httpbin-credential")
        self.assertEqual(s.secret, "istio-system/httpbin-credential")
        self.assertEqual(s.certificate, b"CERT")
        self.assertEqual(s.private_key, b"SeCrEtKeY")
        self.assertNotIn("SeCrEtKeY", repr(s))
        self.assertIsNone(t.tls("other.org"))
        self.assertIsNone(ingresskit.compile(HTTPBIN).tls("httpbin.example.com"))

    # istio/istio#24385: `old` owns a.com's VirtualService; `new` brings
    # the HTTPS server for a.com and a path on it.
    TWO_INGRESSES = """\
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: old, namespace: default, creationTimestamp: "2024-01-01T00:00:00Z",
  annotations: {kubernetes.io/ingress.class: istio}}
spec:
  rules:
  - host: a.com
    http: {paths: [{path: /old, pathType: Prefix, backend: {service: {name: old, port: {number: 80}}}}]}
  - host: c.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: c, port: {number: 80}}}}]}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: new, namespace: default, creationTimestamp: "2024-06-01T00:00:00Z",
  annotations: {kubernetes.io/ingress.class: istio}}
spec:
  tls: [{hosts: [a.com, b.com], secretName: a-cert}]
  rules:
  - host: a.com
    http: {paths: [{path: /new, pathType: Prefix, backend: {service: {name: new, port: {number: 80}}}}]}
  - host: b.com
    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: b, port: {number: 80}}}}]}
"""

    def test_a_match_over_tls_answers_as_the_https_server_does(self):
        t = ingresskit.compile(self.TWO_INGRESSES)
        self.assertEqual(t.match("a.com", "/new").service, "new")
        self.assertIsNone(t.match("a.com", "/new", tls_server_name="a.com"))
        self.assertIsNone(t.match("a.com", "/old", tls_server_name="a.com"))
        r = t.match("b.com", "/x?q", tls_server_name="b.com")
        self.assertEqual((r.service, r.normalized_path), ("b", "/x"))
        self.assertEqual(r, t.match("b.com", "/x"))
        # No server for the name: the handshake fails, so no route.
        self.assertIsNone(t.tls("c.com"))
        self.assertIsNotNone(t.match("c.com", "/"))
        self.assertIsNone(t.match("c.com", "/", tls_server_name="c.com"))
        self.assertIsNone(t.match("c.com", "/", tls_server_name=b""))
        with ingresskit.Router() as router:
            router.update(self.TWO_INGRESSES)
            self.assertEqual(router.match("b.com", "/", tls_server_name=b"b.com").service, "b")
            self.assertIsNone(router.match("a.com", "/new", tls_server_name="a.com"))
        with self.assertRaises(TypeError):
            t.match("b.com", "/", tls_server_name=3)


@needs_shared
class ValueTest(unittest.TestCase):
    def test_routes_and_diagnostics_are_frozen_values(self):
        t = ingresskit.compile(HTTPBIN)
        a = t.match("httpbin.example.com", "/status/1")
        b = t.match("httpbin.example.com", "/status/2")
        self.assertEqual(a, b)
        self.assertEqual(hash(a), hash(b))
        with self.assertRaises(dataclasses.FrozenInstanceError):
            a.port = 80
        d1 = ingresskit.compile(BAD_HOST, controller_mode="DEFAULT").diagnostics
        d2 = ingresskit.compile(BAD_HOST, controller_mode="DEFAULT").diagnostics
        self.assertEqual(d1, d2)
        self.assertEqual(d1[0].severity, "error")
        with self.assertRaises(dataclasses.FrozenInstanceError):
            d1[0].message = ""

    def test_options_are_keyword_only(self):
        with self.assertRaises(TypeError):
            ingresskit.compile(HTTPBIN, "kubernetes")
        with self.assertRaises(TypeError):
            ingresskit.Router("kubernetes")

    def test_update_returns_the_version_it_installed(self):
        with ingresskit.Router() as router:
            versions = [router.update(HTTPBIN) for _ in range(3)]
            self.assertEqual(versions, [1, 2, 3])
            with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
                got = list(pool.map(lambda _: router.update(HTTPBIN), range(40)))
            # Each call reports its own version: all distinct, none lost.
            self.assertEqual(sorted(got), list(range(4, 44)))


class HeaderTest(unittest.TestCase):
    """_native.py against the C header it mirrors: constants, struct
    layouts (field names and C types in order) and functions."""

    HEADER = os.path.join(
        os.path.dirname(__file__), "..", "..", "..", "capi", "include", "ingresskit", "c.h"
    )

    @classmethod
    def setUpClass(cls):
        if not os.path.exists(cls.HEADER):
            raise unittest.SkipTest("no C header at %s (not a source tree)" % cls.HEADER)
        with open(cls.HEADER, encoding="utf-8") as f:
            text = f.read()
        import re

        cls.re = re
        # Comments out, so that field and argument lists read cleanly.
        cls.text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
        cls.defines = {
            name: int(value)
            for name, value in re.findall(
                r"#define INGRESSKIT_(\w+) \(?(-?\d+)\)?", cls.text
            )
        }

    def test_constants(self):
        from ingresskit import _native

        d = self.defines
        for name in ("OK", "EINVAL", "EPARSE", "EVALIDATION", "ELIMIT", "ENOMEM",
                     "EINTERNAL", "EUNSUPPORTED", "OPTIONS_VERSION",
                     "MATCH_VERSION", "TLS_VERSION", "TARGET_VERSION",
                     "ABI_VERSION"):
            self.assertEqual(getattr(_native, name), d[name], name)
        self.assertEqual(
            _native.FORMATS,
            {"istio": d["FORMAT_ISTIO_YAML"], "istio-json": d["FORMAT_ISTIO_JSON"],
             "envoy": d["FORMAT_ENVOY_JSON"], "status": d["FORMAT_STATUS_JSON"],
             "gateway-api": d["FORMAT_GATEWAY_API_YAML"]},
        )
        self.assertEqual(
            _native.SEVERITIES,
            {d["SEVERITY_ERROR"]: "error", d["SEVERITY_WARNING"]: "warning",
             d["SEVERITY_INFO"]: "info"},
        )
        self.assertEqual(
            _native.PATH_TYPES,
            {d["PATH_TYPE_UNSET"]: None, d["PATH_TYPE_EXACT"]: "Exact",
             d["PATH_TYPE_PREFIX"]: "Prefix",
             d["PATH_TYPE_IMPLEMENTATION_SPECIFIC"]: "ImplementationSpecific"},
        )
        self.assertEqual(
            sorted(_native.MATCH_STATUSES),
            sorted(v for k, v in d.items() if k.startswith("MATCH_") and k != "MATCH_VERSION"),
        )

    def _struct_fields(self, name):
        body = self.re.search(
            r"typedef struct %s \{(.*?)\} %s;" % (name, name), self.text, self.re.S
        ).group(1)
        fields = []
        for decl in body.split(";"):
            decl = " ".join(decl.split())
            if not decl:
                continue
            m = self.re.match(r"(.*?)(\w+)(\[(\d+)\])?$", decl)
            fields.append((m.group(2), m.group(1).strip(), m.group(4)))
        return fields

    def test_struct_layouts(self):
        import ctypes

        from ingresskit import _native

        c_types = {
            "uint32_t": ctypes.c_uint32, "int32_t": ctypes.c_int32,
            "uint8_t": ctypes.c_uint8, "uint64_t": ctypes.c_uint64,
            "int64_t": ctypes.c_int64, "size_t": ctypes.c_size_t,
        }
        pointers = (ctypes.c_char_p, ctypes.c_void_p)
        for c_name, py in (("ingresskit_error_t", _native.Error),
                           ("ingresskit_options_t", _native.Options),
                           ("ingresskit_diagnostic_t", _native.Diagnostic),
                           ("ingresskit_match_t", _native.Match),
                           ("ingresskit_request_t", _native.Request),
                           ("ingresskit_source_t", _native.Source),
                           ("ingresskit_tls_t", _native.Tls),
                           ("ingresskit_target_t", _native.Target)):
            header = self._struct_fields(c_name)
            self.assertEqual([f[0] for f in header], [f[0] for f in py._fields_], c_name)
            for (field, c_type, length), (_, py_type) in zip(header, py._fields_):
                where = "%s.%s" % (c_name, field)
                if length:
                    self.assertEqual(py_type, c_types.get(c_type, ctypes.c_char) * int(length), where)
                elif c_type.endswith("*"):
                    self.assertIn(py_type, pointers, where)
                else:
                    self.assertEqual(py_type, c_types[c_type], where)

    def test_every_declared_function_is_in_the_header_with_its_arity(self):
        from ingresskit import _native

        declared = {}

        class Recorder:
            def __getattr__(self, name):
                fn = type("Fn", (), {})()
                declared[name] = fn
                return fn

        _native._declare(Recorder())
        for name, fn in declared.items():
            m = self.re.search(r"\b%s\((.*?)\)" % name, self.text, self.re.S)
            self.assertIsNotNone(m, name)
            args = m.group(1).strip()
            arity = 0 if args in ("", "void") else args.count(",") + 1
            self.assertEqual(len(fn.argtypes), arity, name)

    def test_compile_takes_every_option_of_the_struct_by_name(self):
        import inspect

        fields = {
            f[0] for f in self._struct_fields("ingresskit_options_t")
            if f[0] != "version" and not f[0].endswith("_len")
        }
        for fn in (ingresskit.compile, ingresskit.Router):
            keywords = {
                n for n, p in inspect.signature(fn).parameters.items()
                if p.kind is inspect.Parameter.KEYWORD_ONLY
            }
            self.assertEqual(keywords, fields, fn.__name__)


class PackageTest(unittest.TestCase):
    def test_version(self):
        self.assertRegex(ingresskit.__version__, r"^\d+\.\d+\.\d+$")


if __name__ == "__main__":
    unittest.main()


def _ingress(name, created, paths, host="foo.com"):
    """One Ingress with host `host` and `paths` as (type, path, service)."""
    lines = [
        "---",
        "apiVersion: networking.k8s.io/v1",
        "kind: Ingress",
        "metadata:",
        f"  name: {name}",
        "  namespace: default",
        f'  creationTimestamp: "{created}"',
        "  annotations: {kubernetes.io/ingress.class: istio}",
        "spec:",
        "  rules:",
        f'  - host: "{host}"',
        "    http:",
        "      paths:",
    ]
    for kind, path, service in paths:
        lines.append(
            f'      - {{path: "{path}", pathType: {kind}, backend: '
            f"{{service: {{name: {service}, port: {{number: 80}}}}}}}}"
        )
    return "\n".join(lines) + "\n"


API_V1 = _ingress("api", "2024-01-01T00:00:00Z", [("Prefix", "/api", "api-v1")])
API_V2 = _ingress(
    "api", "2024-01-01T00:00:00Z", [("Prefix", "/api", "api-v1"), ("Prefix", "/api/v2", "api-v2")]
)


class AnalysesTest(unittest.TestCase):
    """lint, diff and route tests, as the CLI prints them."""

    def test_lint_lists_findings_with_codes(self):
        text = API_V1 + _ingress("late", "2024-02-01T00:00:00Z", [("Prefix", "/api", "late")])
        findings = ingresskit.lint(text)
        self.assertEqual([f["code"] for f in findings], ["duplicate-route"])
        f = findings[0]
        self.assertEqual(f["severity"], "warning")
        self.assertEqual(f["object"], "Ingress default/late")
        self.assertEqual(f["field"], "spec.rules[0].http.paths[0].path")
        self.assertIn("older creationTimestamp", f["message"])
        # The same through a compiled table, which remembers its text.
        self.assertEqual(ingresskit.compile(text).lint(), findings)
        # Options apply: Envoy refuses this path under Istio.
        bad = _ingress("q", "2024-01-01T00:00:00Z", [("Prefix", "/q?x", "q")])
        self.assertEqual(ingresskit.lint(bad)[0]["code"], "envoy-rejects-route")
        self.assertEqual(ingresskit.lint(bad)[0]["severity"], "error")
        with self.assertRaises(TypeError):
            ingresskit.lint(text, colour="blue")
        with self.assertRaises(ingresskit.ParseError):
            ingresskit.lint("kind: [")

    def test_diff_of_two_texts_and_of_two_semantics(self):
        d = ingresskit.diff(API_V1, API_V2)
        self.assertTrue(d["complete"])
        self.assertEqual(d["summary"]["changed"], 1)
        change = d["changes"][0]
        self.assertEqual(change["kind"], "rerouted")
        self.assertEqual((change["host"], change["path"]), ("foo.com", "/api/v2"))
        self.assertEqual(change["old"]["destination"], "api-v1.default.svc.cluster.local")
        self.assertEqual(change["new"]["destination"], "api-v2.default.svc.cluster.local")
        # Decided as printed.
        new = ingresskit.compile(API_V2)
        for path in change["examples"]:
            self.assertEqual(new.match(change["host"], path).service, "api-v2")
        self.assertEqual(ingresskit.diff(API_V1, API_V1)["changes"], [])
        wild = _ingress("w", "2024-01-01T00:00:00Z", [("Prefix", "/", "wild")], host="*.foo.com")
        s = ingresskit.diff(wild, semantics=("istio", "kubernetes"))
        self.assertEqual(s["old"]["semantics"], "istio")
        self.assertEqual([c["kind"] for c in s["changes"]], ["now_404"])
        self.assertEqual(s["changes"][0]["host_class"]["kind"], "wildcard_labels")
        with self.assertRaises(ValueError):
            ingresskit.diff(API_V1)

    def test_route_tests_from_dicts_text_and_envoy_form(self):
        t = ingresskit.compile(API_V2)
        report = t.test(
            [
                {"name": "v2", "host": "foo.com", "path": "/api/v2/x",
                 "expect": {"destination": "api-v2.default.svc.cluster.local"}},
                {"name": "wrong", "host": "foo.com", "path": "/apix",
                 "expect": {"status": 200}},
            ]
        )
        self.assertEqual(report["summary"], {"total": 2, "passed": 1, "failed": 1})
        failed = report["results"][1]
        self.assertEqual(failed["failures"], [{"field": "status", "expected": "200", "actual": "404"}])
        self.assertEqual(report["coverage"]["covered"], 1)
        self.assertEqual(report["coverage"]["routes"], 2)
        envoy = t.test(
            "tests:\n- test_name: v1\n  input: {authority: foo.com, path: /api, method: GET}\n"
            "  validate: {cluster_name: 'outbound|80||api-v1.default.svc.cluster.local'}\n"
        )
        self.assertEqual(envoy["summary"]["passed"], 1)
        with self.assertRaises(ingresskit.ValidationError) as raised:
            t.test([{"name": "typo", "host": "foo.com", "path": "/", "expect": {"stauts": 200}}])
        self.assertIn("tests[0].expect.stauts", str(raised.exception))


class GatewayApiTest(unittest.TestCase):
    """HTTPRoutes compile under gateway-api semantics, by themselves or
    when asked; an unresolved backend is None, as a 404."""

    ROUTES = """\
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw}
spec: {gatewayClassName: istio, listeners: [{name: http, port: 80, protocol: HTTP}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r}
spec:
  parentRefs: [{name: gw}]
  rules:
  - matches: [{path: {type: Exact, value: /foo}}]
    backendRefs: [{name: exact, port: 80}]
  - matches: [{path: {type: PathPrefix, value: /foo/}}]
    backendRefs: [{name: prefix, port: 80}]
  - matches: [{path: {value: /gone}}]
    backendRefs: [{name: exact, port: 9999}]
---
apiVersion: v1
kind: Service
metadata: {name: exact}
spec: {ports: [{port: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: prefix}
spec: {ports: [{port: 80}]}
"""

    def test_exact_wins_and_unresolved_is_none(self):
        for t in (ingresskit.compile(self.ROUTES), ingresskit.compile(self.ROUTES, semantics="gateway-api")):
            self.assertEqual(t.match("a.com", "/foo").service, "exact")
            self.assertEqual(t.match("a.com", "/foo/x").service, "prefix")
            self.assertIsNone(t.match("a.com", "/gone"))
            self.assertEqual(t.match_many([("a.com", "/gone"), ("a.com", "/foo")])[0], None)
            self.assertEqual(t.explain("a.com", "/gone")["decision"]["status"], 500)
            for fmt in ("envoy", "gateway-api"):
                with self.assertRaises(ingresskit.UnsupportedError):
                    t.generate(fmt)

    TLS = """\
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: istio-system}
spec:
  gatewayClassName: istio
  listeners:
  - {name: http, port: 80, protocol: HTTP}
  - name: https
    hostname: a.com
    port: 443
    protocol: HTTPS
    tls: {certificateRefs: [{name: a-cert}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: secure, namespace: istio-system}
spec:
  parentRefs: [{name: gw, sectionName: https}]
  rules: [{backendRefs: [{name: secure, port: 443}]}]
"""

    def test_https_listeners_answer_over_tls_only(self):
        t = ingresskit.compile(self.TLS)
        self.assertEqual(t.match("a.com", "/x", tls_server_name="a.com").service, "secure")
        self.assertIsNone(t.match("a.com", "/x"))
        self.assertIsNone(t.match("b.com", "/x", tls_server_name="b.com"))
        self.assertEqual(t.tls("a.com").credential_name, "a-cert")
