"""The site's configuration file (`mkdocs.yml`), read without MkDocs: the folders, the navigation,
the address and the plugin's settings, as `site-builder check`, the scaffolds and every engine's
adapter need them.

MkDocs, ProperDocs and Zensical all read this one file, so the core reads it too, rather than ask
an engine: `site-builder check` then knows the same folders and pages as the build, with no engine
loaded. It reads only what the core needs, the way MkDocs reads it: `!ENV` tags take the
environment's value (or the default written last), other tags (`!!python/name:` in Markdown
extensions' options, `!relative`) are kept as opaque text, unknown keys are left to the engine.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from site_builder.errors import ContentError, Problem
from site_builder.formats.yamlsource import syntax_problem  # our YAML wording, shared

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
PLUGIN_NAME = "site-builder"
ADDRESS_SETTING = "site_url in mkdocs.yml (or the SITE_URL variable its `!ENV` tag reads)"


@dataclass(frozen=True)
class NavEntry:
    """One page or link of `nav:`, with the sections above it and the line it is written on."""

    target: str  # a page's path in docs_dir as written, or a URL
    title: str | None
    sections: tuple[str, ...]
    line: int

    @property
    def is_link(self) -> bool:
        return "://" in self.target or self.target.startswith(("/", "#", "mailto:"))


@dataclass(frozen=True)
class SiteConfig:
    root: Path  # the project folder: the config file's folder
    file: Path | None  # None: no config file (every default below)
    docs_dir: str = "docs"
    site_dir: str = "site"
    site_url: str | None = None
    use_directory_urls: bool = True
    nav: tuple[NavEntry, ...] | None = None  # None: no `nav:`, the engine lists every page
    plugin_listed: bool = False  # whether `plugins:` names site-builder
    plugin: dict[str, Any] = field(default_factory=dict)  # its settings as written
    theme: dict[str, Any] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # top-level key -> the line it is written on
    font_line: int | None = None  # where `font:` is written under `theme:`
    site_url_line: int | None = None
    origins: dict[str, str] = field(default_factory=dict)  # top-level key -> the file that writes it (its name)
    font_file: str | None = None  # the file `font_line` is in
    site_url_file: str | None = None  # the file `site_url_line` is in

    def display_of(self, key: str) -> str:
        """The file a top-level key's line (`lines[key]`) is in: this one, or the one it inherits it from."""
        return self.origins.get(key, self.display)

    @property
    def nav_display(self) -> str:
        """The file the nav's lines (`NavEntry.line`) are in."""
        return self.display_of("nav")

    @property
    def is_material(self) -> bool:
        return self.theme.get("name") == "material"

    def prepare(self, serving: bool, theme, say: Callable[[str], object], environ=None) -> None:
        """Before a build makes anything: stop it (`ContentError`) for fonts from a third-party host
        (`font_problem`) or a published build without the site's address (`address_problem`); set
        mkdocs-material's `font` to false in the engine's `theme` (a mapping) when the file leaves it
        out; `say` what the editor should know (`address_note`).
        """
        environ = os.environ if environ is None else environ
        problems = [self.font_problem(), None if serving else self.address_problem(environ)]
        if problems := [problem for problem in problems if problem is not None]:
            raise ContentError(problems)
        if self.is_material:  # not written, or false (`font_problem`): Material would load Roboto from Google
            theme["font"] = False
        if note := self.address_note(serving):
            say(note)

    def address_problem(self, environ) -> Problem | None:
        """A published build (in CI: `CI` set, as GitHub Actions, GitLab CI, Netlify and Cloudflare
        Pages set it) without an address would publish pages with no canonical link, no sitemap
        entries, and embed snippets and citations that say the address is missing. A local build may
        go without one (`address_note`); `mkdocs serve` sets its own.
        """
        if self.site_url or environ.get("CI", "").strip().lower() in ("", "0", "false", "no"):
            return None
        return Problem(
            self.site_url_file or self.display,
            "the site's address is not configured, and this is a published build (the CI variable is set): pages "
            "would have no canonical link and no sitemap entries, embed snippets and citations no URL",
            self.site_url_line,
            None,
            "site_url",
            f"set {ADDRESS_SETTING} to the address readers open, such as https://example.org/news/",
        )

    def address_note(self, serving: bool) -> str | None:
        """What a local build without an address tells the editor (information, not a warning:
        such a build is fine to look at), or None.
        """
        if self.site_url or serving:
            return None
        return (
            "no site address configured: pages get no canonical link, sitemap.xml no entries, embed snippets "
            "and citations say the address is missing, and Material's instant navigation stays off (it follows "
            f"only links that sitemap.xml lists). To publish, set {ADDRESS_SETTING}."
        )

    def font_problem(self) -> Problem | None:
        """mkdocs-material loads the fonts `theme.font` names from Google Fonts, a third-party host
        that then sees every reader of every page. Written out, that is a choice the build must not
        quietly undo, so it stops with the fix; left out, Material would load Roboto from there, and
        the engine adapter sets `font: false` (the system's fonts) instead: private by default.
        """
        font = self.theme.get("font", False)
        if not self.is_material or font is False:
            return None
        return Problem(
            self.font_file or self.display,
            f"theme.font loads {_font_names(font)} from Google Fonts, a third-party host that would see every "
            "reader of every page",
            self.font_line,
            None,
            "theme.font",
            "write `font: false` under `theme:` to use the readers' system fonts; a font of your own goes in "
            "docs_dir with an @font-face rule in a stylesheet named under extra_css",
        )

    @property
    def display(self) -> str:
        return self.file.name if self.file else CONFIG_NAMES[0]

    @property
    def data_dir(self) -> str:
        return str(self.plugin.get("data_dir", "data"))

    @property
    def charts_dir(self) -> str:
        return str(self.plugin.get("charts_dir", "charts"))

    @property
    def images(self) -> bool:
        return self.plugin.get("images", True) is not False

    @property
    def markdown_extensions(self) -> list[str]:
        """The names under `markdown_extensions:`, each with or without options."""
        listed = self.raw.get("markdown_extensions") or []
        if isinstance(listed, dict):
            return [str(name) for name in listed]
        return [str(next(iter(item))) if isinstance(item, dict) and item else str(item) for item in listed]

    @property
    def docs_path(self) -> Path:
        return (self.root / self.docs_dir).resolve()

    def patterns(self, key: str) -> list[str]:
        """Gitignore-style lines of `exclude_docs`, `draft_docs` or `not_in_nav`, as written."""
        value = self.raw.get(key)
        return [line for line in str(value).splitlines() if line.strip()] if isinstance(value, str) else []

    def validation(self, group: str, name: str, default: str) -> str:
        """The level (`warn`, `info`, `ignore`) of one of MkDocs' `validation:` checks, as MkDocs
        reads it: `validation: {nav: {omitted_files: warn}}`, or `validation: {omitted_files: warn}`
        for every group that has the check.
        """
        settings = self.raw.get("validation")
        if not isinstance(settings, dict):
            return default
        own = settings.get(group)
        if isinstance(own, dict) and name in own:
            return str(own[name])
        return str(settings.get(name, default))

    @classmethod
    def find(cls, root: Path | str) -> Path | None:
        for name in CONFIG_NAMES:
            if (Path(root) / name).is_file():
                return Path(root) / name
        return None

    @classmethod
    def load(cls, root: Path | str, file: Path | str | None = None) -> SiteConfig:
        """Read the project's config file (`file`, relative to `root` or absolute; else mkdocs.yml) and
        the files it inherits from; `ContentError` (file:line) when one cannot be read.
        """
        root = Path(root).resolve()
        path = (root / file if not Path(file).is_absolute() else Path(file)) if file else cls.find(root)
        if path is None:
            return cls(root, None)
        layers = _layers(path, [])  # the first parent first, the file itself last
        value: dict[str, Any] = {}
        for layer in layers:
            value = _merge(value, layer.value)
        problems: list[Problem] = []
        nav_layer = _last(layers, lambda layer: _key_node(layer.node, "nav") is not None)
        nav_node = _key_node(nav_layer.node, "nav") if nav_layer else None
        nav = tuple(_nav_entries(nav_node, (), nav_layer.display, problems)) if nav_layer else None
        listed, settings = _plugin_settings(value.get("plugins"), _last_writer(layers, "plugins"), problems)
        if problems:
            raise ContentError(problems)
        lines, origins = {}, {}
        for layer in layers:
            for key, _ in getattr(layer.node, "value", ()):
                if isinstance(key, yaml.ScalarNode) and key.value != "INHERIT":
                    lines[key.value], origins[key.value] = key.start_mark.line + 1, layer.display
        font = _last(layers, lambda layer: _key_line(_key_node(layer.node, "theme"), "font") is not None)
        address = _last(layers, lambda layer: _key_line(layer.node, "site_url") is not None)
        return cls(
            root=path.parent.resolve(),
            file=path,
            docs_dir=str(value.get("docs_dir") or "docs"),
            site_dir=str(value.get("site_dir") or "site"),
            site_url=value.get("site_url") or None,
            use_directory_urls=value.get("use_directory_urls", True) is not False,
            nav=nav,
            plugin_listed=listed,
            plugin=settings,
            theme=value.get("theme") if isinstance(value.get("theme"), dict) else {"name": value.get("theme")},
            raw=value,
            lines=lines,
            font_line=_key_line(_key_node(font.node, "theme"), "font") if font else None,
            site_url_line=_key_line(address.node, "site_url") if address else None,
            origins=origins,
            font_file=font.display if font else None,
            site_url_file=address.display if address else None,
        )


