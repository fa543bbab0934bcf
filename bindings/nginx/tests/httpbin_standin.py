"""A small stand-in for httpbin, the upstream of the Istio task.

GET /status/N answers N (418 with httpbin's teapot), /headers echoes the
request headers as JSON; anything else is 200 with the path. Every request
is recorded (path and Host as the upstream saw them), so a test can say
what really reached the upstream.

Run alone: python3 httpbin_standin.py PORT
"""

import http.server
import json
import socketserver
import sys
import threading

TEAPOT = "\n    -=[ teapot ]=-\n\n       _...._\n     .'  _ _ `.\n    | .\"` ^ `\". _,\n    \\_;`\"---\"`|//\n      |       ;/\n      \\_     _/\n        `\"\"\"`\n"


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _answer(self, code, body, content_type="text/plain"):
        data = body.encode("utf-8")
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Upstream-Path", self.path)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def do_GET(self):
        self.server.record(self.path, self.headers.get("Host", ""))
        if self.path.startswith("/status/"):
            try:
                code = int(self.path[len("/status/"):].split("?")[0])
            except ValueError:
                code = 400
            if not 100 <= code <= 599:
                code = 400
            self._answer(code, TEAPOT if code == 418 else "")
        elif self.path.split("?")[0] == "/headers":
            self._answer(200, json.dumps({"headers": dict(self.headers.items())}), "application/json")
        else:
            self._answer(200, self.path)

    do_HEAD = do_GET

    def log_message(self, *args):
        pass


class HttpbinStandin(socketserver.ThreadingMixIn, http.server.HTTPServer):
    """Serves on 127.0.0.1:`port` (0: any free port) in a daemon thread."""

    daemon_threads = True
    # Python's default backlog of 5 drops connections under load.
    request_queue_size = 1024
    allow_reuse_address = True

    def __init__(self, port=0):
        super().__init__(("127.0.0.1", port), _Handler)
        self._lock = threading.Lock()
        self.requests = []  # (path, host), in arrival order
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)
        self._thread.start()

    @property
    def port(self):
        return self.server_address[1]

    def record(self, path, host):
        with self._lock:
            self.requests.append((path, host))

    def last(self):
        with self._lock:
            return self.requests[-1] if self.requests else None

    def stop(self):
        self.shutdown()
        self.server_close()
        self._thread.join(timeout=5)


if __name__ == "__main__":
    server = HttpbinStandin(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    print("httpbin stand-in on 127.0.0.1:%d" % server.port, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        server.stop()
