"""A PEP 517 build backend for the ingresskit package, standard library only.

The package is three files and a shared library it loads with ctypes, so a
wheel is a zip of them plus the metadata PEP 427 asks for. Writing it here
keeps `pip install --no-build-isolation bindings/python` working on a
machine with no network and no setuptools or wheel.
"""

import base64
import hashlib
import os
import pathlib
import re
import sysconfig
import tomllib
import zipfile

HERE = pathlib.Path(__file__).resolve().parent.parent  # bindings/python
REPO = HERE.parent.parent
PACKAGE = HERE / "ingresskit"
HEADER = REPO / "capi" / "include" / "ingresskit" / "c.h"


def _version():
    text = HEADER.read_text(encoding="utf-8")
    parts = [
        re.search(r"#define INGRESSKIT_VERSION_%s (\d+)" % part, text).group(1)
        for part in ("MAJOR", "MINOR", "PATCH")
    ]
    return ".".join(parts)


def _abi_version():
    text = HEADER.read_text(encoding="utf-8")
    return int(re.search(r"#define INGRESSKIT_ABI_VERSION (\d+)", text).group(1))


def _library():
    """The built libingresskit.so to ship in the wheel, or None."""
    explicit = os.environ.get("INGRESSKIT_LIBRARY")
    if explicit:
        path = pathlib.Path(explicit)
        if not path.is_file():
            raise FileNotFoundError("INGRESSKIT_LIBRARY=%s is not a file" % explicit)
        return path
    name = "libingresskit.so.%d" % _abi_version()
    built = [p for p in (REPO / "build").glob("*/lib/" + name) if p.is_file()]
    return max(built, key=lambda p: p.stat().st_mtime) if built else None


def _record_line(arcname, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=")
    return "%s,sha256=%s,%d" % (arcname, digest.decode(), len(data))


def get_requires_for_build_wheel(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    project = tomllib.loads((HERE / "pyproject.toml").read_text(encoding="utf-8"))[
        "project"
    ]
    version = _version()
    files = {
        "ingresskit/" + p.name: p.read_bytes()
        for p in sorted(PACKAGE.iterdir())
        if p.is_file() and p.suffix in (".py", ".typed") and p.name != "_install.py"
    }
    library = _library()
    if library is not None:
        # Resolved: the wheel holds the library's bytes, not a symlink.
        files["ingresskit/libingresskit.so.%d" % _abi_version()] = (
            library.resolve().read_bytes()
        )
        tag = "py3-none-" + sysconfig.get_platform().replace("-", "_").replace(".", "_")
    else:
        tag = "py3-none-any"  # Finds an installed libingresskit at run time.
    dist_info = "ingresskit-%s.dist-info" % version
    files[dist_info + "/METADATA"] = (
        "Metadata-Version: 2.1\nName: %s\nVersion: %s\nSummary: %s\n"
        "License: %s\nRequires-Python: %s\n"
        % (
            project["name"],
            version,
            project["description"],
            project["license"]["text"],
            project["requires-python"],
        )
    ).encode()
    files[dist_info + "/WHEEL"] = (
        "Wheel-Version: 1.0\nGenerator: ingresskit_build\n"
        "Root-Is-Purelib: %s\nTag: %s\n"
        % ("false" if library is not None else "true", tag)
    ).encode()
    record = [_record_line(name, data) for name, data in files.items()]
    record.append(dist_info + "/RECORD,,")
    files[dist_info + "/RECORD"] = ("\n".join(record) + "\n").encode()

    wheel_name = "ingresskit-%s-%s.whl" % (version, tag)
    with zipfile.ZipFile(
        os.path.join(wheel_directory, wheel_name), "w", zipfile.ZIP_DEFLATED
    ) as wheel:
        for name, data in files.items():
            wheel.writestr(name, data)
    return wheel_name
