"""The site's config file read without MkDocs (formats/site_config.py)."""

import pytest

from site_builder.errors import ContentError
from site_builder.formats.site_config import SiteConfig

CONFIG = """\
site_name: Test
site_url: !ENV [TEST_SITE_URL, OTHER_URL, "https://example.org/"]
docs_dir: pages
use_directory_urls: false
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
plugins:
  - search
  - site-builder:
      data_dir: tables
      images: false
nav:
  - Home: index.md
  - about.md
  - Section:
      - Deep: deep/page.md
      - Elsewhere: https://example.org/
"""


def test_reads_folders_nav_and_plugin_settings(tmp_path, monkeypatch):
    monkeypatch.delenv("TEST_SITE_URL", raising=False)
    monkeypatch.delenv("OTHER_URL", raising=False)
    (tmp_path / "mkdocs.yml").write_text(CONFIG)
    config = SiteConfig.load(tmp_path)
    assert (config.docs_dir, config.data_dir, config.charts_dir) == ("pages", "tables", "charts")
    assert config.images is False and config.use_directory_urls is False and config.plugin_listed
    assert config.site_url == "https://example.org/"
    assert [(e.target, e.title, e.sections, e.line) for e in config.nav] == [
        ("index.md", "Home", (), 14),
        ("about.md", None, (), 15),
        ("deep/page.md", "Deep", ("Section",), 17),
        ("https://example.org/", "Elsewhere", ("Section",), 18),
    ]
    assert [e.is_link for e in config.nav] == [False, False, False, True]


def test_env_tag_takes_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("OTHER_URL", "https://news.example/")
    (tmp_path / "mkdocs.yml").write_text(CONFIG)
    assert SiteConfig.load(tmp_path).site_url == "https://news.example/"


def test_no_config_file_means_every_default(tmp_path):
    config = SiteConfig.load(tmp_path)
    assert (config.file, config.docs_dir, config.nav, config.plugin_listed) == (None, "docs", None, False)


def test_syntax_error_is_placed(tmp_path):
    (tmp_path / "mkdocs.yml").write_text("site_name: Test\nnav:\n  - Home: index.md\n - broken\n")
    with pytest.raises(ContentError) as caught:
        SiteConfig.load(tmp_path)
    (problem,) = caught.value.problems
    assert problem.path == "mkdocs.yml" and problem.line == 4


def test_inherit_merges_mappings_replaces_lists_and_names_the_file_of_each_line(tmp_path):
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Site\ndocs_dir: content\ntheme:\n  name: material\n  language: en\n  font: false\n"
        "plugins:\n  - search\n  - site-builder\nnav:\n  - Home: index.md\nextra:\n  alternate: []\n",
        encoding="utf-8",
    )
    (tmp_path / "mkdocs.sq.yml").write_text(
        "INHERIT: mkdocs.yml\ndocs_dir: content/sq\ntheme:\n  language: sq\nplugins:\n  - site-builder\n"
        "\nnav:\n  - Ballina: index.md\n",
        encoding="utf-8",
    )
    config = SiteConfig.load(tmp_path, "mkdocs.sq.yml")
    assert config.docs_dir == "content/sq" and config.raw["site_name"] == "Site"
    assert config.theme == {"name": "material", "language": "sq", "font": False}  # merged key by key
    assert config.raw["plugins"] == ["site-builder"]  # a list replaced whole
    assert config.nav[0].title == "Ballina" and config.nav[0].line == 9 and config.nav_display == "mkdocs.sq.yml"
    assert config.display_of("extra") == "mkdocs.yml" and config.lines["extra"] == 12
    assert "INHERIT" not in config.raw


def test_inherit_of_a_missing_file_or_a_circle_says_where(tmp_path):
    (tmp_path / "mkdocs.sq.yml").write_text("site_name: S\nINHERIT: mkdocs.yml\n", encoding="utf-8")
    with pytest.raises(ContentError) as missing:
        SiteConfig.load(tmp_path, "mkdocs.sq.yml")
    assert (missing.value.problems[0].path, missing.value.problems[0].line) == ("mkdocs.sq.yml", 2)
    (tmp_path / "mkdocs.yml").write_text("INHERIT: mkdocs.sq.yml\n", encoding="utf-8")
    with pytest.raises(ContentError, match="circle"):
        SiteConfig.load(tmp_path, "mkdocs.sq.yml")
