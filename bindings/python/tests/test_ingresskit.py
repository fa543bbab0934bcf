"""The Python package over the C ABI: conformance vectors, the API,
errors, lifetimes and threads. Run by ctest (bindings/python/CMakeLists.txt)."""

import concurrent.futures
import gc
import glob
import json
import os
import unittest

import ingresskit



def _shared(*parts):
    shared = os.environ.get("INGRESSKIT_SHARED_DIR")
    if not shared:
        raise RuntimeError("INGRESSKIT_SHARED_DIR is not set")
    return os.path.join(shared, *parts)


# The Istio task's Ingress, read where the project keeps it.
with open(_shared("examples", "istio-task-httpbin.yaml"), encoding="utf-8") as _f:
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


class ConformanceTest(unittest.TestCase):
    def test_every_case_routes_as_expected(self):
        shared = os.environ.get("INGRESSKIT_SHARED_DIR")
        if not shared:
            self.fail("INGRESSKIT_SHARED_DIR is not set")
        files = sorted(glob.glob(os.path.join(shared, "conformance", "*.json")))
        self.assertGreaterEqual(len(files), 3)
        cases = 0
        for path in files:
            with open(path, encoding="utf-8") as f:
                suite = json.load(f)
            for case in suite["cases"]:
                cases += 1
                options = {
                    k: (v if not isinstance(v, bool) else v)
                    for k, v in case["options"].items()
                }
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
        self.assertGreaterEqual(cases, 50)


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
        self.assertIn("httpbin.default.svc.cluster.local:8000", repr(r))
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
        with self.assertRaises(ValueError):
            t.generate("xml")


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


class LifetimeTest(unittest.TestCase):
    def test_with_closes(self):
        with ingresskit.compile(HTTPBIN) as t:
            self.assertFalse(t.closed)
        self.assertTrue(t.closed)

    def test_garbage_collection_frees_without_close(self):
        for _ in range(200):
            ingresskit.compile(HTTPBIN).match("httpbin.example.com", "/status/1")
        gc.collect()


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


class PackageTest(unittest.TestCase):
    def test_version(self):
        self.assertRegex(ingresskit.__version__, r"^\d+\.\d+\.\d+$")


if __name__ == "__main__":
    unittest.main()
