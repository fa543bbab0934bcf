"""Runs the real nginx with ingresskit's module, real curl and openssl.

Everything lives in a temporary directory and on 127.0.0.1 ports picked
here; every process started is stopped, and every wait is bounded.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time

MODULE = os.environ.get("INGRESSKIT_NGINX_MODULE", "")
NGINX = os.environ.get("INGRESSKIT_NGINX") or shutil.which("nginx") or "/usr/sbin/nginx"
CURL = os.environ.get("INGRESSKIT_CURL") or shutil.which("curl") or ""
OPENSSL = os.environ.get("INGRESSKIT_OPENSSL") or shutil.which("openssl") or ""
WRK = os.environ.get("INGRESSKIT_WRK") or shutil.which("wrk") or ""


def missing():
    """Why the end-to-end tests cannot run here, or None."""
    if not MODULE or not os.path.exists(MODULE):
        return "the module is not built (INGRESSKIT_NGINX_MODULE=%r)" % MODULE
    for name, path in (("nginx", NGINX), ("curl", CURL), ("openssl", OPENSSL)):
        if not path or not os.access(path, os.X_OK):
            return "%s is not installed (apt-get install %s)" % (name, name)
    return None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate, timeout, interval=0.05):
    """Polls `predicate` until it is true or `timeout` seconds pass."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() >= deadline:
            return value
        time.sleep(interval)


def write_atomically(path, text):
    """Replaces `path` by a rename, as kubectl and ConfigMap volumes do."""
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


