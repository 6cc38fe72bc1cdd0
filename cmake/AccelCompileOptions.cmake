#===- AccelCompileOptions.cmake - warnings, ccache, sanitizers -----------===#
find_program(CCACHE_PROGRAM ccache)
if(CCACHE_PROGRAM)
  set(CMAKE_C_COMPILER_LAUNCHER "${CCACHE_PROGRAM}")
  set(CMAKE_CXX_COMPILER_LAUNCHER "${CCACHE_PROGRAM}")
endif()

# LLVM 22 deprecates the old builder idioms; keep them out of the tree.
add_compile_options(-Wall -Wextra -Wno-unused-parameter
                    -Werror=deprecated-declarations)

if(ACCEL_ENABLE_FUZZER)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "ACCEL_ENABLE_FUZZER needs clang (configure with CXX=clang++-22)")
  endif()
  # Instrument all of accel for coverage and with ASan+UBSan; the fuzz
  # target itself adds -fsanitize=fuzzer at link time.
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined
                      -fno-sanitize-recover=undefined -fno-omit-frame-pointer -g)
  add_link_options(-fsanitize=address,undefined)
endif()

# llvm::Statistic's layout must match libMLIR.so's (built with NDEBUG) in
# every configuration: see include/accel/Support/LlvmStatisticAbi.h.
add_compile_options(
  "$<$<COMPILE_LANGUAGE:CXX>:SHELL:-include ${PROJECT_SOURCE_DIR}/include/accel/Support/LlvmStatisticAbi.h>")
