"""`site-builder init DIR`: what it writes, what it refuses, and that the example passes `check` as written.

The strict build of a new site, from the installed wheel, is in tests/build/test_wheel_install.py.
"""

from __future__ import annotations

import yaml

from site_builder import __version__
from site_builder.editors import init
from site_builder.editors.cli import EXIT_CONTENT, EXIT_OK, main
from site_builder.formats.site_config import SiteConfig
from site_builder.formats.yamlsource import read_yaml
from tests.conftest import ROOT

WRITTEN = [
    ".github/workflows/site.yml",
    ".gitignore",
    "README.md",
    "charts/kfor_strength.yml",
    "content/index.md",
    "data/kfor_strength.yml",
    "mkdocs.yml",
    "requirements.txt",
    "schemas/chart.schema.json",
    "schemas/dataset.schema.json",
    "schemas/glossary.schema.json",
]


def mkdocs_yml(path):
    """mkdocs.yml as MkDocs reads it, with `!ENV` kept as the tag's argument."""

    class Loader(yaml.SafeLoader):
        pass

    def env(loader, node):
        value = loader.construct_scalar(node) if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)
        return ("!ENV", value)

    Loader.add_constructor("!ENV", env)
    Loader.add_multi_constructor("tag:yaml.org,2002:python/name:", lambda loader, suffix, node: ("python", suffix))
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)  # noqa: S506 - a safe loader


def test_init_writes_a_site_and_says_what_to_run_next(tmp_path, capsys):
    assert main(["--root", str(tmp_path), "init", "mysite"]) == EXIT_OK
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"wrote {len(WRITTEN)} files into mysite/: {', '.join(WRITTEN)}"
    assert out[1:] == [
        "next: cd mysite",
        "next: site-builder check",
        "next: mkdocs build        (or `mkdocs serve` to preview it at http://127.0.0.1:8000/)",
    ]
    site = tmp_path / "mysite"
    assert sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()) == WRITTEN


def test_the_new_site_passes_check_as_written(tmp_path, capsys):
    main(["--root", str(tmp_path), "init", "mysite"])
    capsys.readouterr()
    assert main(["--root", str(tmp_path / "mysite"), "check"]) == EXIT_OK
    assert capsys.readouterr().out.startswith("ok: 1 dataset, 1 chart, 1 page in content/ and the navigation checked")


def test_its_mkdocs_yml_is_private_instant_strict_validated_and_invents_no_address(tmp_path, monkeypatch):
    init.init(tmp_path / "s")
    monkeypatch.delenv("SITE_URL", raising=False)
    config = mkdocs_yml(tmp_path / "s/mkdocs.yml")
    assert config["theme"]["font"] is False
    assert "navigation.instant" in config["theme"]["features"]
    assert config["strict"] is True
    assert "site-builder" in config["plugins"]
    ours = mkdocs_yml(ROOT / "mkdocs.yml")
    assert config["validation"] == ours["validation"]
    assert config["site_url"] == ("!ENV", "SITE_URL")  # no default: never a loopback address
    assert SiteConfig.load(tmp_path / "s").site_url in (None, "")  # no loopback default


def test_requirements_pin_this_release_and_gitignore_keeps_the_build_out(tmp_path):
    init.init(tmp_path / "s")
    assert f"site-builder=={__version__}\n" in (tmp_path / "s/requirements.txt").read_text()
    ignored = (tmp_path / "s/.gitignore").read_text().split()
    assert {"/site/", "/.site-builder-cache/"} <= set(ignored)


def test_the_example_figures_are_the_kosovo_site_s_own(tmp_path):
    """No invented figure: every example record is a record of data/kfor_troops.yml, with its source as there."""
    init.init(tmp_path / "s")
    example = read_yaml(tmp_path / "s/data/kfor_strength.yml").value
    ours = read_yaml(ROOT / "data/kfor_troops.yml").value
    sources = {  # the starter is English only: the Kosovo source's English notes
        source["id"]: {k: _english(v) if k == "notes" else v for k, v in source.items()} for source in ours["sources"]
    }
    for source in example["sources"]:
        assert source == sources[source["id"]]
    for record in example["records"]:
        assert any(
            all(theirs.get(key) == record[key] for key in ("date", "troops", "source", "confidence"))
            and _english(theirs.get("qualifier")) == record.get("qualifier")
            for theirs in ours["records"]
        ), record


def _english(value):
    return value["en"] if isinstance(value, dict) else value


def test_a_folder_that_is_not_empty_is_refused_and_nothing_is_written(tmp_path, capsys):
    (tmp_path / "mysite").mkdir()
    (tmp_path / "mysite/notes.txt").write_text("mine")
    assert main(["--root", str(tmp_path), "init", "mysite"]) == EXIT_CONTENT
    assert capsys.readouterr().err == (
        "site-builder init mysite: the folder is not empty (notes.txt); nothing was written\n"
        "  hint: name a new folder (site-builder init mysite), or add --force to write the starting files beside "
        "what is there (an existing file is never overwritten)\n1 problem found.\n"
    )
    assert [p.name for p in (tmp_path / "mysite").iterdir()] == ["notes.txt"]


def test_force_writes_beside_other_files_but_never_over_one(tmp_path, capsys):
    (tmp_path / "mysite/content").mkdir(parents=True)
    (tmp_path / "mysite/notes.txt").write_text("mine")
    assert main(["--root", str(tmp_path), "init", "mysite", "--force"]) == EXIT_OK
    assert (tmp_path / "mysite/notes.txt").read_text() == "mine"
    assert (tmp_path / "mysite/mkdocs.yml").is_file()
    capsys.readouterr()

    (tmp_path / "again").mkdir()
    (tmp_path / "again/mkdocs.yml").write_text("site_name: Mine\n")
    assert main(["--root", str(tmp_path), "init", "again", "--force"]) == EXIT_CONTENT
    assert capsys.readouterr().err.startswith(
        "site-builder init again: these exist already: mkdocs.yml; nothing was written\n"
    )
    assert [p.name for p in (tmp_path / "again").iterdir()] == ["mkdocs.yml"]
    assert (tmp_path / "again/mkdocs.yml").read_text() == "site_name: Mine\n"


def test_a_file_in_place_of_the_folder_is_refused(tmp_path, capsys):
    (tmp_path / "mysite").write_text("")
    assert main(["--root", str(tmp_path), "init", "mysite"]) == EXIT_CONTENT
    assert "site-builder init mysite: this is a file, not a folder; nothing was written" in capsys.readouterr().err
