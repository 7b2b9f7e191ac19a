"""lit test format: one test per golden case (see test/e2e/lit.local.cfg).

Lives in a module, not in the lit config, so that lit can pickle it for its
worker processes."""
import os
import subprocess

import lit.formats
import lit.Test

import run_golden


class GoldenCases(lit.formats.TestFormat):
    def __init__(self, opt_levels):
        self.opt_levels = opt_levels

    def getTestsInDirectory(self, testSuite, path_in_suite, litConfig, localConfig):
        rows = run_golden.read_manifest(localConfig.kiln_golden_dir)
        for level in self.opt_levels:
            for row in rows:
                yield lit.Test.Test(testSuite, path_in_suite + (f"O{level}", row[0]),
                                    localConfig)

    def execute(self, test, litConfig):
        cfg = test.config
        level, name = test.path_in_suite[-2:]
        row = next(r for r in run_golden.read_manifest(cfg.kiln_golden_dir) if r[0] == name)
        cmd = run_golden.kiln_run_command(cfg.kiln_golden_dir,
                                          os.path.join(cfg.kiln_tools_dir, "kiln-run"),
                                          row, int(level[1:]), repeat=1)
        proc = subprocess.run(cmd, capture_output=True, text=True)
        output = " ".join(cmd) + "\n" + proc.stdout + proc.stderr
        return (lit.Test.PASS if proc.returncode == 0 else lit.Test.FAIL), output
