"""ingresskit: Istio's Kubernetes Ingress routing, from Python.

    import ingresskit
    table = ingresskit.compile(open("ingress.yaml").read())
    route = table.match("httpbin.example.com", "/status/200")
    if route:
        print(route.destination, route.port)

Pure ctypes over the library's C ABI (libingresskit.so), found through
INGRESSKIT_LIBRARY, next to this package, in the repository's build tree,
or on the system, in that order.

Tables and routers are safe to share between threads; ctypes releases the
GIL while the library matches. close() (or a `with` block) releases the
native object at once; using it afterwards raises ClosedError.
"""

import array
import ctypes
import dataclasses
import inspect
import itertools
import json
import threading
from typing import Literal, Optional, Union

from . import _native

_lib = _native.load()

__version__ = _lib.ingresskit_version().decode()

# The array typecode whose items are size_t.
_SIZE_T_CODE = next(
    code for code in ("L", "Q", "I") if array.array(code).itemsize == ctypes.sizeof(ctypes.c_size_t)
)
__all__ = [
    "compile",
    "diff",
    "lint",
    "Table",
    "Router",
    "Route",
    "Diagnostic",
    "TlsServer",
    "Error",
    "ParseError",
    "ValidationError",
    "LimitError",
    "UnsupportedError",
    "PathError",
    "ClosedError",
    "__version__",
]


