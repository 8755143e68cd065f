#!/usr/bin/env python3
"""`make serve`: serves dist/ on http://127.0.0.1:8080 as a deployment's host must — a file if there is one,
else the page the path belongs to: assessment.html for /assessment and below, admin.html for the administration
paths and below, index.html for every other route (the rule of src/ui/areas.rs, `Area::of_path`; e2e/src/server.rs
and public/sw.js route the same way)."""
import http.server
import os
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "dist")
PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 8080


# The administration page's paths, each with everything under it (`ADMIN_PATHS` in src/ui/areas.rs).
ADMIN_PATHS = ["/org", "/providers", "/users", "/settings", "/inputs", "/data"]


def page_of(path):
    def under(prefix):
        return path == prefix or path.startswith(prefix + "/")
    if under("/assessment"):
        return "assessment.html"
    if any(under(prefix) for prefix in ADMIN_PATHS):
        return "admin.html"
    return "index.html"


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".js": "text/javascript", ".webmanifest": "application/manifest+json"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=ROOT, **kwargs)

    def send_head(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if not os.path.isfile(self.translate_path(path)):
            self.path = "/" + page_of(path)
        return super().send_head()

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()


if __name__ == "__main__":
    print(f"Serving the app on http://127.0.0.1:{PORT}/ (Ctrl-C stops)")
    http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
