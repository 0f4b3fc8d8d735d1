"""`build` and `serve` on Zensical: our steps around Zensical's own, in one process.

Zensical reads mkdocs.yml itself (`zensical.config.parse_config`, called from its Rust core) and
ignores our plugin. Run in this process, it is given the configuration it read plus what the
MkDocs plugin adds in `on_config`: our stylesheet and loader in `extra_css`/`extra_javascript`,
the build's own output folder as `site_dir` (the site is replaced only when the build
succeeded), and a digest of the charts among our extension's options, which Zensical's cache of
rendered pages counts, so that a changed chart renders its pages again. Our extension
(`markdown.py`) fills the pages from the build begun here (`build/session.py`); the files
Zensical does not know of are written when it is done. It cleans its output folder at every
build, so under `serve` they are written again after each rebuild.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import sys
import threading
from pathlib import Path

from site_builder.build.editions import EditionsBuild
from site_builder.build.session import EngineBuild
from site_builder.engines.zensical import markdown
from site_builder.errors import ContentError, Problem
from site_builder.formats.site_config import SiteConfig
from site_builder.languages import current


def build(root: Path, strict: bool = True, config_file: Path | None = None, site_dir: Path | None = None) -> Path:
    """Build the site of the project at `root` (or one edition: `config_file`, into `site_dir`) with
    Zensical; the site folder it replaced.
    """
    import zensical  # the engine, for this command only

    config = _config(root, config_file)
    session = _begin(config, serving=False, site_dir=site_dir)
    try:
        with _session(session):
            zensical.build(str(config.file), {"clean": False, "strict": strict})
        return session.finish()
    finally:
        session.abort()


def serve(root: Path, address: str | None = None) -> None:
    """Preview the site with Zensical's server (in a folder of its own, never `site_dir`) until
    interrupted. Zensical's server ends its process itself on Ctrl-C, so it runs in a forked one
    and this one removes the preview's folder when that ends.
    """
    config = _config(root)
    session = _begin(config, serving=True)
    server = multiprocessing.get_context("fork").Process(target=_serve, args=(session, config, address))
    try:
        server.start()
        server.join()
    except KeyboardInterrupt:
        pass
    finally:
        if server.is_alive():
            server.terminate()
            server.join(5)
        if server.is_alive():  # Zensical's server may not end on SIGTERM
            server.kill()
        server.join()
        session.abort()


def _serve(session: EngineBuild, config: SiteConfig, address: str | None) -> None:
    import zensical  # the engine, for this command only

    stop = threading.Event()
    threading.Thread(target=session.keep_files, args=(stop,), daemon=True, name="site-builder files").start()
    try:
        with _session(session):
            zensical.serve(str(config.file), {"dev_addr": address, "open": False, "strict": False})
    except RuntimeError as error:
        print(f"site-builder: {zensical_error(error)}", file=sys.stderr)
    finally:
        stop.set()


def build_editions(root: Path, strict: bool = True, only: str | None = None, say=print) -> Path:
    """Every edition with a config file of its own, one after another, swapped in once (`EditionsBuild`).
    A Latin edition made from a Cyrillic one (sr-Latn) needs settings over Zensical's own reading of
    its config (its generated pages and the theme's words) that this adapter does not give yet: it is
    left out, and said so; asked for alone, it is refused.
    """
    editions = EditionsBuild(Path(root).resolve(), only)
    if made := [edition for edition in editions.editions if edition.transliterated_from]:
        if only is not None:
            hint = "build it with `site-builder build --edition` (MkDocs)"
            problem = Problem(editions.site.display, _NOT_YET, editions.site.lines.get("extra"), None, "", hint)
            raise ContentError([problem])
        editions.editions = [edition for edition in editions.editions if not edition.transliterated_from]
        names = ", ".join(edition.language for edition in made)
        say(f"site-builder: {names} not built: {_NOT_YET}; `site-builder build` (MkDocs) builds it", file=sys.stderr)
    return editions.run(lambda plan: build(root, strict, plan.config_file, plan.site_dir))


_NOT_YET = "an edition made by transliteration is not built on Zensical yet"


def _config(root: Path, file: Path | None = None) -> SiteConfig:
    config = SiteConfig.load(root, file)
    if config.file is None:
        raise ContentError([Problem("mkdocs.yml", "no mkdocs.yml here", hint="run this in the project's folder")])
    if markdown.NAME not in config.markdown_extensions:
        problem = Problem(
            config.display,
            f"`markdown_extensions:` does not list `{markdown.NAME}`: Zensical would show every `:::` line "
            "as text, and `zensical build` or `zensical serve` run without this command would not say so",
            field="markdown_extensions",
            hint=f"add the line `  - {markdown.NAME}` under `markdown_extensions:` (MkDocs loads it too, and it "
            "does nothing there)",
        )
        raise ContentError([problem])
    return config


def _begin(config: SiteConfig, serving: bool, site_dir: Path | None = None) -> EngineBuild:
    """Everything checked and the charts made, before Zensical writes a page."""
    session = EngineBuild(config, serving=serving, site_dir=site_dir)
    try:
        session.charts()
    except BaseException:
        session.abort()
        raise
    return session


@contextlib.contextmanager
def _session(session: EngineBuild):
    """Zensical, for the time of one command, reads the configuration with our additions."""
    import zensical.config as zensical_config  # the engine, for this command only

    read = zensical_config.parse_config

    def parse_config(path: str) -> dict:
        config = read(path)
        config["site_dir"] = str(session.folder)
        config["site_url"] = session.site_url  # an edition's own: the site's, and its folder
        extra = config.get("extra") or {}
        if extra.get("alternate"):  # the theme's switcher: only the editions Zensical builds (not sr-Latn yet)
            extra["alternate"] = [
                alt for alt in extra["alternate"] if not current.is_latin_of_cyrillic(alt.get("lang"))
            ]
        assets = session.assets
        if assets.css_path not in config["extra_css"]:
            config["extra_css"].append(assets.css_path)
        if assets.loader_path not in [item["path"] for item in config["extra_javascript"]]:
            config["extra_javascript"].append(_script(assets.loader_path))
        config["mdx_configs"].setdefault(markdown.NAME, {})["charts"] = session.digest()
        config["mdx_configs_hash"] = zensical_config._hash(config["mdx_configs"])
        return config

    zensical_config.parse_config, markdown.SESSION = parse_config, session
    try:
        yield
    finally:
        zensical_config.parse_config, markdown.SESSION = read, None


def _script(path: str) -> dict:
    """An `extra_javascript` entry in Zensical's structured form."""
    return {"path": path, "type": None, "async": False, "defer": False}


def zensical_error(error: RuntimeError) -> str:
    """Zensical's message for an exception raised in Python: ours says it all, without the traceback."""
    text = str(error)
    known = f"{ContentError.__name__}: "
    if known in text:
        return text.split(known, 1)[1].split("\nTraceback (most recent call last)", 1)[0].strip("\n")
    return text
