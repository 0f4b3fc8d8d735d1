"""The site's pages and its `nav:` as MkDocs finds them (site_builder/formats/navigation.py)."""

from __future__ import annotations

from site_builder.formats.navigation import nav_problems, readme_problems, site_pages
from site_builder.formats.site_config import SiteConfig


def project(root, config: str, pages: list[str]) -> SiteConfig:
    (root / "mkdocs.yml").write_text("site_name: Test\ndocs_dir: docs\n" + config)
    for page in pages:
        path = root / "docs" / page
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("# Page\n")
    return SiteConfig.load(root)


def found(site: SiteConfig) -> list[tuple]:
    pages, left_out = site_pages(site)
    return [(p.path, p.line, p.message, p.hint) for p in nav_problems(site, pages, left_out)]


def test_pages_are_found_as_mkdocs_finds_them(tmp_path):
    site = project(
        tmp_path,
        "exclude_docs: |\n  private/\ndraft_docs: |\n  drafts/*.md\n",
        [
            "index.md",
            "b.markdown",
            "a.md",
            "sub/README.md",
            "sub/index.md",
            ".hidden.md",
            "templates/x.md",
            "private/p.md",
            "drafts/d.md",
            "other/README.md",
        ],
    )
    (tmp_path / "docs" / "notes.txt").write_text("not a page")
    pages, left_out = site_pages(site)
    assert list(pages) == ["index.md", "a.md", "b.markdown", "other/README.md", "sub/index.md"]
    assert left_out == {".hidden.md", "templates/x.md", "private/p.md", "drafts/d.md", "sub/README.md"}


def test_a_nav_entry_to_no_page_is_placed_at_its_line(tmp_path):
    site = project(
        tmp_path,
        "nav:\n  - Home: index.md\n  - Section:\n      - KFOR: kfor-2024.md\n      - Out: https://example.org/\n",
        ["index.md", "kfor_2024.md"],
    )
    assert found(site) == [
        ("mkdocs.yml", 6, "'kfor-2024.md' is not a page in docs/", "did you mean 'kfor_2024.md'?"),
    ]


def test_a_nav_entry_to_an_excluded_page_is_only_mkdocs_information(tmp_path):
    site = project(tmp_path, "exclude_docs: secret.md\nnav:\n  - index.md\n  - secret.md\n", ["index.md", "secret.md"])
    assert found(site) == []


def test_pages_left_out_of_the_nav_fail_only_when_mkdocs_warns(tmp_path):
    nav = "nav:\n  - index.md\n"
    assert found(project(tmp_path, nav, ["index.md", "extra.md"])) == []  # MkDocs' default: information only
    warned = project(tmp_path, "validation:\n  nav:\n    omitted_files: warn\n" + nav, ["index.md", "extra.md"])
    assert found(warned) == [
        (
            "docs/extra.md",
            None,
            "the page is not in the navigation (`nav:` in mkdocs.yml)",
            "add a line for it to `nav:`, like `- Extra: extra.md`, where readers should find it; or, if only "
            "links are to lead to it, add it to `not_in_nav:`",
        )
    ]
    shorthand = project(tmp_path, "validation:\n  omitted_files: warn\n" + nav, ["index.md", "extra.md"])
    assert [problem[0] for problem in found(shorthand)] == ["docs/extra.md"]


def test_not_in_nav_and_no_nav_at_all(tmp_path):
    settings = "validation:\n  omitted_files: warn\nnot_in_nav: |\n  /drafts/\n  old-*.md\n"
    site = project(tmp_path, settings + "nav:\n  - index.md\n", ["index.md", "drafts/a.md", "old-2023.md", "new.md"])
    assert [problem[0] for problem in found(site)] == ["docs/new.md"]
    assert found(project(tmp_path, settings, ["index.md", "new.md"])) == []  # no nav: MkDocs lists every page


def test_not_found_can_be_turned_down_and_absolute_links_warned(tmp_path):
    nav = "nav:\n  - index.md\n  - gone.md\n  - /elsewhere/\n"
    assert found(project(tmp_path, "validation:\n  nav:\n    not_found: info\n" + nav, ["index.md"])) == []
    warned = project(tmp_path, "validation:\n  nav:\n    absolute_links: warn\n" + nav, ["index.md"])
    assert [(problem[1], problem[2]) for problem in found(warned)] == [
        (8, "'gone.md' is not a page in docs/"),
        (9, "'/elsewhere/' is an absolute path, which MkDocs leaves as a link outside the site"),
    ]


def test_a_readme_beside_an_index_is_a_problem_as_mkdocs_warns(tmp_path):
    site = project(tmp_path, "", ["index.md", "README.md", "sub/README.md"])
    pages, left_out = site_pages(site)
    assert [(p.path, p.message) for p in readme_problems(site, pages, left_out)] == [
        ("docs/README.md", "this page and docs/index.md would both be the page of their folder: MkDocs leaves it out")
    ]
