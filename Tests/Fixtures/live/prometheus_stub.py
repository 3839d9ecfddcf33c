"""A loopback stand-in for a Prometheus server, for what a real one cannot show:
503s before an answer (retries), and the headers a client sends (bearer token,
X-Scope-OrgID), which it records.

Usage: python3 prometheus_stub.py LOG MODE [COUNT]
  MODE fail-first: answer COUNT requests with 503, then every query with one sample
                   of its metric (value 1000, at the query's start)
       status:     answer every request with HTTP COUNT and a Prometheus error body
       big:        answer every query with a valid answer padded to COUNT bytes,
                   announced in Content-Length
       hang:       never answer
It listens on 127.0.0.1 on a free port, prints the port on stdout, and appends one
JSON line per request to LOG: method, path, headers, form fields.
"""
import http.server
import json
import sys
import threading
import time
import urllib.parse

log_path, mode = sys.argv[1], sys.argv[2]
count = int(sys.argv[3]) if len(sys.argv) > 3 else 0
lock = threading.Lock()
seen = 0


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        global seen
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        form = {k: v[0] for k, v in urllib.parse.parse_qs(body.decode()).items()}
        with lock:
            seen += 1
            number = seen
            with open(log_path, "a") as log:
                log.write(json.dumps({"method": self.command, "path": self.path,
                                      "headers": dict(self.headers.items()), "form": form}) + "\n")
        if mode == "hang":
            time.sleep(60)
            return
        if mode == "big":
            head = b'{"status":"success","data":{"resultType":"matrix","result":[]},"pad":"'
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(count))
            self.end_headers()
            try:
                self.wfile.write(head + b"x" * (count - len(head) - 2) + b'"}')
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif mode == "status":
            self.answer(count, {"status": "error", "errorType": "stub", "error": "stub answered %d" % count})
        elif number <= count:
            self.answer(503, {"status": "error", "errorType": "unavailable", "error": "stub is warming up"})
        else:
            name = form["query"].split("{")[0]
            series = {"metric": {"__name__": name, "job": "stub", "instance": "stub:1"},
                      "values": [[float(form["start"]), "1000"]]}
            self.answer(200, {"status": "success", "data": {"resultType": "matrix", "result": [series]}})

    def answer(self, status, document):
        data = json.dumps(document).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
server.daemon_threads = True
print(server.server_address[1], flush=True)
server.serve_forever()
