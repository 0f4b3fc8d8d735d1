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
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from site_builder.errors import ContentError, Problem

CONFIG_NAMES = ("mkdocs.yml", "mkdocs.yaml")
PLUGIN_NAME = "site-builder"


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

    @classmethod
    def find(cls, root: Path | str) -> Path | None:
        for name in CONFIG_NAMES:
            if (Path(root) / name).is_file():
                return Path(root) / name
        return None

    @classmethod
    def load(cls, root: Path | str, file: Path | str | None = None) -> SiteConfig:
        """Read the project's config file; `ContentError` (file:line) when it cannot be read."""
        root = Path(root).resolve()
        path = Path(file) if file else cls.find(root)
        if path is None:
            return cls(root, None)
        display = path.name
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise ContentError([Problem(display, f"cannot read the file: {error}")]) from None
        try:
            node = yaml.compose(text, Loader=_ConfigLoader)
            value = _ConfigLoader(text).get_single_data() if node is not None else {}
        except yaml.MarkedYAMLError as error:
            from site_builder.formats.yamlsource import syntax_problem  # our YAML wording, shared

            raise ContentError([syntax_problem(error, text, display)]) from None
        except yaml.YAMLError as error:
            raise ContentError([Problem(display, f"YAML error: {error}")]) from None
        if not isinstance(value, dict):
            raise ContentError([Problem(display, "expected settings (`key: value` lines) at the top level", 1)])
        problems: list[Problem] = []
        nav_node = _key_node(node, "nav")
        nav = tuple(_nav_entries(nav_node, (), display, problems)) if nav_node is not None else None
        listed, settings = _plugin_settings(value.get("plugins"), display, problems)
        if problems:
            raise ContentError(problems)
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
        )


class _ConfigLoader(yaml.SafeLoader):
    """A safe loader that knows MkDocs' tags."""


def _env(loader: _ConfigLoader, node: yaml.Node) -> Any:
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]`, as pyyaml_env_tag reads them for MkDocs."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node)
        names, default = items[:-1], items[-1] if len(items) > 1 else None
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return yaml.safe_load(os.environ[name]) if os.environ[name] else None
    return default


def _opaque(loader: _ConfigLoader, suffix: str, node: yaml.Node) -> str:
    return f"<{node.tag}>"


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("!", _opaque)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", _opaque)


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
