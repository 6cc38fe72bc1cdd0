# -*- Python -*-
# lit configuration that runs accel's GoogleTest binaries.

import os

import lit.formats

config.name = "ACCEL-Unit"
# Without a configured build (unit tests turned off) there is nothing to run.
if not hasattr(config, "unittest_dir"):
    config.unsupported = True
    config.unittest_dir = os.path.dirname(__file__)
config.suffixes = []
config.test_source_root = config.unittest_dir
config.test_exec_root = config.unittest_dir
config.test_format = lit.formats.GoogleTest(".", "Tests")
