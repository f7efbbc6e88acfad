#!/usr/bin/env python3
"""A counting, fault-injecting HTTP proxy in front of a plain-HTTP registry, for ITs and benchmarks.

    registry-proxy.py --upstream 127.0.0.1:5000 [--port 0] [--port-file F] [--journal F] [--exit-with-parent]

Listens on 127.0.0.1 (port 0: a free one, written to --port-file), forwards every request to the
upstream registry unchanged (all headers, several Accept headers included; a HEAD answer keeps the
registry's Content-Length) and counts requests and request-body bytes. Loopback only.

Control paths (GET), never forwarded:
  /__proxy/fault?method=PUT&path=REGEX[&header=NAME:REGEX][&times=N] and one of
      status=503[&retry_after=S]  answer the next N matching requests with this status
      action=close                read the next N matching requests, close their connection unanswered
      action=down                 the registry goes away at the next matching request: from then on
                                  every request is closed unanswered, until /__proxy/heal
    Rules are tried in the order given; a request uses the first matching rule with times left.
  /__proxy/heal          drop every rule, end an outage
  /__proxy/mark?name=X   write a mark into the journal, to split it per step
  /__proxy/count         'requests bytes' since the last count, then reset
  /__proxy/journal       the journal so far
  /__proxy/stop          stop the proxy

The journal has one tab-separated line per request: METHOD, path with query, status answered ('-'
when the connection was closed unanswered), request-body bytes, the client (first word of its
User-Agent), and 'fault' when the answer was injected; and lines '# mark X', '# control PATH',
'# tls-hello'. A client that tries HTTPS first (a TLS ClientHello) is answered as Go's HTTP server
does, in plain text, so it falls back to HTTP at once.
"""
import argparse
import http.client
import os
import re
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

CONTROL = "/__proxy/"
lock = threading.Lock()
state = {"requests": 0, "bytes": 0, "rules": [], "down": False}
journal_lines = []
journal_file = None


def journal(line):
    with lock:
        journal_lines.append(line)
        if journal_file:
            journal_file.write(line + "\n")
            journal_file.flush()


class Rule:
    def __init__(self, query):
        q = {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}
        self.method = q.get("method", "").upper() or None
        self.path = re.compile(q.get("path", ""))
        self.header = None
        if q.get("header"):
            name, _, pattern = q["header"].partition(":")
            self.header = (name.strip(), re.compile(pattern))
        self.times = int(q.get("times", "1"))
        self.status = int(q["status"]) if q.get("status") else None
        self.retry_after = q.get("retry_after")
        self.action = q.get("action", "status" if self.status else "close")
        if self.action not in ("status", "close", "down"):
            raise ValueError("action must be close or down, or give status=NNN")

    def matches(self, method, path, headers):
        if self.times <= 0 or (self.method and self.method != method) or not self.path.search(path):
            return False
        return self.header is None or any(self.header[1].search(v) for v in headers.get_all(self.header[0]) or [])