class Error(Exception):
    """A failed call; `code` is the C ABI's status code."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message


class ParseError(Error):
    """The text is not well-formed YAML or JSON."""


class ValidationError(Error):
    """An object is invalid and `strict` was set."""


class LimitError(Error):
    """A configured limit was exceeded (size, nesting, routes)."""


class UnsupportedError(Error):
    """Not supported by this build (yet)."""


class PathError(Error, ValueError):
    """A request path the gateway refuses (it would answer 400)."""


class ClosedError(Error, ValueError):
    """The table or router was closed."""


_ERRORS = {
    _native.EPARSE: ParseError,
    _native.EVALIDATION: ValidationError,
    _native.ELIMIT: LimitError,
    _native.EUNSUPPORTED: UnsupportedError,
    _native.EBADPATH: PathError,
}


def _raise(code, err):
    message = err.message.decode("utf-8", "replace") or _lib.ingresskit_status_str(
        code
    ).decode()
    if code == _native.ENOMEM:
        raise MemoryError(message)
    if code == _native.EINVAL:
        raise ValueError(message)
    raise _ERRORS.get(code, Error)(code, message)


def _check(code, err):
    if code != _native.OK:
        _raise(code, err)


def _bytes(value, what, index=None):
    """value as bytes: str is encoded as UTF-8, bytes pass as they are.

    A str that UTF-8 cannot encode (a lone surrogate, as decoding bytes with
    "surrogateescape" leaves) is refused with an error naming the argument:
    pass bytes for data that is not UTF-8."""
    if isinstance(value, bytes):
        return value
    name = what if index is None else "pairs[%d] %s" % (index, what)
    if isinstance(value, str):
        try:
            return value.encode("utf-8")
        except UnicodeEncodeError as e:
            raise UnicodeEncodeError(
                e.encoding, e.object, e.start, e.end,
                "%s: %s; pass bytes for data that is not UTF-8" % (name, e.reason),
            ) from None
    raise TypeError("%s must be str or bytes, not %s" % (name, type(value).__name__))


Semantics = Literal["istio", "kubernetes"]
ControllerMode = Literal["DEFAULT", "STRICT", "OFF"]
GlobPrefix = Literal["path_separated", "string"]
PathNormalization = Literal["NONE", "BASE", "MERGE_SLASHES", "DECODE_AND_MERGE_SLASHES"]


def _options(given):
    """The C options struct for the keyword arguments of compile() or
    Router() that are not None, plus the byte strings it points to (keep
    them alive for as long as the struct is used). The library checks every
    name and value (ingresskit_options_set), so this package keeps no table
    of its own."""
    o = _native.Options()
    _lib.ingresskit_options_init(ctypes.byref(o), _native.OPTIONS_VERSION)
    keep = []
    err = _native.Error()
    for name, value in given.items():
        if value is None:
            continue
        if isinstance(value, bool):
            text = b"true" if value else b"false"
        elif isinstance(value, int):
            text = str(value).encode()
        else:
            text = _bytes(value, name)
        keep.append(text)
        key = name.encode()
        _check(
            _lib.ingresskit_options_set(
                ctypes.byref(o), key, len(key), text, len(text), ctypes.byref(err)
            ),
            err,
        )
    return o, keep


@dataclasses.dataclass(frozen=True, slots=True)
class Route:
    """Where a request goes. A plain copy: it outlives its table."""

    destination: str  # "httpbin.default.svc.cluster.local"
    port: int
    cluster: str  # "outbound|8000||httpbin.default.svc.cluster.local"
    service: str
    namespace: str  # The Service's namespace.
    ingress: str  # "namespace/name" of the Ingress the route came from.
    path: str  # The Ingress path, as written there.
    path_type: Optional[str]  # "Exact", "Prefix", "ImplementationSpecific" or None.
    index: int  # Position in its virtual host's routes.
    host: str  # The virtual host it matched: "*", "*.example.com", ...
    default_backend: bool  # The Kubernetes semantics' defaultBackend.
    # Where a proxy sends the request: "ready" (to one of `endpoints`),
    # "no-ready-endpoints" (it answers 503) or "unknown" (the input has no
    # endpoint data: it uses the DNS name `destination`).
    endpoint_status: Literal["ready", "no-ready-endpoints", "unknown"] = "unknown"
    # Ready endpoints, "address:port" ("[address]:port" for IPv6), sorted.
    endpoints: tuple = ()
    # The request's path as the gateway routed it and forwards it upstream
    # (normalised, without the query), from match(); None from
    # match_many(), whose Routes are shared by every request to a route.
    # Not part of equality: it belongs to the request, not the route.
    normalized_path: Optional[str] = dataclasses.field(default=None, compare=False)

    @classmethod
    def _from_match(cls, m):
        v = _native.view
        return cls(
            destination=v(m.destination, m.destination_len),
            port=m.port,
            cluster=v(m.cluster, m.cluster_len),
            service=v(m.service, m.service_len),
            namespace=v(m.service_namespace, m.service_namespace_len),
            ingress="%s/%s"
            % (
                v(m.ingress_namespace, m.ingress_namespace_len),
                v(m.ingress_name, m.ingress_name_len),
            ),
            path=v(m.path, m.path_len),
            path_type=_native.PATH_TYPES.get(m.path_type),
            index=m.route_index,
            host=v(m.virtual_host, m.virtual_host_len),
            default_backend=bool(m.is_default_backend),
        )


@dataclasses.dataclass(frozen=True, slots=True)
class TlsServer:
    """The HTTPS server a TLS server name gets, and its certificate."""

    server: str  # "https-443-ingress-<ingress>-<namespace>-<i>"
    credential_name: str  # The Ingress's secretName.
    secret: str  # "<gateway namespace>/<credential name>", where Istio reads it.
    # The Secret's PEM bytes, unchanged; None when the input lacks the Secret.
    certificate: Optional[bytes]
    # Never in repr(): it is a private key.
    private_key: Optional[bytes] = dataclasses.field(repr=False)


@dataclasses.dataclass(frozen=True, slots=True)
class Diagnostic:
    """Something compiling reported about the input."""

    severity: Literal["error", "warning", "info"]
    code: int  # The category, as a C ABI status code (ingresskit.EPARSE, ...).
    object: str  # "Ingress default/web"; may be empty.
    field: str  # "spec.rules[0].host"; may be empty.
    line: Optional[int]  # 1-based; None when unknown.
    column: Optional[int]
    message: str

    @classmethod
    def _from_native(cls, d):
        v = _native.view
        return cls(
            severity=_native.SEVERITIES.get(d.severity, "error"),
            code=d.code,
            object=v(d.object, d.object_len),
            field=v(d.field, d.field_len),
            line=d.line or None,
            column=d.column or None,
            message=v(d.message, d.message_len),
        )

    def __str__(self):
        where = self.field
        if self.line:
            where += (" " if where else "") + "(line %d, column %d)" % (
                self.line,
                self.column,
            )
        parts = [self.severity]
        if self.object:
            parts.append(self.object)
        if where:
            parts.append(where)
        return ": ".join(parts + [self.message])


class _Handle:
    """A native handle that close() frees once no call is using it."""

    _kind = "object"

    def __init__(self, handle, free):
        self._handle = handle
        self._free = free
        self._users = 0
        self._closing = False
        self._cond = threading.Condition()

    def _acquire(self):
        with self._cond:
            if self._handle is None or self._closing:
                raise ClosedError(_native.EINVAL, "%s is closed" % self._kind)
            self._users += 1
            return self._handle

    def _release(self):
        with self._cond:
            self._users -= 1
            if self._users == 0:
                self._cond.notify_all()

    def close(self):
        """Frees the native object; idempotent."""
        with self._cond:
            if self._handle is None:
                return
            self._closing = True
            while self._users:
                self._cond.wait()
            handle, self._handle = self._handle, None
        self._free(handle)

    @property
    def closed(self):
        return self._handle is None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:
            pass


def _json_call(function, *args):
    """Calls a C function that hands out a JSON buffer (its last three
    arguments: out, out_len, err) and returns the parsed value."""
    out = ctypes.c_void_p()
    out_len = ctypes.c_size_t()
    err = _native.Error()
    _check(function(*args, ctypes.byref(out), ctypes.byref(out_len), ctypes.byref(err)), err)
    try:
        return json.loads(ctypes.string_at(out, out_len.value).decode("utf-8", "replace"))
    finally:
        _lib.ingresskit_free(out)


def _lint(source, options):
    """ingresskit_lint on one source (bytes) with the options struct."""
    name = b"<input>"
    src = _native.Source(name, len(name), source, len(source))
    o, keep = _options(options)
    try:
        return _json_call(_lib.ingresskit_lint, ctypes.byref(src), 1, ctypes.byref(o))
    finally:
        del keep


def _normalize(handle, path_bytes):
    """The normalised path of path_bytes on the table `handle`, as str (its
    bytes are ASCII once normalised; without normalisation, undecodable
    bytes are kept as surrogates)."""
    cap = max(1, 3 * len(path_bytes))
    buf = ctypes.create_string_buffer(cap)
    out_len = ctypes.c_size_t()
    err = _native.Error()
    _check(
        _lib.ingresskit_table_normalize_path(
            handle, path_bytes, len(path_bytes), buf, cap, ctypes.byref(out_len),
            ctypes.byref(err),
        ),
        err,
    )
    return buf.raw[: out_len.value].decode("utf-8", "surrogateescape")


class _Strings(dict):
    """str of a (address, length) view, copied out of the library once."""

    def __missing__(self, key):
        text = self[key] = _native.view(*key)
        return text


class _RouteReader:
    """Route objects for route ids of one table, many per call into the
    library (ingresskit_table_route_batch), each distinct string copied out
    once: the table keeps every string once, so a view's address names it,
    and a destination's endpoints are the same for all its routes."""

    def __init__(self):
        self._strings = _Strings()
        self._ingresses = {}  # (namespace view, name view) -> "ns/name"
        self._endpoints = {}  # cluster view -> (status, endpoints)

    def read(self, handle, route_ids):
        """The Routes of `route_ids` (a list), in order."""
        count = len(route_ids)
        matches = (_native.Match * count)()
        targets = (_native.Target * count)()
        for m in matches:
            m.version = _native.MATCH_VERSION
        for t in targets:
            t.version = _native.TARGET_VERSION
        err = _native.Error()
        _check(
            _lib.ingresskit_table_route_batch(
                handle, (ctypes.c_uint64 * count)(*route_ids), count, matches, targets,
                ctypes.byref(err),
            ),
            err,
        )
        no_endpoints = {}  # endpoint_status -> (name, ()) for routes without any
        strings = self._strings
        ingresses = self._ingresses
        endpoint_cache = self._endpoints
        path_types = _native.PATH_TYPES
        out = []
        # Field by field as _native.Match declares them (MATCH_LAYOUT).
        for route_id, (
            _version, _matched, default_backend, _status, port, index, path_type,
            destination, destination_len, cluster, cluster_len,
            service, service_len, namespace, namespace_len,
            ingress_name, ingress_name_len, ingress_namespace, ingress_namespace_len,
            path, path_len, host, host_len,
        ), target in zip(
            route_ids,
            _native.MATCH_LAYOUT.iter_unpack(matches),
            _native.TARGET_LAYOUT.iter_unpack(targets),
        ):
            key = (ingress_namespace, ingress_namespace_len, ingress_name, ingress_name_len)
            ingress = ingresses.get(key)
            if ingress is None:
                ingress = ingresses[key] = "%s/%s" % (
                    strings[ingress_namespace, ingress_namespace_len],
                    strings[ingress_name, ingress_name_len],
                )
            # (version, status, route_id, port, endpoint_status, endpoint_count, ...)
            endpoint_status, endpoint_count = target[4], target[5]
            if endpoint_count == 0:
                endpoints = no_endpoints.get(endpoint_status)
                if endpoints is None:
                    endpoints = no_endpoints[endpoint_status] = (
                        _native.ENDPOINT_STATUSES.get(endpoint_status, "unknown"),
                        (),
                    )
            else:
                endpoints = endpoint_cache.get((cluster, cluster_len))
                if endpoints is None:
                    endpoints = endpoint_cache[cluster, cluster_len] = _endpoints(
                        handle, route_id
                    )
            out.append(
                Route(
                    strings[destination, destination_len],
                    port,
                    strings[cluster, cluster_len],
                    strings[service, service_len],
                    strings[namespace, namespace_len],
                    ingress,
                    strings[path, path_len],
                    path_types.get(path_type),
                    index,
                    strings[host, host_len],
                    bool(default_backend),
                    *endpoints,
                )
            )
        return out


