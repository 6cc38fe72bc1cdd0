# -*- Python -*-
# lit configuration of accel's regression tests.
#
# Parameters (lit --param NAME=VALUE, or LIT_OPTS):
#   verify_roundtrip=1  run every accel-opt invocation with --verify-roundtrip
#                       (print, reparse and compare every module it produces).

import os

import lit.formats
import lit.util
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "ACCEL"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.excludes = ["Inputs", "CMakeLists.txt", "lit.cfg.py", "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.accel_obj_root, "test")

# Strict FileCheck everywhere: captures are scoped to their CHECK-LABEL and
# every prefix a RUN line names must be used.
# NVRTC results are cached on disk (docs/codegen.md, "Kernel cache"): the
# tests use a cache of the build tree's own, never the user's.
config.environment["ACCEL_KERNEL_CACHE_DIR"] = os.path.join(
    config.accel_obj_root, "test", "kernel-cache")
config.environment.pop("ACCEL_KERNEL_CACHE", None)
config.environment.pop("ACCEL_KERNEL_CACHE_MAX_MB", None)
config.environment.pop("ACCEL_KERNEL_CACHE_VERBOSE", None)
config.environment["FILECHECK_OPTS"] = "-enable-var-scope --allow-unused-prefixes=false"

llvm_config.use_default_substitutions()

opt_extra_args = []
if lit_config.params.get("verify_roundtrip", "0") not in ("0", "", "false", "False"):
    opt_extra_args.append("--verify-roundtrip")
    config.available_features.add("verify-roundtrip")

tool_dirs = [config.accel_tools_dir, config.llvm_tools_dir]
tools = [
    ToolSubst("accel-opt", extra_args=opt_extra_args, unresolved="fatal"),
    ToolSubst("accel-translate", unresolved="fatal"),
    ToolSubst("accel-run", unresolved="fatal"),
    ToolSubst("mlir-runner", unresolved="fatal"),
    ToolSubst("not", unresolved="fatal"),
    ToolSubst("accel-runtime-smoke", unresolved="fatal"),
    ToolSubst("accel-capi-test", unresolved="fatal"),
]
llvm_config.add_tool_substitutions(tools, tool_dirs)

# Runtime libraries for execution tests through mlir-runner
# (printMemrefF32 and friends).
llvm_lib_dir = os.path.join(os.path.dirname(config.llvm_tools_dir), "lib")
runner_utils = os.path.join(llvm_lib_dir, "libmlir_runner_utils.so")
c_runner_utils = os.path.join(llvm_lib_dir, "libmlir_c_runner_utils.so")
# `%run_cpu ENTRY` runs ENTRY of LLVM-dialect IR on stdin (what
# --accel-cpu-reference produces). Listed first: lit substitutes in order.
config.substitutions.insert(0, (
    "%run_cpu",
    # Unbuffered stdout: a failed cf.assert prints its message with puts()
    # and aborts, which would lose a buffered message in a pipe.
    f"stdbuf -o0 {os.path.join(config.llvm_tools_dir, 'mlir-runner')} -entry-point-result=void "
    f"-shared-libs={runner_utils},{c_runner_utils} -e"))
config.substitutions.append(("%mlir_runner_utils", runner_utils))
config.substitutions.append(("%accel_src_root", config.accel_src_root))
config.substitutions.append(("%accel_obj_root", config.accel_obj_root))
# Debian's own mlir-opt-22, which loads accel as a plugin (test/Plugins).
config.substitutions.append(("%mlir_opt", os.path.join(config.llvm_tools_dir, "mlir-opt")))
config.substitutions.append(("%accel_plugin", os.path.join(config.accel_obj_root, "lib", "AccelPlugin.so")))
config.substitutions.append(("%mlir_c_runner_utils", c_runner_utils))
# Debian's python3 has numpy (PATH may lead to another python without it):
# test/FrontEnd compares .npy results with it.
config.substitutions.append(("%numpy_python", "/usr/bin/python3"))
# The host C++ compiler the build uses: tests that run generated kernels
# under the CUDA emulation (unittests/Codegen/CudaEmulation.h) compile with it.
config.substitutions.append(("%host_cxx", config.host_cxx))

# nvcc compiles the CUDA the backend emits (the CUDA toolkit ships with the
# build image; no GPU is needed to compile).
for nvcc in [os.environ.get("ACCEL_NVCC", ""), "/usr/local/cuda/bin/nvcc"]:
    if nvcc and os.path.exists(nvcc):
        config.available_features.add("nvcc")
        config.substitutions.append(("nvcc ", nvcc + " "))
        break
