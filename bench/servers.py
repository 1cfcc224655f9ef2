#!/usr/bin/env python3
"""Loopback servers for the benchmarks: `big` answers 50 MB, `hang` never answers.

usage: servers.py big|hang   (prints the port, then serves on 127.0.0.1 until killed)
"""
import http.server
import sys
import time

MODE = sys.argv[1]
CHUNK = b"a" * 65536


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", 0))
        self.rfile.read(length)
        if MODE == "hang":
            time.sleep(60)
            return
        total = 50 * 1024 * 1024
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(total))
        self.end_headers()
        try:
            for _ in range(total // len(CHUNK)):
                self.wfile.write(CHUNK)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
