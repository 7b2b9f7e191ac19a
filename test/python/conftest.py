"""Makes the built kiln package importable: build/python (or
$KILN_BUILD_DIR/python) holds the extension and the package's files."""
import os
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(ROOT, os.environ.get("KILN_BUILD_DIR", "build"), "python"))

# kiln.jit's disk cache goes to a fresh directory, not the user's.
os.environ["KILN_CACHE_DIR"] = tempfile.mkdtemp(prefix="kiln-test-cache-")
