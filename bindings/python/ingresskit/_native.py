"""ctypes declarations of the C ABI (<ingresskit/c.h>).

Only this module knows the C layout; the public API in __init__.py speaks
Python. Struct layouts and constants must follow the header exactly.
"""

import ctypes
import ctypes.util
import os
import pathlib
import struct

ABI_VERSION = 1

OK = 0
EINVAL = -1
EPARSE = -2
EVALIDATION = -3
ELIMIT = -4
ENOMEM = -5
EINTERNAL = -6
EUNSUPPORTED = -7
EBADPATH = -8
ERANGE = -9

OPTIONS_VERSION = 1
MATCH_VERSION = 1
TLS_VERSION = 1
TARGET_VERSION = 1

# Option names and values are the library's (ingresskit_options_set);
# these are the enums that come back out of it.
FORMATS = {"istio": 0, "istio-json": 1, "envoy": 2, "status": 3, "gateway-api": 4}
SEVERITIES = {0: "error", 1: "warning", 2: "info"}
PATH_TYPES = {0: None, 1: "Exact", 2: "Prefix", 3: "ImplementationSpecific"}
ENDPOINT_STATUSES = {0: "unknown", 1: "ready", 2: "no-ready-endpoints"}
MATCH_STATUSES = {
    0: "matched",
    1: "no route",
    2: "invalid host",
    3: "invalid path",
    4: "path too long",
    5: "no TLS server",
    6: "backend unresolved",
}

c_char_p = ctypes.c_char_p
c_size_t = ctypes.c_size_t


class Error(ctypes.Structure):
    _fields_ = [("code", ctypes.c_int32), ("message", ctypes.c_char * 512)]


class Options(ctypes.Structure):
    _fields_ = [
        ("version", ctypes.c_uint32),
        ("semantics", ctypes.c_int32),
        ("controller_mode", ctypes.c_int32),
        ("glob_prefix", ctypes.c_int32),
        ("path_normalization", ctypes.c_int32),
        ("strict", ctypes.c_int32),
        ("ingress_class", c_char_p),
        ("ingress_class_len", c_size_t),
        ("domain_suffix", c_char_p),
        ("domain_suffix_len", c_size_t),
        ("ingress_namespace", c_char_p),
        ("ingress_namespace_len", c_size_t),
        ("ingress_selector", c_char_p),
        ("ingress_selector_len", c_size_t),
        ("ingress_service", c_char_p),
        ("ingress_service_len", c_size_t),
        ("max_document_bytes", ctypes.c_uint64),
        ("max_routes", ctypes.c_uint64),
        ("max_path_bytes", ctypes.c_uint64),
        ("max_request_path_bytes", ctypes.c_uint64),
        ("max_nesting_depth", ctypes.c_uint32),
    ]


class Diagnostic(ctypes.Structure):
    _fields_ = [
        ("severity", ctypes.c_int32),
        ("code", ctypes.c_int32),
        ("object", ctypes.c_void_p),
        ("object_len", c_size_t),
        ("field", ctypes.c_void_p),
        ("field_len", c_size_t),
        ("message", ctypes.c_void_p),
        ("message_len", c_size_t),
        ("line", ctypes.c_uint32),
        ("column", ctypes.c_uint32),
        ("offset", ctypes.c_int64),
    ]


class Match(ctypes.Structure):
    _fields_ = [
        ("version", ctypes.c_uint32),
        ("matched", ctypes.c_uint8),
        ("is_default_backend", ctypes.c_uint8),
        ("status", ctypes.c_int32),
        ("port", ctypes.c_uint32),
        ("route_index", ctypes.c_uint32),
        ("path_type", ctypes.c_int32),
        ("destination", ctypes.c_void_p),
        ("destination_len", c_size_t),
        ("cluster", ctypes.c_void_p),
        ("cluster_len", c_size_t),
        ("service", ctypes.c_void_p),
        ("service_len", c_size_t),
        ("service_namespace", ctypes.c_void_p),
        ("service_namespace_len", c_size_t),
        ("ingress_name", ctypes.c_void_p),
        ("ingress_name_len", c_size_t),
        ("ingress_namespace", ctypes.c_void_p),
        ("ingress_namespace_len", c_size_t),
        ("path", ctypes.c_void_p),
        ("path_len", c_size_t),
        ("virtual_host", ctypes.c_void_p),
        ("virtual_host_len", c_size_t),
    ]


class Target(ctypes.Structure):
    _fields_ = [
        ("version", ctypes.c_uint32),
        ("status", ctypes.c_int32),
        ("route_id", ctypes.c_int64),
        ("port", ctypes.c_uint32),
        ("endpoint_status", ctypes.c_int32),
        ("endpoint_count", c_size_t),
        ("cluster", ctypes.c_void_p),
        ("cluster_len", c_size_t),
        ("destination", ctypes.c_void_p),
        ("destination_len", c_size_t),
    ]


