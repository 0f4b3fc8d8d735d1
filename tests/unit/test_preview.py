"""What the live preview shows while the content has problems."""

from __future__ import annotations

import logging

import pytest
from mkdocs.exceptions import Abort

from site_builder.build import serving
from site_builder.build.chartwork import ChartWork
from site_builder.build.serving import PageCharts, Preview
from site_builder.editors import preview
from site_builder.engines import mkdocs_messages
from site_builder.errors import ContentError, Problem

PROBLEMS = [Problem("data/t.yml", "expected an integer, got '<3,800>'", 4, 7, "records[0].troops", "write 3800")]


def test_banner_lists_the_problems_escaped():
    html = preview.banner(PROBLEMS)
    assert 'role="alert"' in html and "1 problem in the content" in html
    assert "data/t.yml:4:7: records[0].troops: expected an integer, got &#39;&lt;3,800&gt;&#39;" in html
    assert "<3,800>" not in html


def test_missing_chart_notice_is_escaped():
    assert "The chart 'a&lt;b' cannot be shown yet" in preview.missing("chart", "a<b")


def test_problems_are_printed_outside_mkdocs_loggers(capsys):
    """MkDocs' strict mode counts `mkdocs.*` warnings and would stall `mkdocs serve`: our logger is not one of them."""
    logger = preview.preview_logger()
    assert not logger.name.startswith("mkdocs") and not logger.propagate
    preview.report(PROBLEMS, kept=True)
    err = capsys.readouterr().err
    assert err.startswith("ERROR   -  site-builder:\ndata/t.yml:4:7: records[0].troops:")
    assert "keeps showing the last good charts" in err


def test_the_notices_are_the_markup_the_preview_always_showed():
    """From templates now, autoescaped like every other: quotes are written `&#39;`, `&#34;`."""
    assert preview.banner([Problem("a.yml", "x <y> & z"), Problem("b.md", "'q' \"r\"", 3)]) == (
        '<div class="admonition failure sb-preview-problems" role="alert"><p class="admonition-title">'
        "site-builder: 2 problems in the content; this preview shows the last good charts</p>"
        "<pre><code>a.yml: x &lt;y&gt; &amp; z\nb.md:3: &#39;q&#39; &#34;r&#34;\n2 problems found.</code></pre></div>\n"
    )
    assert preview.missing("chart", "kfor_line") == (
        '<div class="admonition warning sb-preview-missing"><p class="admonition-title">The chart '
        "'kfor_line' cannot be shown yet: see the problems above</p></div>"
    )


# The preview's state over its pages, and the WSGI app that serves them (build/serving.py).

PAGE = ("<html><body><article>" + preview.region([]) + "<h1>Troops</h1></article></body></html>").encode()


def test_a_page_built_without_problems_gets_the_problems_of_now_as_it_is_served():
    shown = Preview()
    shown.finished([Problem("mkdocs.yml", "bad <value>", 3, None, "theme")], [])
    page = shown.page(PAGE, "200 OK").decode()
    assert "this preview shows the last good version of the site" in page
    assert "mkdocs.yml:3: theme: bad &lt;value&gt;" in page and "<h1>Troops</h1>" in page
    shown.finished([], [])
    assert "sb-preview-problems" not in shown.page(PAGE, "200 OK").decode()


def test_a_page_not_built_under_serve_is_left_alone_and_a_missing_one_lists_the_problems():
    shown = Preview()
    assert shown.page(b"<html><body>chart page</body></html>", "200 OK") is None
    assert shown.page(b"Not found", "404 Not Found") is None  # no problems: MkDocs' own 404
    shown.finished([Problem("mkdocs.yml", "YAML syntax error", 13, 1)], [])
    page = shown.page(b"Not found", "404 Not Found").decode()
    assert page.startswith("<!doctype html>") and "<title>Preview: 1 problem</title>" in page
    assert "the preview has no version of this page yet" in page and "mkdocs.yml:13:1: YAML syntax error" in page