def _endpoints(handle, route_id):
    """(endpoint_status, endpoints) of route `route_id`."""
    err = _native.Error()
    status = ctypes.c_int32()
    count = ctypes.c_size_t()
    _check(
        _lib.ingresskit_table_route_endpoints(
            handle, route_id, ctypes.byref(status), ctypes.byref(count), ctypes.byref(err)
        ),
        err,
    )
    endpoints = []
    data = ctypes.c_void_p()
    length = ctypes.c_size_t()
    for i in range(count.value):
        _check(
            _lib.ingresskit_table_route_endpoint(
                handle, route_id, i, ctypes.byref(data), ctypes.byref(length), ctypes.byref(err)
            ),
            err,
        )
        endpoints.append(_native.view(data.value, length.value))
    return _native.ENDPOINT_STATUSES.get(status.value, "unknown"), tuple(endpoints)


def _route_by_id(handle, route_id):
    """Route `route_id` of the table `handle`, its endpoints included."""
    return _RouteReader().read(handle, [route_id])[0]


def _pack_pairs(pairs):
    """(host, path) pairs as one buffer and its 2 * len(pairs) lengths
    (array of size_t): str pairs of ASCII text joined and encoded in one
    go, anything else one string at a time, refused by name if it is not
    str or bytes."""
    try:
        two_each = set(map(len, pairs)) == {2}
    except TypeError:
        two_each = False
    if two_each:
        flat = list(itertools.chain.from_iterable(pairs))
        try:
            text = "".join(flat)
        except TypeError:  # bytes, or something to refuse by name.
            text = None
        if text is not None and text.isascii():
            # ASCII: a str's length is its UTF-8 length.
            return text.encode("ascii"), array.array(_SIZE_T_CODE, map(len, flat))
    encoded = []
    for i, pair in enumerate(pairs):
        try:
            h, p = pair
        except (TypeError, ValueError):
            raise ValueError("match_many takes (host, path) pairs") from None
        encoded.append(_bytes(h, "host", i))
        encoded.append(_bytes(p, "path", i))
    return b"".join(encoded), array.array(_SIZE_T_CODE, map(len, encoded))


