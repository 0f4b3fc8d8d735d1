"""A built site served on 127.0.0.1 as a static host serves it: gzip for text, the site's 404 page.

Lighthouse and page-weight measurements must see what readers' browsers get from a real host
(GitHub Pages, where the workflow publishes, compresses text with gzip), not the uncompressed bytes
of Python's `http.server`: served plain, plotly.js alone is 1 MB more on the wire and every
performance figure would be wrong. Compressed bytes are made once per file (gzip -9, no timestamp,
as bench/page_weight.py counts them) and kept while the file's size and time stay the same, so a
benchmark times the browser, not this server.

In Python:

    from bench.gzip_server import serve, pages_of
    with serve("site") as server:            # bound and serving at once, on a free port
        server.url("kfor/")                  # "http://127.0.0.1:<port>/kfor/"
        server.sent                          # one Sent(path, status, encoding, bytes) per response

The folder need not exist yet: each request resolves its path afresh, so a benchmark can bind the
server, build the site with SITE_URL = `server.origin` + "/" (Material's instant navigation needs
site_url on the origin it is served from), then read it; an atomic build's swap of site/ is seen
at once.

As a script, it serves a folder until Ctrl-C:

    python bench/gzip_server.py [site] [--port 8000]
"""

from __future__ import annotations

import argparse
import gzip
import mimetypes
import os
import posixpath
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import formatdate
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Content types by suffix, fixed here rather than taken from the machine's /etc/mime.types, which
# differs between machines (some map .js to application/x-javascript, most know no .webmanifest).
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".map": "application/json",
    ".svg": "image/svg+xml",
    ".xml": "application/xml",
    ".csv": "text/csv; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".gz": "application/gzip",
}
# What a host compresses: text. Images, fonts and archives are compressed already.
COMPRESSED = {".html", ".css", ".js", ".mjs", ".json", ".webmanifest", ".map", ".svg", ".xml", ".csv", ".txt"}


@dataclass(frozen=True)
class Sent:
    """One response: the path asked for, its status, "gzip" or "" and the bytes of its body on the wire."""

    path: str
    status: int
    encoding: str
    bytes: int


@dataclass
class Server:
    """A running server: where it is, and what it has sent (in the order responses were sent)."""

    origin: str  # "http://127.0.0.1:<port>", no trailing slash
    root: Path
    sent: list[Sent] = field(default_factory=list)

    def url(self, path: str = "") -> str:
        return f"{self.origin}/{path.lstrip('/')}"


class _Handler(BaseHTTPRequestHandler):
    """GET and HEAD of files under `root`; a folder's index.html; 404.html with status 404 for the rest."""

    server_version = "gzip_server"
    protocol_version = "HTTP/1.1"  # keep-alive, as hosts do: a page's assets come over a few connections
    root: Path
    record: list[Sent]
    cache: dict
    lock: threading.Lock

    def do_GET(self):  # noqa: N802 - the base class's naming
        self._respond(body=True)

    def do_HEAD(self):  # noqa: N802
        self._respond(body=False)

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def _respond(self, body: bool) -> None:
        path = posixpath.normpath(unquote(urlsplit(self.path).path))
        file = self.root / path.lstrip("/")
        if ".." in Path(path).parts:
            file = None
        elif file.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                # As hosts do (and the site's relative links need): a folder's address ends with "/".
                self._send(HTTPStatus.MOVED_PERMANENTLY, b"", "", {"Location": urlsplit(self.path).path + "/"}, body)
                return
            file = file / "index.html"
        status = HTTPStatus.OK
        if file is None or not file.is_file():
            status, file = HTTPStatus.NOT_FOUND, self.root / "404.html"
            if not file.is_file():
                self._send(status, b"not found\n", "", {"Content-Type": TYPES[".txt"]}, body)
                return
        data, encoding, stat = self._content(file)
        headers = {
            "Content-Type": TYPES.get(file.suffix.lower())
            or mimetypes.guess_type(file.name)[0]
            or "application/octet-stream",
            "Last-Modified": formatdate(stat.st_mtime, usegmt=True),
        }
        if file.suffix.lower() in COMPRESSED:
            headers["Vary"] = "Accept-Encoding"
        self._send(status, data, encoding, headers, body)

    def _content(self, file: Path) -> tuple[bytes, str, os.stat_result]:
        """The file's bytes as sent to this client: gzip when it is text and the client accepts gzip."""
        stat = file.stat()
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "").lower()
        if not (wants_gzip and file.suffix.lower() in COMPRESSED):
            return file.read_bytes(), "", stat
        key = (file, stat.st_size, stat.st_mtime_ns)
        with self.lock:
            data = self.cache.get(key)
        if data is None:
            data = gzip.compress(file.read_bytes(), compresslevel=9, mtime=0)
            with self.lock:
                self.cache[key] = data
        return data, "gzip", stat

    def _send(self, status: int, data: bytes, encoding: str, headers: dict[str, str], body: bool) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        if encoding:
            self.send_header("Content-Encoding", encoding)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body:
            self.wfile.write(data)
        self.record.append(Sent(urlsplit(self.path).path, int(status), encoding, len(data) if body else 0))


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # a browser closing a connection early is no error of the site


@contextmanager
def serve(root: str | os.PathLike, host: str = "127.0.0.1", port: int = 0) -> Iterator[Server]:
    """Serve `root` on `host` (a free port unless `port` is given), in a thread, for the `with` block.

    Bound before it yields, so no other process can take the port between choosing it and serving.
    """
    root = Path(root).resolve()
    server = Server(origin="", root=root)
    handler = type("Handler", (_Handler,), {"root": root, "record": server.sent, "cache": {}, "lock": threading.Lock()})
    httpd = _QuietServer((host, port), handler)
    server.origin = f"http://{host}:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, name=f"gzip-server {root.name}", daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(5)


def pages_of(root: str | os.PathLike) -> list[str]:
    """Every page of a built site, as the path it is served at: "", "kfor/", "charts/<id>/", "404.html".

    Found by walking the folder (every index.html outside assets/, and 404.html), not listed by hand,
    so a page added to the site is measured from then on (and tested: tests/browser/test_real_site.py).
    """
    root = Path(root)
    pages = [
        page.parent.relative_to(root).as_posix() + "/"
        for page in root.rglob("index.html")
        if "assets" not in page.relative_to(root).parts
    ]
    pages = sorted("" if page == "./" else page for page in pages)
    return [*pages, "404.html"] if (root / "404.html").is_file() else pages


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("root", nargs="?", default="site", help="the built site (default: site/)")
    parser.add_argument("--port", type=int, default=8000, help="0 picks a free one (default: 8000)")
    args = parser.parse_args(argv[1:])
    if not (Path(args.root) / "index.html").is_file():
        print(f"{args.root}/index.html not found: build the site first (make site)", file=sys.stderr)
        return 2
    with serve(args.root, port=args.port) as server:
        print(f"Serving {server.root} with gzip on {server.url()} (Ctrl-C stops)", flush=True)
        try:
            threading.Event().wait()
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
