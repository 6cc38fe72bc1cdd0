# -*- Python -*-
# lit configuration that runs accel's GoogleTest binaries.

import lit.formats

config.name = "ACCEL-Unit"
config.suffixes = []
config.test_source_root = config.unittest_dir
config.test_exec_root = config.unittest_dir
config.test_format = lit.formats.GoogleTest(".", "Tests")
