#!/usr/bin/env python3
"""A counting HTTP proxy for benchmarks: listens on 127.0.0.1:PORT, forwards every request to
127.0.0.1:UPSTREAM and counts requests and request-body bytes. GET /__count returns the counts
as 'requests bytes' and resets them. Loopback only; stops when killed."""
import http.client
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PORT, UPSTREAM = int(sys.argv[1]), int(sys.argv[2])
lock = threading.Lock()
counts = {"requests": 0, "bytes": 0}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _forward(self):
        if self.path == "/__count":
            with lock:
                body = f"{counts['requests']} {counts['bytes']}\n".encode()
                counts["requests"] = counts["bytes"] = 0
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else None
        with lock:
            counts["requests"] += 1
            counts["bytes"] += length
        upstream = http.client.HTTPConnection("127.0.0.1", UPSTREAM, timeout=60)
        headers = {k: v for k, v in self.headers.items() if k.lower() != "host"}
        headers["Host"] = self.headers.get("Host", f"127.0.0.1:{PORT}")
        upstream.request(self.command, self.path, body=body, headers=headers)
        response = upstream.getresponse()
        data = response.read()
        self.send_response(response.status)
        for k, v in response.getheaders():
            if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        upstream.close()

    do_GET = do_HEAD = do_PUT = do_POST = do_PATCH = do_DELETE = _forward


ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