@dataclass(frozen=True)
class _Layer:
    """One config file of an INHERIT chain: its name, its node tree (for lines) and its value."""

    display: str
    node: yaml.Node | None
    value: dict[str, Any]


def _layers(path: Path, seen: list[Path]) -> list[_Layer]:
    """The files `path` is made of, the first parent first (MkDocs' `yaml_load` follows `INHERIT`
    the same way: a path relative to the file that writes it).
    """
    display = path.name
    if path.resolve() in seen:
        chain = " -> ".join(p.name for p in (*seen, path))
        raise ContentError([Problem(display, f"INHERIT goes round in a circle: {chain}", 1, None, "INHERIT")])
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ContentError([Problem(display, f"cannot read the file: {error}")]) from None
    try:
        node = yaml.compose(text, Loader=_ConfigLoader)
        value = _ConfigLoader(text).get_single_data() if node is not None else {}
    except yaml.MarkedYAMLError as error:
        raise ContentError([syntax_problem(error, text, display)]) from None
    except yaml.YAMLError as error:
        raise ContentError([Problem(display, f"YAML error: {error}")]) from None
    if not isinstance(value, dict):
        raise ContentError([Problem(display, "expected settings (`key: value` lines) at the top level", 1)])
    if "INHERIT" not in value:
        return [_Layer(display, node, value)]
    parent, line = value.pop("INHERIT"), _key_line(node, "INHERIT")
    if not isinstance(parent, str) or not parent:
        raise ContentError(
            [
                Problem(
                    display,
                    "INHERIT names the file this one builds on",
                    line,
                    None,
                    "INHERIT",
                    "like `INHERIT: mkdocs.yml`",
                )
            ]
        )
    parent_path = Path(os.path.normpath(path.parent / parent))
    if not parent_path.is_file():
        raise ContentError(
            [
                Problem(
                    display,
                    f"INHERIT: there is no file '{parent}' beside {display}",
                    line,
                    None,
                    "INHERIT",
                    "name the file this one builds on by its path from this file's folder, like `INHERIT: mkdocs.yml`",
                )
            ]
        )
    return [*_layers(parent_path, [*seen, path.resolve()]), _Layer(display, node, value)]


