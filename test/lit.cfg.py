# lit configuration for Kiln's FileCheck suites.
import os

import lit.formats

config.name = "Kiln"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".mlir"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.kiln_obj_root, "test")
config.excludes = ["CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py", "unittests", "fuzz",
                   "differential",
                   "golden", "python", "Inputs", "install"]

# Debian's python3 has numpy and torch; the first python3 on PATH may not.
config.substitutions.append(("%python", "/usr/bin/python3"))
config.substitutions.append(("%golden", config.kiln_golden_dir))

# kiln-opt and friends first, then FileCheck/not/count from LLVM 22.
config.environment["PATH"] = os.pathsep.join(
    [config.kiln_tools_dir, config.llvm_tools_dir, config.environment.get("PATH", "")])
