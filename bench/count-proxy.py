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
        if "chunked" in (self.headers.get("Transfer-Encoding") or "").lower():
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    self.rfile.readline()
                    break
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
            body = b"".join(chunks)
            length = len(body)
            del self.headers["Transfer-Encoding"]
            self.headers["Content-Length"] = str(length)
        with lock:
            counts["requests"] += 1
            counts["bytes"] += length
        upstream = http.client.HTTPConnection("127.0.0.1", UPSTREAM, timeout=60)
        # headers one by one: a client may send several Accept headers
        upstream.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
        for k, v in self.headers.items():
            upstream.putheader(k, v)
        upstream.endheaders(body)
        response = upstream.getresponse()
        data = response.read()
        self.send_response(response.status)
        for k, v in response.getheaders():
            if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(k, v)
        # a HEAD answer keeps the registry's Content-Length: clients read the size from it
        length_out = response.getheader("Content-Length") if self.command == "HEAD" else str(len(data))
        self.send_header("Content-Length", length_out or "0")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        upstream.close()

    do_GET = do_HEAD = do_PUT = do_POST = do_PATCH = do_DELETE = _forward

    def handle_one_request(self):
        # clients try HTTPS first: answer a TLS ClientHello the way Go's HTTP server does, so they
        # fall back to plain HTTP as they do with a loopback registry
        first = self.rfile.peek(1)[:1] if hasattr(self.rfile, "peek") else b""
        if first == b"\x16":
            self.wfile.write(b"HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n")
            self.close_connection = True
            return
        super().handle_one_request()


ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
