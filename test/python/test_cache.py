"""kiln.cache: a damaged entry is compiled again, never loaded (a library
cut short would crash the process in dlopen); the cache is bounded with
least-recently-used pruning; cache_info and clear_cache."""
import os
import subprocess
import sys

import numpy as np

import kiln

SCRIPT = """
import sys
sys.path.insert(0, sys.argv[1])
import numpy as np, kiln, kiln.functional as F
f = kiln.jit(lambda x: F.softmax(F.add(x, 1.0), -1))
print(float(f(np.arange(12, dtype=np.float32).reshape(3, 4)).sum()))
"""


def run_in_new_process(cache, **env):
    """The jitted function called in a new process on `cache`: its exit
    status and printed result."""
    path = os.path.join(os.path.dirname(kiln.__file__), "..")
    run = subprocess.run([sys.executable, "-c", SCRIPT, path], capture_output=True, text=True,
                         env=dict(os.environ, KILN_CACHE_DIR=str(cache), **env))
    return run.returncode, run.stdout.strip(), run.stderr


def entry(cache):
    [library] = [cache / f for f in os.listdir(cache) if f.endswith(".so")]
    return library, library.with_suffix(".sum")


def damage_truncate(library, checksum):
    library.write_bytes(library.read_bytes()[:1000])


def damage_flip_bytes(library, checksum):
    data = bytearray(library.read_bytes())
    data[len(data) // 2:len(data) // 2 + 64] = bytes(64)
    library.write_bytes(bytes(data))


def damage_empty(library, checksum):
    library.write_bytes(b"")


def damage_no_sum(library, checksum):  # the writer died before the sum
    checksum.unlink()


def damage_garbage_sum(library, checksum):
    checksum.write_text("not a sum")


def test_a_damaged_entry_is_compiled_again(tmp_path):
    assert run_in_new_process(tmp_path)[:2] == (0, "3.0")
    library, checksum = entry(tmp_path)
    good = library.read_bytes()
    for damage in (damage_truncate, damage_flip_bytes, damage_empty, damage_no_sum,
                   damage_garbage_sum):
        damage(library, checksum)
        status, out, err = run_in_new_process(tmp_path)
        assert (status, out) == (0, "3.0"), (damage.__name__, status, err[-2000:])
        assert entry(tmp_path) == (library, checksum), damage.__name__
        assert library.read_bytes() == good, damage.__name__  # replaced by a fresh build


def test_a_read_only_cache_is_still_read(tmp_path):
    assert run_in_new_process(tmp_path)[:2] == (0, "3.0")
    library, _ = entry(tmp_path)
    mtime = library.stat().st_mtime_ns
    os.chmod(tmp_path, 0o555)
    try:
        assert run_in_new_process(tmp_path)[:2] == (0, "3.0")
    finally:
        os.chmod(tmp_path, 0o755)
    assert library.stat().st_mtime_ns == mtime


def test_least_recently_used_entries_go_past_the_limit(tmp_path, monkeypatch):
    monkeypatch.setenv("KILN_CACHE_DIR", str(tmp_path))
    for i in range(3):  # three shapes: three entries
        kiln.jit(lambda v: kiln.functional.mul(v, 2.0))(np.ones((2, 3 + i), np.float32))
    info = kiln.cache_info()
    assert info["entries"] == 3 and info["dir"] == str(tmp_path)
    entries = sorted(tmp_path.glob("*.sum"))
    for age, checksum in enumerate(entries):  # entries[0] used last
        os.utime(checksum, (1e9 - age * 1000, 1e9 - age * 1000))
    sizes = {c: c.with_suffix(".so").stat().st_size for c in entries}
    kiln.cache.prune(info["bytes"] - 1)  # one entry too many: the oldest goes
    assert sorted(tmp_path.glob("*.sum")) == entries[:2]
    assert kiln.cache_info()["bytes"] == info["bytes"] - sizes[entries[2]]
    # KILN_CACHE_MAX_MB bounds each new entry's cache.
    monkeypatch.setenv("KILN_CACHE_MAX_MB", "0")
    kiln.jit(lambda v: kiln.functional.mul(v, 2.0))(np.ones((2, 7), np.float32))
    assert kiln.cache_info()["entries"] == 0
    assert kiln.cache_info()["max_bytes"] == 0
    monkeypatch.delenv("KILN_CACHE_MAX_MB")
    assert kiln.cache_info()["max_bytes"] == kiln.cache.DEFAULT_MAX_MB << 20


def test_clear_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("KILN_CACHE_DIR", str(tmp_path))
    kiln.jit(lambda v: kiln.functional.neg(v))(np.ones(3, np.float32))
    (tmp_path / "abc.so.tmp-x1y2z3").write_bytes(b"partial")
    assert kiln.clear_cache() == 1
    assert os.listdir(tmp_path) == []
    assert kiln.clear_cache() == 0
