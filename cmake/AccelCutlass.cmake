#===- AccelCutlass.cmake - CUTLASS/CuTe headers for the cross-check -------===#
#
# The hardware-model cross-check (unittests/Codegen/CuteCrossCheckTest.cpp)
# compiles CuTe as host code. Its headers come from PyPI's nvidia-cutlass
# wheel, which scripts/install-deps.sh installs (pinned) under
# ${ACCEL_DEPS_DIR:-~/.cache/accel-deps}/nvidia-cutlass-<version>; CuTe
# also needs libcu++ (cuda/std/...) from the CUDA toolkit, and the test
# reads cuda.h's enum values. Set ACCEL_CUTLASS_INCLUDE_DIR,
# ACCEL_CCCL_INCLUDE_DIR, ACCEL_CUDA_INCLUDE_DIR to use other copies.
# ACCEL_HAVE_CUTE says whether both were found; without them the test
# reports a skip.
#===----------------------------------------------------------------------===#

set(ACCEL_CUTLASS_VERSION 4.2.0.0) # keep in step with scripts/install-deps.sh

set(_accel_deps_dir "$ENV{ACCEL_DEPS_DIR}")
if(NOT _accel_deps_dir)
  set(_accel_deps_dir "$ENV{HOME}/.cache/accel-deps")
endif()
find_path(ACCEL_CUTLASS_INCLUDE_DIR cute/tensor.hpp
  PATHS "${_accel_deps_dir}/nvidia-cutlass-${ACCEL_CUTLASS_VERSION}/cutlass_library/source/include"
  NO_DEFAULT_PATH
  DOC "CUTLASS/CuTe include directory (nvidia-cutlass ${ACCEL_CUTLASS_VERSION})")
find_path(ACCEL_CUDA_INCLUDE_DIR cuda.h
  PATHS /usr/local/cuda/include
  NO_DEFAULT_PATH
  DOC "CUDA toolkit include directory (cuda.h, for the driver's enum values)")
find_path(ACCEL_CCCL_INCLUDE_DIR cuda/std/utility
  PATHS /usr/local/cuda/include/cccl /usr/local/cuda/include
  NO_DEFAULT_PATH
  DOC "libcu++ include directory (CUDA toolkit)")

if(EXISTS "${ACCEL_CUTLASS_INCLUDE_DIR}/cute/tensor.hpp" AND
   EXISTS "${ACCEL_CCCL_INCLUDE_DIR}/cuda/std/utility" AND
   EXISTS "${ACCEL_CUDA_INCLUDE_DIR}/cuda.h")
  set(ACCEL_HAVE_CUTE ON)
  message(STATUS "CuTe cross-check: ${ACCEL_CUTLASS_INCLUDE_DIR}")
else()
  set(ACCEL_HAVE_CUTE OFF)
  message(STATUS "CuTe cross-check: CUTLASS or libcu++ headers not found "
                 "(run scripts/install-deps.sh); the test will be skipped")
endif()