def _merge(parent: Any, child: Any) -> Any:
    """As MkDocs merges an INHERIT (mergedeep's REPLACE strategy): mappings key by key, anything else replaced."""
    if isinstance(parent, dict) and isinstance(child, dict):
        merged = dict(parent)
        for key, value in child.items():
            merged[key] = _merge(parent[key], value) if key in parent else value
        return merged
    return child


def _last(layers: list[_Layer], test: Callable[[_Layer], bool]) -> _Layer | None:
    return next((layer for layer in reversed(layers) if test(layer)), None)


def _last_writer(layers: list[_Layer], key: str) -> str:
    layer = _last(layers, lambda layer: key in layer.value)
    return layer.display if layer else layers[-1].display


class _ConfigLoader(yaml.SafeLoader):
    """A safe loader that knows MkDocs' tags."""


def _env(loader: _ConfigLoader, node: yaml.Node) -> Any:
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]`, as pyyaml_env_tag reads them for MkDocs."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)
        names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name]) if os.environ[name] else None
    return default


def _opaque(loader: _ConfigLoader, suffix: str, node: yaml.Node) -> str:
    return f"<{node.tag}>"


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("!", _opaque)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _opaque)


def _key_line(node: yaml.Node | None, key: str) -> int | None:
    """The line `key:` is written on in a mapping node (its value may start on the next one)."""
    if isinstance(node, yaml.MappingNode):
        for name, _ in node.value:
            if isinstance(name, yaml.ScalarNode) and name.value == key:
                return name.start_mark.line + 1
    return None


def _font_names(font: Any) -> str:
    if isinstance(font, dict) and font:
        return " and ".join(f"'{name}'" for name in font.values())
    return "fonts"


def _key_node(node: yaml.Node | None, key: str) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for name, value in node.value:
            if isinstance(name, yaml.ScalarNode) and name.value == key:
                return value
    return None


def _nav_entries(node: yaml.Node, sections: tuple[str, ...], display: str, problems: list) -> Iterator[NavEntry]:
    """The pages and links of `nav:` in order, as MkDocs reads them: `- page.md`, `- Title: page.md`,
    `- Section: [...]`.
    """
    line = node.start_mark.line + 1
    if not isinstance(node, yaml.SequenceNode):
        problems.append(
            Problem(display, "expected a list under `nav:`", line, None, "nav", "write each page as `- Title: page.md`")
        )
        return
    for item in node.value:
        line = item.start_mark.line + 1
        if isinstance(item, yaml.ScalarNode):
            yield NavEntry(item.value, None, sections, line)
        elif isinstance(item, yaml.MappingNode) and len(item.value) == 1:
            title, value = item.value[0]
            if isinstance(value, yaml.ScalarNode):
                yield NavEntry(value.value, str(title.value), sections, line)
            else:
                yield from _nav_entries(value, (*sections, str(title.value)), display, problems)
        else:
            problems.append(
                Problem(
                    display, "expected a page, `Title: page.md` or `Section:` with a list under it", line, None, "nav"
                )
            )


def _plugin_settings(plugins: Any, display: str, problems: list) -> tuple[bool, dict[str, Any]]:
    """Whether `plugins:` names site-builder, and its settings (a list of names or of one-key
    mappings, or one mapping of names to settings: MkDocs takes both).
    """
    items = plugins.items() if isinstance(plugins, dict) else []
    if isinstance(plugins, list):
        items = [
            (next(iter(p)), p[next(iter(p))]) if isinstance(p, dict) and len(p) == 1 else (p, None) for p in plugins
        ]
    for name, settings in items:
        if name == PLUGIN_NAME:
            if settings is not None and not isinstance(settings, dict):
                problems.append(Problem(display, f"expected the settings of `{PLUGIN_NAME}` as `key: value` lines"))
                return True, {}
            return True, dict(settings or {})
    return False, {}