def _match_one(handle, h, p, routes):
    """The Route serving (h, p) on the table `handle`, with the normalised
    path; `routes` caches Routes by id."""
    data = h + p
    lengths = (ctypes.c_size_t * 2)(len(h), len(p))
    ids = (ctypes.c_int64 * 1)()
    err = _native.Error()
    _check(
        _lib.ingresskit_table_match_packed(handle, data, len(data), lengths, 1, ids, ctypes.byref(err)),
        err,
    )
    route_id = ids[0]
    if route_id < 0:
        return None
    route = routes.get(route_id)
    if route is None:
        route = routes[route_id] = _route_by_id(handle, route_id)
    return dataclasses.replace(route, normalized_path=_normalize(handle, p))


def _match_tls_one(handle, sni, h, p, routes):
    """_match_one for a request that arrived over TLS naming `sni`: None
    when no HTTPS server accepts the name or its route configuration has no
    route for the request."""
    m = _native.new_match(_lib)
    route_id = ctypes.c_int64(-1)
    err = _native.Error()
    _check(
        _lib.ingresskit_table_match_tls(
            handle, sni, len(sni), h, len(h), p, len(p), ctypes.byref(m),
            ctypes.byref(route_id), ctypes.byref(err),
        ),
        err,
    )
    if route_id.value < 0:
        return None
    route = routes.get(route_id.value)
    if route is None:
        route = routes[route_id.value] = _route_by_id(handle, route_id.value)
    return dataclasses.replace(route, normalized_path=_normalize(handle, p))


