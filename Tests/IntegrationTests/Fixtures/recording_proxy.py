"""A loopback HTTP proxy for ProxyIntegrationTests: answers every request itself with an AWS
query-protocol error naming the proxy, so the test can tell the request went through it.

    python3 recording_proxy.py PORT
"""
import http.server
import sys


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = b"<ErrorResponse><Error><Code>ProxyWasUsed</Code><Message>" + self.path.encode() + b"</Message></Error></ErrorResponse>"
        self.send_response(400)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
print("READY", flush=True)
server.serve_forever()
