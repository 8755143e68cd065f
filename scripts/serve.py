#!/usr/bin/env python3
"""`make serve`: serves dist/ on http://127.0.0.1:8080 as a deployment's host must — a file if there is one,
else the page the path belongs to: assessment.html for /assessment and below, admin.html for the administration
paths and below, index.html for every other route (the rule of src/ui/areas.rs, `Area::of_path`; e2e/src/server.rs
and public/sw.js route the same way). A file is sent precompressed when the browser accepts it and `make dist`
wrote the copy (`<file>.br`, else `<file>.gz`), as a host with nginx's `brotli_static` / `gzip_static` sends it."""
import http.server
import os
import sys

# `serve.py [PORT [FOLDER]]`: dist/ on 8080 unless told (scripts/lighthouse.sh serves the bench's floor too).
ROOT = sys.argv[2] if len(sys.argv) > 2 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "dist")
PORT = int(sys.argv[1]) if len(sys.argv) > 1 else 8080


# The paths that are not the service page's, each with everything under it, and their page: a copy of `PAGE_PATHS`
# in src/ui/areas.rs, which a native test compares with it.
PAGE_PATHS = {"/assessment": "assessment.html", "/org": "admin.html", "/providers": "admin.html", "/users": "admin.html", "/settings": "admin.html", "/inputs": "admin.html", "/data": "admin.html"}


def page_of(path):
    for prefix, page in PAGE_PATHS.items():
        if path == prefix or path.startswith(prefix + "/"):
            return page
    return "index.html"


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".js": "text/javascript", ".webmanifest": "application/manifest+json"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=ROOT, **kwargs)

    def send_head(self):
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if not os.path.isfile(self.translate_path(path)):
            path = "/" + page_of(path)
            self.path = path
        return self.send_precompressed(self.translate_path(path)) or super().send_head()

    def send_precompressed(self, file):
        """The file's precompressed copy with its headers, or None when there is none the browser accepts."""
        accepted = [part.split(";", 1)[0].strip() for part in self.headers.get("Accept-Encoding", "").split(",")]
        for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
            if encoding in accepted and os.path.isfile(file + suffix):
                body = open(file + suffix, "rb")
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(file))
                self.send_header("Content-Encoding", encoding)
                self.send_header("Content-Length", str(os.fstat(body.fileno()).st_size))
                self.send_header("Vary", "Accept-Encoding")
                self.end_headers()
                return body
        return None

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()


if __name__ == "__main__":
    print(f"Serving {ROOT} on http://127.0.0.1:{PORT}/ (Ctrl-C stops)")
    http.server.ThreadingHTTPServer(("127.0.0.1", PORT), Handler).serve_forever()