def _match_either(handle, h, p, tls_server_name, routes):
    if tls_server_name is None:
        return _match_one(handle, h, p, routes)
    sni = _bytes(tls_server_name, "tls_server_name")
    return _match_tls_one(handle, sni, h, p, routes)


class Table(_Handle):
    """A compiled, immutable route table. Create with compile()."""

    _kind = "table"

    def __init__(self, handle):
        super().__init__(handle, _lib.ingresskit_table_free)
        self._diagnostics = None
        # Route objects by route id, filled as requests reach them: a batch
        # copies each route's strings once, not once per request.
        self._routes = {-1: None}
        self._reader = _RouteReader()
        # (text, options) when compiled from text: what lint() reads.
        self._source = None

    def match(
        self,
        host: Union[str, bytes],
        path: Union[str, bytes],
        tls_server_name: Union[str, bytes, None] = None,
    ) -> Optional[Route]:
        """The Route serving (host, path), or None (404, or a request the
        gateway cannot read).

        With `tls_server_name` (the SNI; "" for a client that sends none)
        the request arrived over TLS and is answered as Istio's gateway
        answers it: by the route configuration of the HTTPS server that
        name selects, so a route that serves plain HTTP can be None here
        (istio/istio#24385). None too when no server accepts the name: the
        handshake would fail (Table.tls says which server a name gets)."""
        h = _bytes(host, "host")
        p = _bytes(path, "path")
        handle = self._acquire()
        try:
            # Copies out while the table is held.
            return _match_either(handle, h, p, tls_server_name, self._routes)
        finally:
            self._release()

    def match_many(self, pairs):
        """match() for each (host, path) pair, in one call into the library.
        Requests that reach the same route share one Route object."""
        pairs = pairs if isinstance(pairs, (list, tuple)) else list(pairs)
        n = len(pairs)
        if n == 0:
            return []
        data, lengths = _pack_pairs(pairs)
        ids = array.array("q", bytes(8 * n))
        err = _native.Error()
        handle = self._acquire()
        try:
            code = _lib.ingresskit_table_match_packed(
                handle, data, len(data),
                (ctypes.c_size_t * (2 * n)).from_buffer(lengths), n,
                (ctypes.c_int64 * n).from_buffer(ids), ctypes.byref(err),
            )
            _check(code, err)
            routes = self._routes
            new = list(set(ids).difference(routes))
            if new:
                routes.update(zip(new, self._reader.read(handle, new)))
            return list(map(routes.__getitem__, ids))
        finally:
            self._release()

    def normalize_path(self, path: Union[str, bytes]) -> str:
        """The path the gateway routes on and forwards upstream: `path`
        without its query and fragment, normalised per the table's
        path_normalization (a proxy forwards it followed by the query).
        Raises PathError for a path the gateway refuses."""
        p = _bytes(path, "path")
        handle = self._acquire()
        try:
            return _normalize(handle, p)
        finally:
            self._release()

    def tls(self, server_name: Union[str, bytes]) -> Optional[TlsServer]:
        """The HTTPS server a TLS client naming `server_name` (SNI; "" for
        none) is served by, or None when no server accepts the name (the
        handshake fails)."""
        name = _bytes(server_name, "server_name")
        out = _native.Tls()
        _lib.ingresskit_tls_init(ctypes.byref(out), _native.TLS_VERSION)
        err = _native.Error()
        handle = self._acquire()
        try:
            _check(
                _lib.ingresskit_table_tls(handle, name, len(name), ctypes.byref(out), ctypes.byref(err)),
                err,
            )
            if not out.found:
                return None

            def raw(pointer, length):
                return ctypes.string_at(pointer, length) if out.secret_found else None

            return TlsServer(
                server=_native.view(out.server, out.server_len),
                credential_name=_native.view(out.credential_name, out.credential_name_len),
                secret=_native.view(out.secret, out.secret_len),
                certificate=raw(out.certificate, out.certificate_len),
                private_key=raw(out.private_key, out.private_key_len),
            )
        finally:
            self._release()

    def explain(self, host: Union[str, bytes], path: Union[str, bytes]) -> dict:
        """Why (host, path) goes where it goes, as `ingresskit explain`
        prints it: request, normalized, host_selection, routes, winner,
        shadowed and decision (docs/analyze.md). Its decision is match()'s."""
        h = _bytes(host, "host")
        p = _bytes(path, "path")
        handle = self._acquire()
        try:
            return _json_call(_lib.ingresskit_table_explain, handle, h, len(h), p, len(p))
        finally:
            self._release()

    def lint(self) -> list:
        """Findings about the compiled text that is valid but almost surely
        wrong, as `ingresskit lint --output json` lists them: dicts with
        code, severity, object, field, line, source and message
        (docs/analyze.md). Lints the text and options this table was
        compiled from."""
        if self._source is None:
            raise Error(-1, "this table was not compiled from text by compile()")
        return _lint(*self._source)

    def test(self, tests) -> dict:
        """Runs route tests against the table, as `ingresskit test --output
        json`: tests is YAML or JSON text (ingresskit's form or Envoy's
        router_check form), a list of test dicts ({name, host, path,
        expect: {status, destination, port, cluster, ingress}}) or a dict
        with "tests". Returns {summary, results, coverage}; a malformed
        test raises ValidationError naming it."""
        if isinstance(tests, list):
            tests = {"tests": tests}
        if isinstance(tests, dict):
            tests = json.dumps(tests)
        text = _bytes(tests, "tests")
        handle = self._acquire()
        try:
            return _json_call(_lib.ingresskit_table_test, handle, text, len(text))
        finally:
            self._release()

    def generate(self, fmt="istio"):
        """The configuration Istio would generate: fmt is "istio" (YAML),
        "istio-json", "envoy" or "status"; or "gateway-api", the Gateway and
        HTTPRoutes that route as the Ingresses do (what `ingresskit migrate`
        writes, without its proof), for a table of semantics "istio"."""
        try:
            code_fmt = _native.FORMATS[fmt]
        except (KeyError, TypeError):
            raise ValueError(
                "fmt must be one of %s, not %r" % (", ".join(_native.FORMATS), fmt)
            ) from None
        out = ctypes.c_void_p()
        out_len = ctypes.c_size_t()
        err = _native.Error()
        handle = self._acquire()
        try:
            code = _lib.ingresskit_table_generate(
                handle, code_fmt, ctypes.byref(out), ctypes.byref(out_len),
                ctypes.byref(err)
            )
            _check(code, err)
            try:
                return ctypes.string_at(out, out_len.value).decode("utf-8")
            finally:
                _lib.ingresskit_free(out)
        finally:
            self._release()

    @property
    def diagnostics(self):
        """What compiling reported (errors, warnings, infos), in order."""
        if self._diagnostics is None:
            handle = self._acquire()
            try:
                result = []
                err = _native.Error()
                for i in range(_lib.ingresskit_table_diagnostic_count(handle)):
                    d = _native.Diagnostic()
                    _check(
                        _lib.ingresskit_table_diagnostic(
                            handle, i, ctypes.byref(d), ctypes.byref(err)
                        ),
                        err,
                    )
                    result.append(Diagnostic._from_native(d))
                self._diagnostics = result
            finally:
                self._release()
        return list(self._diagnostics)

    @property
    def route_count(self):
        handle = self._acquire()
        try:
            return _lib.ingresskit_table_route_count(handle)
        finally:
            self._release()


