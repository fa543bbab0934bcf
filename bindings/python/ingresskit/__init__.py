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
import threading

from . import _native

_lib = _native.load()

__version__ = _lib.ingresskit_version().decode()

# The array typecode whose items are size_t.
_SIZE_T_CODE = next(
    code for code in ("L", "Q", "I") if array.array(code).itemsize == ctypes.sizeof(ctypes.c_size_t)
)
__all__ = [
    "compile",
    "Table",
    "Router",
    "Route",
    "Diagnostic",
    "Error",
    "ParseError",
    "ValidationError",
    "LimitError",
    "UnsupportedError",
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


class ClosedError(Error, ValueError):
    """The table or router was closed."""


_ERRORS = {
    _native.EPARSE: ParseError,
    _native.EVALIDATION: ValidationError,
    _native.ELIMIT: LimitError,
    _native.EUNSUPPORTED: UnsupportedError,
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


def _choice(table, value, what):
    try:
        return table[value]
    except (KeyError, TypeError):
        raise ValueError(
            "%s must be one of %s, not %r" % (what, ", ".join(sorted(table)), value)
        ) from None


_STRING_OPTIONS = (
    "ingress_class",
    "domain_suffix",
    "ingress_namespace",
    "ingress_selector",
    "ingress_service",
)
_LIMIT_OPTIONS = (
    "max_document_bytes",
    "max_routes",
    "max_path_bytes",
    "max_request_path_bytes",
    "max_nesting_depth",
)


def _options(
    semantics="istio",
    controller_mode="STRICT",
    glob_prefix="path_separated",
    path_normalization="BASE",
    strict=False,
    **rest,
):
    """The C options struct, plus the byte strings it points to (keep them
    alive for as long as the struct is used)."""
    o = _native.Options()
    o.version = _native.OPTIONS_VERSION
    o.semantics = _choice(_native.SEMANTICS, semantics, "semantics")
    o.controller_mode = _choice(
        _native.CONTROLLER_MODES, controller_mode, "controller_mode"
    )
    o.glob_prefix = _choice(_native.GLOB_PREFIXES, glob_prefix, "glob_prefix")
    o.path_normalization = _choice(
        _native.PATH_NORMALIZATIONS, path_normalization, "path_normalization"
    )
    o.strict = 1 if strict else 0
    keep = []
    for name in list(rest):
        if name in _STRING_OPTIONS:
            value = _bytes(rest.pop(name), name)
            keep.append(value)
            setattr(o, name, value)
            setattr(o, name + "_len", len(value))
        elif name in _LIMIT_OPTIONS:
            value = rest.pop(name)
            if not isinstance(value, int) or value < 0:
                raise ValueError("%s must be a non-negative int" % name)
            setattr(o, name, value)
    if rest:
        raise TypeError("unknown option(s): " + ", ".join(sorted(rest)))
    return o, keep


class Route:
    """Where a request goes. A plain copy: it outlives its table."""

    __slots__ = (
        "destination",
        "port",
        "cluster",
        "service",
        "namespace",
        "ingress",
        "path",
        "path_type",
        "index",
        "host",
        "default_backend",
    )

    def __init__(self, m):
        v = _native.view
        self.destination = v(m.destination, m.destination_len)
        self.port = m.port
        self.cluster = v(m.cluster, m.cluster_len)
        self.service = v(m.service, m.service_len)
        self.namespace = v(m.service_namespace, m.service_namespace_len)
        self.ingress = "%s/%s" % (
            v(m.ingress_namespace, m.ingress_namespace_len),
            v(m.ingress_name, m.ingress_name_len),
        )
        self.path = v(m.path, m.path_len)
        self.path_type = _native.PATH_TYPES.get(m.path_type)
        self.index = m.route_index
        self.host = v(m.virtual_host, m.virtual_host_len)
        self.default_backend = bool(m.is_default_backend)

    def __repr__(self):
        return "Route(%s:%d from Ingress %s, path %r)" % (
            self.destination,
            self.port,
            self.ingress,
            self.path,
        )


class Diagnostic:
    """Something compiling reported about the input."""

    __slots__ = ("severity", "code", "object", "field", "line", "column", "message")

    def __init__(self, d):
        v = _native.view
        self.severity = _native.SEVERITIES.get(d.severity, "error")
        self.code = d.code
        self.object = v(d.object, d.object_len)
        self.field = v(d.field, d.field_len)
        self.line = d.line or None
        self.column = d.column or None
        self.message = v(d.message, d.message_len)

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

    __repr__ = __str__


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


def _route_or_none(m):
    return Route(m) if m.matched else None


class Table(_Handle):
    """A compiled, immutable route table. Create with compile()."""

    _kind = "table"

    def __init__(self, handle):
        super().__init__(handle, _lib.ingresskit_table_free)
        self._diagnostics = None
        # Route objects by route id, filled as requests reach them: a batch
        # copies each route's strings once, not once per request.
        self._routes = {-1: None}

    def match(self, host, path):
        """The Route serving (host, path), or None (404, or a request the
        gateway cannot read)."""
        h = _bytes(host, "host")
        p = _bytes(path, "path")
        m = _native.Match()
        m.version = _native.MATCH_VERSION
        err = _native.Error()
        handle = self._acquire()
        try:
            code = _lib.ingresskit_table_match(
                handle, h, len(h), p, len(p), ctypes.byref(m), ctypes.byref(err)
            )
            _check(code, err)
            return _route_or_none(m)  # Copies out while the table is held.
        finally:
            self._release()

    def match_many(self, pairs):
        """match() for each (host, path) pair, in one call into the library.
        Requests that reach the same route share one Route object."""
        pairs = pairs if isinstance(pairs, (list, tuple)) else list(pairs)
        try:  # The common case, str pairs, without a call per string.
            encoded = [s.encode("utf-8") for pair in pairs for s in pair]
        except (AttributeError, UnicodeEncodeError):
            # bytes, or something to refuse by name.
            encoded = []
            for i, (h, p) in enumerate(pairs):
                encoded.append(_bytes(h, "host", i))
                encoded.append(_bytes(p, "path", i))
        if len(encoded) != 2 * len(pairs):
            raise ValueError("match_many takes (host, path) pairs")
        n = len(pairs)
        if n == 0:
            return []
        data = b"".join(encoded)
        # array.array fills C buffers far faster than ctypes arrays do.
        length_array = array.array(_SIZE_T_CODE, map(len, encoded))
        lengths = (ctypes.c_size_t * (2 * n)).from_buffer(length_array)
        id_array = array.array("q", bytes(8 * n))
        ids = (ctypes.c_int64 * n).from_buffer(id_array)
        err = _native.Error()
        handle = self._acquire()
        try:
            code = _lib.ingresskit_table_match_packed(
                handle, data, len(data), lengths, n, ids, ctypes.byref(err)
            )
            _check(code, err)
            routes = self._routes
            for route_id in set(id_array).difference(routes):
                routes[route_id] = self._route(handle, route_id)
            return [routes[route_id] for route_id in id_array]
        finally:
            self._release()

    def _route(self, handle, route_id):
        m = _native.Match()
        m.version = _native.MATCH_VERSION
        err = _native.Error()
        _check(
            _lib.ingresskit_table_route(handle, route_id, ctypes.byref(m), ctypes.byref(err)),
            err,
        )
        return Route(m)

    def generate(self, fmt="istio"):
        """The configuration Istio would generate: fmt is "istio" (YAML),
        "istio-json", "envoy" or "status"."""
        code_fmt = _choice(_native.FORMATS, fmt, "fmt")
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
                    result.append(Diagnostic(d))
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


def compile(text, **options):  # noqa: A001 - the library's verb.
    """Compiles Kubernetes YAML or JSON (str or bytes) into a Table.

    Options (DESIGN §2-§6): semantics ("istio" | "kubernetes"),
    controller_mode ("DEFAULT" | "STRICT" | "OFF"), ingress_class,
    domain_suffix, ingress_namespace, ingress_selector, ingress_service,
    glob_prefix ("path_separated" | "string"), path_normalization ("NONE" |
    "BASE" | "MERGE_SLASHES" | "DECODE_AND_MERGE_SLASHES"), strict, and the
    limits max_document_bytes, max_routes, max_path_bytes,
    max_request_path_bytes, max_nesting_depth.

    Raises ParseError, LimitError or (strict) ValidationError; objects with
    errors are otherwise left out and listed in Table.diagnostics.
    """
    source = _bytes(text, "text")
    o, keep = _options(**options)
    handle = ctypes.c_void_p()
    err = _native.Error()
    code = _lib.ingresskit_table_compile(
        source, len(source), ctypes.byref(o), ctypes.byref(handle), ctypes.byref(err)
    )
    del keep
    _check(code, err)
    return Table(handle.value)


class Router(_Handle):
    """The current table for hot reload: update() swaps in a new one, or
    keeps the last good one and raises. Takes the options of compile()."""

    _kind = "router"

    def __init__(self, **options):
        o, keep = _options(**options)
        handle = ctypes.c_void_p()
        err = _native.Error()
        code = _lib.ingresskit_router_new(
            ctypes.byref(o), ctypes.byref(handle), ctypes.byref(err)
        )
        del keep
        _check(code, err)
        super().__init__(handle.value, _lib.ingresskit_router_free)

    def update(self, text):
        """Compiles `text` and makes it current; returns the new version."""
        source = _bytes(text, "text")
        err = _native.Error()
        handle = self._acquire()
        try:
            _check(
                _lib.ingresskit_router_update(
                    handle, source, len(source), ctypes.byref(err)
                ),
                err,
            )
            return _lib.ingresskit_router_version(handle)
        finally:
            self._release()

    def match(self, host, path):
        """Like Table.match, on the current table."""
        h = _bytes(host, "host")
        p = _bytes(path, "path")
        m = _native.Match()
        m.version = _native.MATCH_VERSION
        table = ctypes.c_void_p()
        err = _native.Error()
        handle = self._acquire()
        try:
            code = _lib.ingresskit_router_match(
                handle,
                h,
                len(h),
                p,
                len(p),
                ctypes.byref(table),
                None,
                ctypes.byref(m),
                ctypes.byref(err),
            )
            _check(code, err)
            try:
                return _route_or_none(m)
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
