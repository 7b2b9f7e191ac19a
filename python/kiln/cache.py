"""Kiln's disk cache of compiled functions: shared objects in $KILN_CACHE_DIR
(default ~/.cache/kiln), each KEY.so with KEY.sum beside it (its size and
SHA-256). An entry is loaded only after its file matches its sum: a library
cut short (a full disk, a partial copy, a writer killed where rename is not
atomic) would otherwise crash the process inside dlopen (SIGBUS). One that
does not match is compiled again and replaced.

The cache is bounded: past $KILN_CACHE_MAX_MB (default 1024) the least
recently used entries go (a load refreshes an entry's sum file's time).
Processes share it safely: files are written under temporary names and
renamed, an entry is removed sum first, and a library another process
removes after loading stays mapped.

    kiln.cache_info()    # {'dir': ..., 'entries': 12, 'bytes': ..., 'max_bytes': ...}
    kiln.clear_cache()   # removes every entry; returns how many
"""
import hashlib
import os
import tempfile

from . import _native

DEFAULT_MAX_MB = 1024


def cache_dir():
    return os.environ.get("KILN_CACHE_DIR") or os.path.join(
        os.path.expanduser("~"), ".cache", "kiln")


def max_bytes():
    value = os.environ.get("KILN_CACHE_MAX_MB")
    try:
        mb = float(value) if value else DEFAULT_MAX_MB
    except ValueError:
        raise ValueError(f"KILN_CACHE_MAX_MB={value!r} is not a number of megabytes") from None
    return int(mb * (1 << 20))


def _digest(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _sum_text(path):
    return f"{os.path.getsize(path)} {_digest(path)}\n"


def _write_atomically(path, text):
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path), prefix=".tmp-")
    try:
        with os.fdopen(fd, "w") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.remove(tmp)
        except OSError:
            pass
        raise


def _remove(*paths):
    for p in paths:
        try:
            os.remove(p)
        except FileNotFoundError:
            pass


def _verified(library, checksum):
    """Whether `library` is what `checksum` recorded when it was written."""
    try:
        with open(checksum) as f:
            size, digest = f.read().split()
        return os.path.getsize(library) == int(size) and _digest(library) == digest
    except (OSError, ValueError):
        return False


def load_or_compile(source, opt_level, key_parts):
    """A SharedLibrary for kiln IR `source` from the cache (keyed by
    `key_parts` and the source), compiled into it on a miss or a damaged
    entry; the JIT when the cache cannot be used (e.g. a read-only home)."""
    key = hashlib.sha256("\n".join(list(key_parts) + [source]).encode()).hexdigest()[:40]
    library = os.path.join(cache_dir(), key + ".so")
    checksum = os.path.join(cache_dir(), key + ".sum")
    try:
        if os.path.exists(library):
            if _verified(library, checksum):
                try:
                    runnable = _native.SharedLibrary(library)
                    try:
                        os.utime(checksum)  # recently used
                    except OSError:
                        pass  # a read-only cache is still read
                    return runnable
                except RuntimeError:
                    pass
            _remove(checksum, library)  # damaged or incomplete: compile it again
        os.makedirs(cache_dir(), exist_ok=True)
        _native.compile_shared_object(source, library, opt_level)
        _write_atomically(checksum, _sum_text(library))
        runnable = _native.SharedLibrary(library)
        prune()
        return runnable
    except (OSError, RuntimeError):
        return _native.CompiledModule(source, opt_level)


def _entries():
    """(last use, bytes, library, sum) of each entry, oldest first."""
    entries = []
    try:
        names = os.listdir(cache_dir())
    except FileNotFoundError:
        return entries
    for name in names:
        if not name.endswith(".so"):
            continue
        library = os.path.join(cache_dir(), name)
        checksum = library[:-3] + ".sum"
        try:
            used = os.path.getmtime(checksum)
        except OSError:
            used = 0.0  # no sum: incomplete, first to go
        try:
            entries.append((used, os.path.getsize(library), library, checksum))
        except OSError:
            pass  # removed meanwhile
    return sorted(entries)


def prune(limit=None):
    """Removes the least recently used entries until the cache holds at
    most `limit` bytes (default: max_bytes())."""
    limit = max_bytes() if limit is None else limit
    entries = _entries()
    total = sum(size for _, size, _, _ in entries)
    for _, size, library, checksum in entries:
        if total <= limit:
            break
        _remove(checksum, library)
        total -= size


def cache_info():
    """The cache's directory, entry count, size and bound in bytes."""
    entries = _entries()
    return {"dir": cache_dir(), "entries": len(entries),
            "bytes": sum(size for _, size, _, _ in entries), "max_bytes": max_bytes()}


def clear_cache():
    """Removes every entry (and stray temporaries); returns how many
    entries there were."""
    entries = _entries()
    for _, _, library, checksum in entries:
        _remove(checksum, library)
    try:
        for name in os.listdir(cache_dir()):
            if name.endswith(".sum") or name.startswith(".tmp-") or ".so.tmp-" in name:
                _remove(os.path.join(cache_dir(), name))
    except FileNotFoundError:
        pass
    return len(entries)