def compile(  # noqa: A001 - the library's verb.
    text: Union[str, bytes],
    *,
    semantics: Optional[Semantics] = None,
    controller_mode: Optional[ControllerMode] = None,
    ingress_class: Optional[str] = None,
    domain_suffix: Optional[str] = None,
    ingress_namespace: Optional[str] = None,
    ingress_selector: Optional[str] = None,
    ingress_service: Optional[str] = None,
    glob_prefix: Optional[GlobPrefix] = None,
    path_normalization: Optional[PathNormalization] = None,
    strict: Optional[bool] = None,
    max_document_bytes: Optional[int] = None,
    max_nesting_depth: Optional[int] = None,
    max_routes: Optional[int] = None,
    max_path_bytes: Optional[int] = None,
    max_request_path_bytes: Optional[int] = None,
) -> "Table":
    """Compiles Kubernetes YAML or JSON (str or bytes) into a Table.

    Every option is keyword-only; None (the default) keeps the library's
    default, a stock Istio install:

    - semantics: "istio" (default), or "kubernetes" for the Ingress spec's
      rules (longest match, default backend).
    - controller_mode: meshConfig.ingressControllerMode, "STRICT" (default),
      "DEFAULT" (also Ingresses that name no class) or "OFF".
    - ingress_class: the class Istio serves ("istio").
    - domain_suffix: destinations are SERVICE.NAMESPACE.svc.SUFFIX
      ("cluster.local").
    - ingress_namespace, ingress_selector, ingress_service: the gateway's
      namespace ("istio-system"), pod label ("ingressgateway") and Service
      ("istio-ingressgateway").
    - glob_prefix: how /* and .* paths match, "path_separated" (default,
      current Istio) or "string" (Istio 1.13 and earlier).
    - path_normalization: meshConfig.pathNormalization, "BASE" (default),
      "NONE", "MERGE_SLASHES" or "DECODE_AND_MERGE_SLASHES".
    - strict: any error fails the whole compile (False).
    - max_document_bytes (8 MiB), max_nesting_depth (64), max_routes
      (100000), max_path_bytes (8192), max_request_path_bytes (65536).

    Raises ParseError, LimitError or (strict) ValidationError, and
    ValueError for a bad option; objects with errors are otherwise left out
    and listed in Table.diagnostics.
    """
    options = {k: v for k, v in locals().items() if k in _OPTION_NAMES}
    source = _bytes(text, "text")
    o, keep = _options(options)
    handle = ctypes.c_void_p()
    err = _native.Error()
    code = _lib.ingresskit_table_compile(
        source, len(source), ctypes.byref(o), ctypes.byref(handle), ctypes.byref(err)
    )
    del keep
    _check(code, err)
    table = Table(handle.value)
    table._source = (source, options)
    return table


