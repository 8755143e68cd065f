#!/usr/bin/env python3
"""Trunk post-build hook: put the Content-Security-Policy into the built index.html.

trunk injects an inline <script type="module"> that loads the wasm; its content names hashed files, so its
SHA-256 changes with every build. This script hashes every inline script in the staged index.html and writes a
policy that allows exactly those, 'self', and 'wasm-unsafe-eval' (needed to compile WebAssembly) — never
'unsafe-eval' or 'unsafe-inline'.
"""
import base64
import hashlib
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR", "dist")
path = os.path.join(staging, "index.html")
html = open(path, encoding="utf-8").read()

inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
hashes = " ".join(
    "'sha256-%s'" % base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
    for body in inline
)
policy = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'wasm-unsafe-eval' " + hashes,
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
)
if "CSP_PLACEHOLDER" not in html:
    sys.exit("csp.py: index.html has no CSP_PLACEHOLDER")
open(path, "w", encoding="utf-8").write(html.replace("CSP_PLACEHOLDER", policy))
