"""How many processes a build uses (site_builder/build/workers.py): one rule for the chart process and the
preparing workers; and the one file digest.
"""

from __future__ import annotations

import hashlib

from site_builder.build import workers
from site_builder.build.digests import file_sha256


def test_the_count_is_given_or_set_or_every_core(monkeypatch):
    monkeypatch.setattr(workers, "cores", lambda: 4)
    monkeypatch.delenv("SITE_BUILDER_WORKERS", raising=False)
    assert workers.worker_count() == 4 and workers.worker_count(spare=1) == 3 and workers.worker_count(2) == 2
    monkeypatch.setattr(workers, "cores", lambda: 1)
    assert workers.worker_count(spare=1) == 1  # at least one
    monkeypatch.setenv("SITE_BUILDER_WORKERS", "3")
    assert workers.worker_count(spare=1) == 3 and workers.worker_count(5) == 5
    monkeypatch.setenv("SITE_BUILDER_WORKERS", "many")
    assert workers.worker_count() == 1


def test_one_worker_keeps_the_build_in_one_process(monkeypatch):
    monkeypatch.setattr(workers, "can_fork", lambda: True)
    monkeypatch.delenv("SITE_BUILDER_WORKERS", raising=False)
    assert workers.background_possible()
    monkeypatch.setenv("SITE_BUILDER_WORKERS", "1")
    assert not workers.background_possible()
    monkeypatch.delenv("SITE_BUILDER_WORKERS")
    monkeypatch.setattr(workers, "can_fork", lambda: False)
    assert not workers.background_possible()


def test_a_file_digest_is_the_sha256_of_its_bytes(tmp_path):
    data = bytes(range(256)) * 5000
    (tmp_path / "f").write_bytes(data)
    assert file_sha256(tmp_path / "f") == hashlib.sha256(data).hexdigest() == file_sha256(str(tmp_path / "f"))