class Nginx:
    """nginx -p DIR with `http_body` inside its http block (None: DIR's
    nginx.conf as it is). Ports: `http` and `https` are picked here and may
    appear in the body as {http} and {https}."""

    def __init__(self, directory, http_body, workers=2, module=None):
        self.dir = directory
        self.http = free_port()
        self.https = free_port()
        self.conf = os.path.join(directory, "nginx.conf")
        self.error_log = os.path.join(directory, "error.log")
        self.proc = None
        self._written = None
        for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            os.makedirs(os.path.join(directory, "tmp", sub), exist_ok=True)
        if http_body is not None:
            self.write(http_body, workers, module)

    def write(self, http_body, workers=2, module=None):
        self._written = (http_body, workers, module)
        d = self.dir
        lines = [
            "load_module %s;" % (module or MODULE),
            # As root the workers would run as nobody, who cannot read a
            # private temporary directory.
            "user root;" if os.geteuid() == 0 else "",
            "worker_processes %d;" % workers,
            "pid %s/nginx.pid;" % d,
            "error_log %s notice;" % self.error_log,
            "events { worker_connections 1024; }",
            "http {",
            "  access_log off;",
            "  client_body_temp_path %s/tmp/body;" % d,
            "  proxy_temp_path %s/tmp/proxy;" % d,
            "  fastcgi_temp_path %s/tmp/fastcgi;" % d,
            "  uwsgi_temp_path %s/tmp/uwsgi;" % d,
            "  scgi_temp_path %s/tmp/scgi;" % d,
            http_body.replace("{http}", str(self.http)).replace("{https}", str(self.https)),
            "}",
        ]
        with open(self.conf, "w") as f:
            f.write("\n".join(lines) + "\n")

    def command(self, *extra):
        return [NGINX, "-p", self.dir + "/", "-c", self.conf, "-e", self.error_log] + list(extra)

    def test_config(self):
        """`nginx -t`: (exit code, its output)."""
        r = subprocess.run(self.command("-t"), capture_output=True, text=True, timeout=60)
        return r.returncode, r.stdout + r.stderr + self.log()

    def start(self):
        # The ports were free when picked; another process may take one
        # before nginx binds it. Then pick again (for a configuration this
        # harness wrote).
        for attempt in range(3):
            try:
                os.remove(os.path.join(self.dir, "nginx.pid"))
            except OSError:
                pass
            self.proc = subprocess.Popen(
                self.command("-g", "daemon off;"),
                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
            )
            if wait_for(self._listening, 15):
                break
            self.stop()
            in_use = "Address already in use" in self.log()
            if not in_use or attempt == 2 or getattr(self, "_written", None) is None:
                raise RuntimeError("nginx did not start:\n" + self.log())
            self.http, self.https = free_port(), free_port()
            self.write(*self._written)
        # Every worker is up once each has logged its start.
        wait_for(lambda: len(self.worker_pids()) > 0, 10)
        return self

    def _listening(self):
        if self.proc.poll() is not None:
            return False
        # nginx writes its pid file once it has bound its ports: a port
        # that answers before that may be another process's.
        try:
            with open(os.path.join(self.dir, "nginx.pid")) as f:
                if f.read().strip() != str(self.proc.pid):
                    return False
        except OSError:
            return False
        try:
            with socket.create_connection(("127.0.0.1", self.http), timeout=0.5):
                return True
        except OSError:
            return False

    def worker_pids(self):
        """The worker processes of this nginx (children of the master)."""
        if self.proc is None or self.proc.poll() is not None:
            return []
        try:
            with open("/proc/%d/task/%d/children" % (self.proc.pid, self.proc.pid)) as f:
                return [int(p) for p in f.read().split()]
        except OSError:
            return []

    def signal(self, sig):
        self.proc.send_signal(sig)

    def log(self):
        try:
            with open(self.error_log, errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def stop(self):
        """Graceful quit (SIGQUIT), then SIGKILL after 10 s. Returns the
        exit code."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGQUIT)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        if self.proc.stderr:
            self.proc.stderr.close()
        return self.proc.returncode


class Response:
    def __init__(self, exit_code, status, headers, body):
        self.exit_code = exit_code
        self.status = status
        self.headers = headers
        self.body = body

    def __repr__(self):
        return "Response(exit=%d, status=%r, body=%r)" % (self.exit_code, self.status, self.body[:200])


def curl(*args, timeout=20):
    """Runs curl with `args`; the response's status, headers (lower-case
    names) and body. Status None when no HTTP response came (curl's exit
    code says why: 35 is a failed TLS handshake)."""
    with tempfile.TemporaryDirectory() as d:
        head = os.path.join(d, "h")
        body = os.path.join(d, "b")
        r = subprocess.run(
            [CURL, "-s", "-S", "--max-time", "10", "-D", head, "-o", body] + list(args),
            capture_output=True, text=True, timeout=timeout,
        )
        status = None
        headers = {}
        if os.path.exists(head):
            with open(head, errors="replace") as f:
                for line in f:
                    m = re.match(r"HTTP/[\d.]+ (\d+)", line)
                    if m:
                        status = int(m.group(1))
                        headers = {}
                    elif ":" in line:
                        k, v = line.split(":", 1)
                        headers[k.strip().lower()] = v.strip()
        text = ""
        if os.path.exists(body):
            with open(body, errors="replace") as f:
                text = f.read()
        return Response(r.returncode, status, headers, text)


def openssl(directory, *args):
    subprocess.run([OPENSSL] + list(args), cwd=directory, check=True,
                   capture_output=True, timeout=60)


def make_certificates(directory):
    """The Istio secure-gateway task's certificates: a root CA
    (example.com) and httpbin.example.com signed by it. Returns the CA
    certificate's path and the server's certificate and key as PEM."""
    openssl(directory, "req", "-x509", "-sha256", "-nodes", "-days", "2", "-newkey", "rsa:2048",
            "-subj", "/O=example Inc./CN=example.com", "-keyout", "example.com.key",
            "-out", "example.com.crt")
    openssl(directory, "req", "-out", "httpbin.example.com.csr", "-newkey", "rsa:2048", "-nodes",
            "-keyout", "httpbin.example.com.key",
            "-subj", "/CN=httpbin.example.com/O=httpbin organization")
    with open(os.path.join(directory, "san.ext"), "w") as f:
        f.write("subjectAltName=DNS:httpbin.example.com\n")
    openssl(directory, "x509", "-req", "-sha256", "-days", "2", "-CA", "example.com.crt",
            "-CAkey", "example.com.key", "-set_serial", "0", "-in", "httpbin.example.com.csr",
            "-out", "httpbin.example.com.crt", "-extfile", "san.ext")
    def read(name):
        with open(os.path.join(directory, name)) as f:
            return f.read()

    return (os.path.join(directory, "example.com.crt"), read("httpbin.example.com.crt"),
            read("httpbin.example.com.key"))


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0