def test_the_box_says_what_the_preview_shows():
    shown = Preview()
    shown.finished([], [Problem("content/a.md", "this page is not in the navigation")])
    assert shown.kept() == preview.KEPT_NOTHING
    assert "`make site` stops on it until fixed" in shown.page(PAGE, "200 OK").decode()
    charts = PageCharts(keep_last_good=True)
    charts.problems = PROBLEMS
    shown.charts = charts
    assert shown.kept() == preview.NO_CHARTS  # no good build yet: the pages have no charts
    assert "this preview shows the pages without their charts" in shown.page(PAGE, "200 OK").decode()
    shown.finished([Problem("mkdocs.yml", "x")], [])
    assert shown.kept() == preview.KEPT_SITE


def test_a_warning_placed_where_a_content_problem_already_is_shown_once():
    charts = PageCharts(keep_last_good=True)
    charts.problems = [Problem("content/a.md", "not in the navigation (check's wording)")]
    shown = Preview(charts)
    shown.finished([], [Problem("content/a.md", "this page is not in the navigation"), Problem("", "a link")])
    assert [p.message for p in shown.problems()] == ["not in the navigation (check's wording)", "a link"]


def test_the_terminal_says_fixed_only_when_nothing_is_left(capsys):
    shown = Preview()
    shown.finished([Problem("mkdocs.yml", "x")], [])
    assert "The preview shows the problems on every page" in capsys.readouterr().err  # nothing good yet
    shown.finished([], [Problem("", "w")])
    err = capsys.readouterr().err
    assert "problems are fixed" not in err and "the preview shows 1 problem on every page" in err
    shown.finished([Problem("mkdocs.yml", "x")], [])
    assert "keeps showing the last good version of the site" in capsys.readouterr().err
    shown.finished([], [])
    assert "the problems are fixed; the preview is up to date." in capsys.readouterr().err


def _call(app, path="/"):
    said = {}
    body = b"".join(app({"PATH_INFO": path}, lambda status, headers, exc_info=None: said.update(s=status, h=headers)))
    return said["s"], dict(said["h"]), body


def test_the_served_html_carries_the_box_with_its_length_and_other_files_pass_through():
    shown = Preview()
    shown.finished([Problem("mkdocs.yml", "broken")], [])

    def site(environ, start_response):
        if environ["PATH_INFO"] == "/figure.json":
            start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", "2")])
            return [b"{}"]
        if environ["PATH_INFO"] == "/gone/":
            start_response("404 Not Found", [("Content-Type", "text/html")])
            return [b"404 Not Found"]
        start_response("200 OK", [("Content-Type", "text/html"), ("Content-Length", str(len(PAGE)))])
        return [PAGE]

    app = serving.serve(site, shown, lambda page: page + b"<script>reload</script>")
    status, headers, body = _call(app)
    assert status == "200 OK" and b"mkdocs.yml: broken" in body and int(headers["Content-Length"]) == len(body)
    assert not body.endswith(b"<script>reload</script>")  # MkDocs adds its own to the files it serves
    assert _call(app, "/figure.json") == ("200 OK", {"Content-Type": "application/json", "Content-Length": "2"}, b"{}")
    status, headers, body = _call(app, "/gone/")
    assert status == "404 Not Found" and b"The preview cannot show the site yet" in body
    assert body.endswith(b"<script>reload</script>") and int(headers["Content-Length"]) == len(body)


def test_content_broken_before_any_good_build_is_served_without_charts_and_fails_a_build():
    class Broken(ChartWork):
        def pages(self):
            raise ContentError(PROBLEMS)

    serving_charts = PageCharts(keep_last_good=True)
    serving_charts.start(Broken())
    assert serving_charts.take().charts == () and serving_charts.problems == PROBLEMS
    assert serving_charts.work.finish().files == {}
    building = PageCharts()
    building.start(Broken())
    with pytest.raises(ContentError):
        building.take()


# MkDocs' log lines as problems (engines/mkdocs_messages.py).


def _record(message: str, level=logging.WARNING) -> logging.LogRecord:
    return logging.LogRecord("mkdocs.structure.nav", level, __file__, 1, message, None, None)