def lint(text: Union[str, bytes], **options) -> list:
    """Findings about Kubernetes YAML or JSON that is valid but almost
    surely wrong (`ingresskit lint`): a list of dicts with code, severity,
    object, field, line, source and message. Options as for compile().
    Raises as compile() does when the text does not compile."""
    _check_option_names(options)
    return _lint(_bytes(text, "text"), options)


def diff(
    old_text: Union[str, bytes],
    new_text: Union[str, bytes, None] = None,
    *,
    semantics: Union[str, tuple, None] = None,
    all: bool = False,  # noqa: A002 - the CLI's --all.
    **options,
) -> dict:
    """Which requests change destination between two configurations, as
    `ingresskit diff` prints it: {old, new, complete, summary {classes,
    changed}, changes [...]}, exact (docs/analyze.md).

    diff(old_text, new_text, **options) compares two texts compiled with the
    same options (semantics="kubernetes" among them, if wanted);
    diff(text, semantics=("istio", "kubernetes"), **options) compares one
    text under two semantics, the first as old. all=True also lists
    requests that keep their backend through another route."""
    _check_option_names(options)
    if isinstance(semantics, (tuple, list)):
        if new_text is not None or len(semantics) != 2:
            raise ValueError("semantics=(old, new) compares one text: give no new_text")
        old = compile(old_text, semantics=semantics[0], **options)
        new = compile(old_text, semantics=semantics[1], **options)
    else:
        if new_text is None:
            raise ValueError("diff needs new_text, or semantics=(old, new)")
        old = compile(old_text, semantics=semantics, **options)
        new = compile(new_text, semantics=semantics, **options)
    with old, new:
        a = old._acquire()
        b = new._acquire()
        try:
            return _json_call(_lib.ingresskit_diff, a, b, 1 if all else 0)
        finally:
            old._release()
            new._release()