class Tls(ctypes.Structure):
    _fields_ = [
        ("version", ctypes.c_uint32),
        ("found", ctypes.c_uint8),
        ("secret_found", ctypes.c_uint8),
        ("server", ctypes.c_void_p),
        ("server_len", c_size_t),
        ("credential_name", ctypes.c_void_p),
        ("credential_name_len", c_size_t),
        ("secret", ctypes.c_void_p),
        ("secret_len", c_size_t),
        ("certificate", ctypes.c_void_p),
        ("certificate_len", c_size_t),
        ("private_key", ctypes.c_void_p),
        ("private_key_len", c_size_t),
    ]


class Source(ctypes.Structure):
    _fields_ = [
        ("name", c_char_p),
        ("name_len", c_size_t),
        ("text", c_char_p),
        ("text_len", c_size_t),
    ]


class Request(ctypes.Structure):
    _fields_ = [
        ("host", c_char_p),
        ("host_len", c_size_t),
        ("path", c_char_p),
        ("path_len", c_size_t),
    ]


# Match as struct.iter_unpack reads it (native alignment, as the C
# compiler lays it out): one tuple of field values per struct, in _fields_
# order, for bindings reading many at once.
_STRUCT_CODES = {
    ctypes.c_uint32: "I", ctypes.c_int32: "i", ctypes.c_uint8: "B",
    ctypes.c_int64: "q", ctypes.c_void_p: "P", c_size_t: "N",
}
MATCH_LAYOUT = struct.Struct("@" + "".join(_STRUCT_CODES[t] for _, t in Match._fields_))
assert MATCH_LAYOUT.size == ctypes.sizeof(Match), "Match layout"
TARGET_LAYOUT = struct.Struct("@" + "".join(_STRUCT_CODES[t] for _, t in Target._fields_))
assert TARGET_LAYOUT.size == ctypes.sizeof(Target), "Target layout"


def view(pointer, length):
    """Copies a (pointer, length) view out of the library as a str."""
    if not pointer or not length:
        return ""
    return ctypes.string_at(pointer, length).decode("utf-8", "replace")


def new_match(lib):
    """A match struct of this package's version, initialised by the library."""
    m = Match()
    lib.ingresskit_match_init(ctypes.byref(m), MATCH_VERSION)
    return m


def _candidates():
    """Where to look for the library, in order."""
    explicit = os.environ.get("INGRESSKIT_LIBRARY")
    if explicit:
        yield pathlib.Path(explicit)
        return
    here = pathlib.Path(__file__).resolve().parent
    names = ("libingresskit.so.%d" % ABI_VERSION, "libingresskit.so")
    for name in names:  # Next to the package (a wheel built from a build tree).
        yield here / name
    try:  # Where `cmake --install` put the library beside this package.
        from . import _install

        yield (here / _install.LIBRARY).resolve()
    except ImportError:
        pass
    # A build tree of the repository this package sits in.
    root = here.parent.parent.parent
    for preset in ("release", "ci", "dev", "asan"):
        for name in names:
            yield root / "build" / preset / "lib" / name
    system = ctypes.util.find_library("ingresskit")
    if system:
        yield pathlib.Path(system)


def load():
    tried = []
    for path in _candidates():
        tried.append(str(path))
        if path.is_absolute() and not path.exists():
            continue
        try:
            lib = ctypes.CDLL(str(path))
        except OSError as e:
            tried[-1] += " (%s)" % e
            continue
        _declare(lib)
        abi = lib.ingresskit_abi_version()
        if abi != ABI_VERSION:
            raise ImportError(
                "%s has ABI version %d; this package needs %d"
                % (path, abi, ABI_VERSION)
            )
        return lib
    raise ImportError(
        "cannot find libingresskit; build it (cmake --preset release && "
        "cmake --build --preset release) or set INGRESSKIT_LIBRARY to its "
        "path. Tried: " + ", ".join(tried)
    )