@pytest.fixture
def project(tmp_path):
    (tmp_path / "content" / "deep").mkdir(parents=True)
    for page in ("index.md", "troops.md", "deep/map.md"):
        (tmp_path / "content" / page).write_text("# Page\n")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: Mini\ndocs_dir: content\ntheme:\n  name: material\n"
        "nav:\n  - Home: index.md\n  - Map: deep/mapp.md\n"
    )
    return tmp_path


def test_nav_warnings_are_placed_in_mkdocs_yml_and_the_page(project):
    omitted = 'The following pages exist in the docs directory, but are not included in the "nav" configuration:'
    records = [
        _record(omitted + "\n  - troops.md\n  - deep/map.md"),
        _record(
            "A reference to 'deep/mapp.md' is included in the 'nav' configuration, which is not found in the "
            "documentation files."
        ),
    ]
    stopped, warnings = mkdocs_messages.outcome(None, records, project)
    assert stopped == []
    assert [p.format() for p in warnings] == [
        "content/troops.md: this page is not in the navigation (`nav:` in mkdocs.yml)\n"
        "  hint: add a line such as `- Title: troops.md` under `nav:` in mkdocs.yml",
        "content/deep/map.md: this page is not in the navigation (`nav:` in mkdocs.yml)\n"
        "  hint: add a line such as `- Title: deep/map.md` under `nav:` in mkdocs.yml",
        "mkdocs.yml:7: nav: 'deep/mapp.md' is not a page in content/\n  hint: did you mean 'deep/map.md'?",
    ]


def test_a_refused_setting_is_placed_on_its_line_and_stops_the_build(project):
    with open(project / "mkdocs.yml", "a") as config:
        config.write("use_directory_urls: maybe\n")
    message = "Config value 'use_directory_urls': Expected type: <class 'bool'> but received: <class 'str'>"
    stopped, warnings = mkdocs_messages.outcome(
        Abort("Aborted with a configuration error!"), [_record(message, logging.ERROR)], project
    )
    assert warnings == [] and [p.format() for p in stopped] == [
        "mkdocs.yml:8: use_directory_urls: Expected type: <class 'bool'> but received: <class 'str'>\n"
        "  hint: correct `use_directory_urls:` in mkdocs.yml and save"
    ]


def test_mkdocs_yml_that_does_not_read_is_the_problem_whatever_mkdocs_logged(project):
    (project / "mkdocs.yml").write_text("site_name: Mini\nnav:\n\t- Home: index.md\n")
    stopped, warnings = mkdocs_messages.outcome(Exception("MkDocs' parser's words"), [], project)
    assert warnings == [] and len(stopped) == 1 and stopped[0].path == "mkdocs.yml" and stopped[0].line == 3


def test_strict_mode_s_abort_is_a_finished_build_with_warnings(project):
    records = [_record("Doc file 'index.md' contains a link 'nowhere.md', but the target is not found.")]
    stopped, warnings = mkdocs_messages.outcome(Abort("Aborted with 1 warnings in strict mode!"), records, project)
    assert stopped == [] and [p.message for p in warnings] == [records[0].getMessage()]
    assert "`make site` (strict mode) stops on this warning" in warnings[0].hint


def test_a_build_that_stopped_says_why(project, capsys):
    """A plugin's error MkDocs logged before its Abort; a bug's exception, with the traceback in the terminal."""
    records = [_record("two files claim charts/a/index.html", logging.ERROR)]
    stopped, _ = mkdocs_messages.outcome(Abort("Aborted with a BuildError!"), records, project)
    assert [p.message for p in stopped] == ["the build stopped: two files claim charts/a/index.html"]
    assert "Traceback" not in capsys.readouterr().err
    try:
        {}["theme"]
    except KeyError as error:
        stopped, _ = mkdocs_messages.outcome(error, [], project)
    assert stopped[0].message == "the build stopped: KeyError: 'theme'"
    assert "Traceback" in capsys.readouterr().err