# The keyword-only options of compile() (and Router()), by name: the
# library's option names (CompileOptionSpecs), checked by the tests.
_OPTION_NAMES = frozenset(
    name
    for name, p in inspect.signature(compile).parameters.items()
    if p.kind is inspect.Parameter.KEYWORD_ONLY
)


def _check_option_names(options):
    unknown = sorted(set(options) - _OPTION_NAMES)
    if unknown:
        raise TypeError(f"unknown option {unknown[0]!r}: see compile()")


class Router(_Handle):
    """The current table for hot reload: update() swaps in a new one, or
    keeps the last good one and raises. Takes the keyword-only options of
    compile(), used for every update."""

    _kind = "router"

    def __init__(
        self,
        *,
        semantics: Optional[Semantics] = None,
        controller_mode: Optional[ControllerMode] = None,
        ingress_class: Optional[str] = None,
        domain_suffix: Optional[str] = None,
        ingress_namespace: Optional[str] = None,
        ingress_selector: Optional[str] = None,
        ingress_service: Optional[str] = None,
        glob_prefix: Optional[GlobPrefix] = None,
        path_normalization: Optional[PathNormalization] = None,
        strict: Optional[bool] = None,
        max_document_bytes: Optional[int] = None,
        max_nesting_depth: Optional[int] = None,
        max_routes: Optional[int] = None,
        max_path_bytes: Optional[int] = None,
        max_request_path_bytes: Optional[int] = None,
    ):
        options = {k: v for k, v in locals().items() if k in _OPTION_NAMES}
        o, keep = _options(options)
        handle = ctypes.c_void_p()
        err = _native.Error()
        code = _lib.ingresskit_router_new(
            ctypes.byref(o), ctypes.byref(handle), ctypes.byref(err)
        )
        del keep
        _check(code, err)
        super().__init__(handle.value, _lib.ingresskit_router_free)

    def update(self, text: Union[str, bytes]) -> int:
        """Compiles `text` and makes it current; returns the version this
        update installed (another thread's update may follow it at once)."""
        source = _bytes(text, "text")
        err = _native.Error()
        version = ctypes.c_uint64()
        handle = self._acquire()
        try:
            _check(
                _lib.ingresskit_router_commit(
                    handle, source, len(source), ctypes.byref(version), ctypes.byref(err)
                ),
                err,
            )
            return version.value
        finally:
            self._release()

    def match(self, host, path, tls_server_name=None):
        """Like Table.match, on the current table."""
        h = _bytes(host, "host")
        p = _bytes(path, "path")
        table = ctypes.c_void_p()
        err = _native.Error()
        handle = self._acquire()
        try:
            # One reference to the current table answers the whole call.
            _check(
                _lib.ingresskit_router_acquire(handle, ctypes.byref(table), None, ctypes.byref(err)),
                err,
            )
            try:
                return _match_either(table, h, p, tls_server_name, {})
            finally:
                _lib.ingresskit_table_free(table)
        finally:
            self._release()

    @property
    def version(self):
        """0 before the first successful update; grows by one with each."""
        handle = self._acquire()
        try:
            return _lib.ingresskit_router_version(handle)
        finally:
            self._release()