def take_rule(method, path, headers):
    """The fault for this request, or None; an outage answers every request."""
    with lock:
        if state["down"]:
            return "down"
        for rule in state["rules"]:
            if rule.matches(method, path, headers):
                rule.times -= 1
                if rule.action == "down":
                    state["down"] = True
                    return "down"
                return rule
    return None


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    upstream = None
    # headers and body leave in two writes: with Nagle's algorithm the body waits for the client's
    # (delayed, up to 40 ms) ACK of the headers on a kept-alive connection, which slowed each request
    # of a client that reuses its connections and not one that opens new ones
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def _reply(self, status, body=b"", headers=()):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _control(self):
        url = urlsplit(self.path)
        command = url.path[len(CONTROL):]
        if command != "journal":
            journal("# control " + self.path)
        if command == "fault":
            try:
                rule = Rule(url.query)
            except (ValueError, KeyError, re.error) as e:
                return self._reply(400, f"{e}\n".encode())
            with lock:
                state["rules"].append(rule)
            return self._reply(200, b"armed\n")
        if command == "heal":
            with lock:
                state["rules"].clear()
                state["down"] = False
            return self._reply(200, b"healed\n")
        if command == "mark":
            journal("# mark " + (parse_qs(url.query).get("name", [""])[-1]))
            return self._reply(200, b"marked\n")
        if command == "count":
            with lock:
                body = f"{state['requests']} {state['bytes']}\n".encode()
                state["requests"] = state["bytes"] = 0
            return self._reply(200, body)
        if command == "journal":
            with lock:
                body = "".join(line + "\n" for line in journal_lines).encode()
            return self._reply(200, body)
        if command == "stop":
            self._reply(200, b"stopping\n")
            threading.Thread(target=self.server.shutdown, daemon=True).start()
            return None
        return self._reply(404, b"unknown control path\n")

    def _read_body(self):
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
            del self.headers["Transfer-Encoding"]
            self.headers["Content-Length"] = str(len(body))
        return body

    def _handle(self):
        if self.path.startswith(CONTROL):
            return self._control()
        body = self._read_body()
        size = len(body) if body else 0
        client = (self.headers.get("User-Agent") or "-").split(" ")[0]
        with lock:
            state["requests"] += 1
            state["bytes"] += size
        fault = take_rule(self.command, self.path, self.headers)
        if fault == "down" or (fault is not None and fault.action == "close"):
            journal(f"{self.command}\t{self.path}\t-\t{size}\t{client}\tfault")
            self.close_connection = True
            return None
        if fault is not None:
            headers = [("Content-Type", "application/json")]
            if fault.retry_after is not None:
                headers.append(("Retry-After", fault.retry_after))
            error = ('{"errors":[{"code":"UNAVAILABLE","message":"injected by the test proxy"}]}'
                     if fault.status >= 500 else
                     '{"errors":[{"code":"TOOMANYREQUESTS","message":"injected by the test proxy"}]}')
            journal(f"{self.command}\t{self.path}\t{fault.status}\t{size}\t{client}\tfault")
            return self._reply(fault.status, error.encode(), headers)
        upstream = http.client.HTTPConnection(*self.upstream, timeout=120)
        try:
            # headers one by one: a client may send several Accept headers
            upstream.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
            for k, v in self.headers.items():
                upstream.putheader(k, v)
            upstream.endheaders(body)
            response = upstream.getresponse()
            data = response.read()
        finally:
            upstream.close()
        self.send_response(response.status)
        for k, v in response.getheaders():
            if k.lower() not in ("transfer-encoding", "connection", "content-length"):
                self.send_header(k, v)
        # a HEAD answer keeps the registry's Content-Length: clients read the size from it
        length = response.getheader("Content-Length") if self.command == "HEAD" else str(len(data))
        self.send_header("Content-Length", length or "0")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)
        journal(f"{self.command}\t{self.path}\t{response.status}\t{size}\t{client}\t")
        return None

    do_GET = do_HEAD = do_PUT = do_POST = do_PATCH = do_DELETE = _handle

    def handle_one_request(self):
        # clients try HTTPS first: answer a TLS ClientHello the way Go's HTTP server does, so they
        # fall back to plain HTTP as they do with a loopback registry
        if self.rfile.peek(1)[:1] == b"\x16":
            journal("# tls-hello")
            self.wfile.write(b"HTTP/1.0 400 Bad Request\r\n\r\nClient sent an HTTP request to an HTTPS server.\n")
            self.close_connection = True
            return
        super().handle_one_request()


def main():
    global journal_file
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--upstream", default="127.0.0.1:5000")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file")
    parser.add_argument("--journal")
    parser.add_argument("--exit-with-parent", action="store_true",
                        help="stop when the process that started this one ends")
    args = parser.parse_args()
    host, _, port = args.upstream.rpartition(":")
    Handler.upstream = (host, int(port))
    if args.journal:
        journal_file = open(args.journal, "a", encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    if args.port_file:
        tmp = args.port_file + ".tmp"
        with open(tmp, "w", encoding="utf-8") as f:
            f.write(str(server.server_address[1]))
        os.replace(tmp, args.port_file)
    if args.exit_with_parent:
        parent = os.getppid()

        def watch():
            while os.getppid() == parent:
                time.sleep(1)
            server.shutdown()

        threading.Thread(target=watch, daemon=True).start()
    server.serve_forever()
    return 0


if __name__ == "__main__":
    sys.exit(main())
