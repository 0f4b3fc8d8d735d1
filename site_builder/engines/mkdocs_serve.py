"""MkDocs' live-reload server made to keep answering, whatever an editor breaks.

Where MkDocs stalls (`mkdocs/livereload/__init__.py`, `_build_loop`): a rebuild is wanted, its
epoch set, and the builder raises (mkdocs.yml no longer loads, a plugin's error, strict mode's
"Aborted with 1 warnings"); the loop logs "The server will appear stuck" and waits for the next
change, and every request waits, unanswered, for that epoch to be built. So the builder is wrapped
(`install`): it never raises; what stopped it, and the `mkdocs.*` warnings strict mode would
stop on, go to `serving.Preview`, which shows them in every page served (the last good site,
since MkDocs' build fails before cleaning the site when the config is at fault, and the plugin
keeps the last good charts). The epoch then moves on and livereload reloads the open tabs.

Strict mode itself is off for serve builds (`mkdocs_messages.lenient`): its warnings are problems in the box,
not an abort; `mkdocs build --strict` still stops on them. A project whose mkdocs.yml is broken
when the preview starts loads no plugin at all, so `mkdocs serve` exits there: `serve` is MkDocs'
own `serve` command with the wrapped builder from the first build on (`site-builder serve`).
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.__main__ import State
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.livereload import LiveReloadServer

from site_builder.build import serving
from site_builder.editors import preview
from site_builder.engines.mkdocs_messages import BuildLog, outcome
from site_builder.errors import ContentError
from site_builder.formats.site_config import SiteConfig


def install(server: LiveReloadServer, root: Path, first: BuildLog | None = None, charts=None) -> serving.Preview:
    """Make `server` keep answering; once per server. `first`: the log of the build MkDocs ran
    before calling the plugins' `on_serve`; `charts`: the plugin's, with the content's problems.
    """
    shown = getattr(server, "site_builder_preview", None)
    if shown is None:
        shown = server.site_builder_preview = serving.Preview()
        server.builder = resilient(server.builder, shown, root)
        # The problems page is no file of the site, so MkDocs does not add its live-reload script.
        reload = lambda page: server._inject_js_into_html(page, server._visible_epoch)  # noqa: E731
        server.set_app(serving.serve(server.get_app(), shown, reload))
        if first is not None:
            shown.finished(*outcome(None, first.records, root))
    if first is not None:
        first.close()
    if charts is not None:
        shown.charts = charts
    return shown


def resilient(builder: Callable, shown: serving.Preview, root: Path) -> Callable:
    def build_or_report(config=None) -> None:
        log, error = BuildLog(), None
        try:
            builder() if config is None else builder(config)
        except Exception as caught:  # noqa: BLE001 - shown in the preview; MkDocs' Abort is one too
            error = caught
        finally:
            log.close()
        shown.finished(*outcome(error, log.records, root))

    return build_or_report


def serve(root: Path, dev_addr: str | None = None, config_file: str | None = None) -> None:
    """`mkdocs serve`, live reload on, that starts on a broken project too and recovers when fixed;
    `config_file`: an edition's (`mkdocs.sq.yml`), relative to `root`.
    """
    root, site_dir, started = root.resolve(), tempfile.mkdtemp(prefix="mkdocs_"), []
    _terminal = State()  # MkDocs' own log lines, as `mkdocs serve` prints them (kept while it serves)
    file = root / config_file if config_file else SiteConfig.find(root)
    options = {"dev_addr": dev_addr} if dev_addr else {}

    def get_config():
        return load_config(config_file=str(file) if file else None, site_dir=site_dir, **options)

    try:
        config = get_config()
    except Exception:  # noqa: BLE001 - the first build says why, in the preview
        config = None
    host, port = config.dev_addr if config else _address(dev_addr or _written(root, "dev_addr") or "127.0.0.1:8000")
    mount = urlsplit((config.site_url if config else _written(root, "site_url")) or "/").path
    server = LiveReloadServer(builder=None, host=host, port=port, root=site_dir, mount_path=mount)

    def builder(config=None) -> None:
        logging.getLogger("mkdocs.commands.serve").info("Building documentation...")
        config = config or get_config()
        if not started:
            config.plugins.on_startup(command="serve", dirty=False)
            started.append(config)
        config.site_url = server.url
        for path in (config.docs_dir, config.config_file_path, *config.watch):
            if path and os.path.exists(path):
                server.watch(path)
        build(config, serve_url=server.url)
        if len(started) == 1:  # the plugins' `on_serve` once, after the first build that ran, as MkDocs does
            started.append(config.plugins.on_serve(server, config=config, builder=server.builder))

    server.builder = builder
    server.error_handler = lambda code: _error_page(site_dir, code)
    install(server, root)
    for path in (file, *(root / name for name in ("docs", "content", "data", "charts"))):
        if path and path.exists():
            server.watch(str(path))
    try:
        server.builder(config)
        server.serve()
    except KeyboardInterrupt:
        preview.preview_logger().info("Shutting down...")
    finally:
        server.shutdown()
        if started:
            started[0].plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


def _written(root: Path, key: str) -> str | None:
    """A setting as mkdocs.yml writes it, when MkDocs cannot load the file."""
    try:
        return SiteConfig.load(root).raw.get(key)
    except ContentError:
        return None


def _address(address: str) -> tuple[str, int]:
    host, _, port = str(address).rpartition(":")
    return host or "127.0.0.1", int(port)


def _error_page(site_dir: str, code: int) -> bytes | None:
    """The site's own 404 page, as `mkdocs serve` serves it."""
    page = Path(site_dir, f"{code}.html")
    return page.read_bytes() if code in (404, 500) and page.is_file() else None
