"""scripts/setup.sh installs Kiln into /usr/local: Debian's python3 imports
the package in a new shell with no environment variable (the installed
libraries' CMake package is checked by test/install/run.sh through ctest)."""
import os
import subprocess


def test_import_kiln_in_a_clean_environment():
    run = subprocess.run(
        ["env", "-i", "PATH=/usr/bin:/bin", "HOME=/tmp", "/usr/bin/python3", "-c",
         "import numpy as np, kiln, kiln.functional as F\n"
         "print(kiln.__file__)\n"
         "assert F.relu(np.array([-1.0, 2.0], np.float32)).tolist() == [0.0, 2.0]"],
        capture_output=True, text=True, cwd="/")
    assert run.returncode == 0, run.stderr
    prefix = os.environ.get("KILN_PREFIX", "/usr/local")
    assert run.stdout.startswith(os.path.join(prefix, "lib")), run.stdout