def _declare(lib):
    P = ctypes.POINTER
    vp = ctypes.c_void_p
    i32 = ctypes.c_int
    decls = {
        "ingresskit_version": (c_char_p, []),
        "ingresskit_abi_version": (i32, []),
        "ingresskit_status_str": (c_char_p, [i32]),
        "ingresskit_free": (None, [vp]),
        "ingresskit_options_init": (i32, [P(Options), ctypes.c_uint]),
        "ingresskit_options_set": (
            i32,
            [P(Options), c_char_p, c_size_t, c_char_p, c_size_t, P(Error)],
        ),
        "ingresskit_match_init": (i32, [P(Match), ctypes.c_uint]),
        "ingresskit_table_compile": (
            i32,
            [c_char_p, c_size_t, P(Options), P(vp), P(Error)],
        ),
        "ingresskit_table_compile_sources": (
            i32,
            [P(Source), c_size_t, P(Options), P(vp), P(Error)],
        ),
        "ingresskit_table_diagnostic_source": (
            i32,
            [vp, c_size_t, P(vp), P(c_size_t), P(Error)],
        ),
        "ingresskit_table_free": (None, [vp]),
        "ingresskit_table_route_count": (c_size_t, [vp]),
        "ingresskit_table_diagnostic_count": (c_size_t, [vp]),
        "ingresskit_table_diagnostic": (
            i32,
            [vp, c_size_t, P(Diagnostic), P(Error)],
        ),
        "ingresskit_table_match": (
            i32,
            [vp, c_char_p, c_size_t, c_char_p, c_size_t, P(Match), P(Error)],
        ),
        "ingresskit_table_match_batch": (
            i32,
            [vp, P(Request), c_size_t, P(Match), P(Error)],
        ),
        "ingresskit_table_route": (
            i32,
            [vp, ctypes.c_uint64, P(Match), P(Error)],
        ),
        "ingresskit_table_route_endpoints": (
            i32,
            [vp, ctypes.c_uint64, P(ctypes.c_int32), P(c_size_t), P(Error)],
        ),
        "ingresskit_table_route_endpoint": (
            i32,
            [vp, ctypes.c_uint64, c_size_t, P(vp), P(c_size_t), P(Error)],
        ),
        "ingresskit_tls_init": (i32, [P(Tls), ctypes.c_uint]),
        "ingresskit_table_tls": (
            i32,
            [vp, c_char_p, c_size_t, P(Tls), P(Error)],
        ),
        "ingresskit_table_match_id": (
            i32,
            [
                vp,
                c_char_p,
                c_size_t,
                c_char_p,
                c_size_t,
                P(Match),
                P(ctypes.c_int64),
                P(Error),
            ],
        ),
        "ingresskit_target_init": (i32, [P(Target), ctypes.c_uint]),
        "ingresskit_table_target": (
            i32,
            [
                vp,
                c_char_p,
                c_size_t,
                c_char_p,
                c_size_t,
                c_char_p,
                c_size_t,
                P(Target),
                P(Error),
            ],
        ),
        "ingresskit_table_route_batch": (
            i32,
            [vp, P(ctypes.c_uint64), c_size_t, P(Match), P(Target), P(Error)],
        ),
        "ingresskit_table_match_tls": (
            i32,
            [
                vp,
                c_char_p,
                c_size_t,
                c_char_p,
                c_size_t,
                c_char_p,
                c_size_t,
                P(Match),
                P(ctypes.c_int64),
                P(Error),
            ],
        ),
        "ingresskit_table_match_packed": (
            i32,
            [vp, c_char_p, c_size_t, P(c_size_t), c_size_t, P(ctypes.c_int64), P(Error)],
        ),
        "ingresskit_table_normalize_path": (
            i32,
            [vp, c_char_p, c_size_t, c_char_p, c_size_t, P(c_size_t), P(Error)],
        ),
        "ingresskit_table_generate": (
            i32,
            [vp, ctypes.c_int32, P(vp), P(c_size_t), P(Error)],
        ),
        "ingresskit_table_explain": (
            i32,
            [vp, c_char_p, c_size_t, c_char_p, c_size_t, P(vp), P(c_size_t), P(Error)],
        ),
        "ingresskit_lint": (
            i32,
            [P(Source), c_size_t, P(Options), P(vp), P(c_size_t), P(Error)],
        ),
        "ingresskit_diff": (
            i32,
            [vp, vp, ctypes.c_uint, P(vp), P(c_size_t), P(Error)],
        ),
        "ingresskit_table_test": (
            i32,
            [vp, c_char_p, c_size_t, P(vp), P(c_size_t), P(Error)],
        ),
        "ingresskit_router_new": (i32, [P(Options), P(vp), P(Error)]),
        "ingresskit_router_free": (None, [vp]),
        "ingresskit_router_update": (i32, [vp, c_char_p, c_size_t, P(Error)]),
        "ingresskit_router_commit": (
            i32,
            [vp, c_char_p, c_size_t, P(ctypes.c_uint64), P(Error)],
        ),
        "ingresskit_router_update_sources": (
            i32,
            [vp, P(Source), c_size_t, P(ctypes.c_uint64), P(Error)],
        ),
        "ingresskit_router_version": (ctypes.c_uint64, [vp]),
        "ingresskit_router_acquire": (
            i32,
            [vp, P(vp), P(ctypes.c_uint64), P(Error)],
        ),
        "ingresskit_router_match": (
            i32,
            [
                vp,
                c_char_p,
                c_size_t,
                c_char_p,
                c_size_t,
                P(vp),
                P(ctypes.c_uint64),
                P(Match),
                P(Error),
            ],
        ),
    }
    for name, (restype, argtypes) in decls.items():
        fn = getattr(lib, name)
        fn.restype = restype
        fn.argtypes = argtypes
