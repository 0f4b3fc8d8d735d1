"""The build manifest, gzip headers and the build date (site_builder/build/manifest.py), without MkDocs."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import subprocess
from pathlib import Path

import site_builder
from site_builder.build import manifest


def make_site(folder: Path) -> Path:
    (folder / "charts" / "a").mkdir(parents=True)
    (folder / "index.html").write_text("<p>home</p>")
    (folder / "charts" / "a" / "data.csv").write_text("x,y\n1,2\n")
    return folder


def test_manifest_lists_every_file_with_its_hash_but_not_itself(tmp_path):
    site = make_site(tmp_path / "site")
    path = manifest.write_manifest(site, {"data/a.yml": "ab"}, "4.1.1")
    assert path == site / "build-manifest.json"
    written = json.loads(path.read_text())
    assert written["files"] == {
        "charts/a/data.csv": hashlib.sha256(b"x,y\n1,2\n").hexdigest(),
        "index.html": hashlib.sha256(b"<p>home</p>").hexdigest(),
    }
    assert written["generator"] == {"name": "site-builder", "version": site_builder.__version__}
    assert written["plotly.js"] == "4.1.1"
    assert written["inputs"] == {"data/a.yml": "ab"}
    assert written["tools"]["mkdocs"] and written["tools"]["mkdocs-material"]
    assert written["format"] == 1


def test_manifest_is_stable_text(tmp_path, monkeypatch):
    """Sorted keys, `/` paths, a final newline: the same site gives the same bytes wherever it was built."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764288000")
    one = manifest.write_manifest(make_site(tmp_path / "one"), {"b": "2", "a": "1"}, "4.1.1").read_bytes()
    two_site = make_site(tmp_path / "elsewhere" / "two")
    os.utime(two_site / "index.html", (0, 0))
    two = manifest.write_manifest(two_site, {"a": "1", "b": "2"}, "4.1.1").read_bytes()
    assert one == two and one.endswith(b"}\n")
    text = one.decode()
    assert list(json.loads(text)) == sorted(json.loads(text)) and '"a": "1",\n  "b": "2"' in text
    assert json.loads(text)["source_date_epoch"] == "1764288000"


def test_manifest_skips_links(tmp_path):
    site = make_site(tmp_path / "site")
    (site / "link.html").symlink_to(site / "index.html")
    assert "link.html" not in manifest.build_manifest(site, {}, "x")["files"]


def test_inputs_are_the_project_files_without_hidden_ones(tmp_path):
    root = tmp_path / "project"
    for name in (
        "data/a.yml",
        "charts/c.yml",
        "content/index.md",
        "content/deep/p.md",
        "mkdocs.yml",
        "content/.p.md.swp",
        "data/.DS_Store",
        "content/.hidden/x.md",
        "site/index.html",
    ):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(name)
    hashes = manifest.inputs(root, ["data", "charts", str(root / "content"), "missing"], [str(root / "mkdocs.yml")])
    assert list(hashes) == ["charts/c.yml", "content/deep/p.md", "content/index.md", "data/a.yml", "mkdocs.yml"]
    assert hashes["mkdocs.yml"] == hashlib.sha256(b"mkdocs.yml").hexdigest()


def gzip_with_time(path: Path, content: bytes, mtime: int) -> None:
    with (
        open(path, "wb") as stream,
        gzip.GzipFile(filename=str(path), mode="wb", fileobj=stream, mtime=mtime) as packed,
    ):
        packed.write(content)


def test_gzip_files_lose_their_timestamp(tmp_path):
    """MkDocs writes sitemap.xml.gz with the build date in its header; two days, two files."""
    one, two = tmp_path / "one" / "sitemap.xml.gz", tmp_path / "two" / "sitemap.xml.gz"
    for path, mtime in ((one, 1_700_000_000), (two, 1_800_000_000)):
        path.parent.mkdir()
        gzip_with_time(path, b"<urlset/>", mtime)
    assert one.read_bytes() != two.read_bytes()
    assert manifest.normalise_gzip(one.parent) == [one]
    manifest.normalise_gzip(two.parent)
    assert one.read_bytes() == two.read_bytes()
    assert one.read_bytes()[4:8] == b"\0\0\0\0" and gzip.decompress(one.read_bytes()) == b"<urlset/>"
    assert b"sitemap.xml\0" in one.read_bytes()[:30]  # the name inside, without its folder
    assert manifest.normalise_gzip(one.parent) == []  # already without a time: left alone


def test_source_date_epoch_is_the_last_commit(tmp_path):
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": "2026-11-28T12:00:00Z",
        "GIT_COMMITTER_DATE": "2026-11-28T12:00:00Z",
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
    }
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    (tmp_path / "a").write_text("a")
    subprocess.run(["git", "-C", str(tmp_path), "add", "a"], check=True)
    subprocess.run(["git", "-C", str(tmp_path), "commit", "-qm", "a"], check=True, env=env)
    assert manifest.source_date_epoch(tmp_path) == "1795867200"  # 2026-11-28T12:00:00Z
    assert manifest.source_date_epoch(tmp_path / "not-a-folder") is None


def test_files_hashed_as_they_were_written_are_not_read_again(tmp_path, monkeypatch):
    site = make_site(tmp_path / "site")
    known = {"index.html": manifest.stamp(site / "index.html")}
    read = []
    real = manifest.file_sha256
    monkeypatch.setattr(manifest, "file_sha256", lambda path: read.append(Path(path).name) or real(path))
    assert manifest.tree(site, known=known) == manifest.tree(site)
    assert read.count("index.html") == 1 and read.count("data.csv") == 2  # the second tree, without `known`


def test_a_file_changed_after_it_was_hashed_is_hashed_again(tmp_path):
    site = make_site(tmp_path / "site")
    known = {
        "index.html": manifest.stamp(site / "index.html"),
        "charts/a/data.csv": manifest.stamp(site / "charts" / "a" / "data.csv"),
    }
    (site / "index.html").write_text("<p>home, longer</p>")  # another size
    status = os.stat(site / "charts" / "a" / "data.csv")
    (site / "charts" / "a" / "data.csv").write_text("x,y\n3,4\n")  # the same size, a later time
    os.utime(site / "charts" / "a" / "data.csv", ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000))
    assert manifest.tree(site, known=known) == {
        "charts/a/data.csv": hashlib.sha256(b"x,y\n3,4\n").hexdigest(),
        "index.html": hashlib.sha256(b"<p>home, longer</p>").hexdigest(),
    }


def test_hashing_on_a_thread_leaves_out_what_it_could_not_read(tmp_path):
    site = make_site(tmp_path / "site")
    hashing = manifest.Hashing()
    hashing.add("index.html", site / "index.html")
    hashing.add("gone.html", site / "gone.html")
    stamps = hashing.stamps()
    assert list(stamps) == ["index.html"] and stamps["index.html"][2] == hashlib.sha256(b"<p>home</p>").hexdigest()
