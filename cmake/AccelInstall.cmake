#===- AccelInstall.cmake - the installed accel package --------------------===#
#
# `cmake --install build --prefix P` puts under P:
#   include/accel, include/accel-c   headers, .td and the tablegen'd .inc
#   include/accel_runtime            the runtime's header
#   lib/libAccel*.a                  the dialect, passes, pipelines, backend
#   lib/libAccelCAPI.so, libAccelMLIRCApi.so   the C API
#   lib/AccelPlugin.so               the mlir-opt-22 plugin
#   lib/libaccel_runtime.a           the runtime generated host code calls
#   lib/cmake/accel/                 AccelConfig.cmake (find_package(Accel))
#   bin/accel-opt, accel-translate, accel-run
# docs/embedding.md shows a consumer; test/Embedding builds one in CI.
#
#===----------------------------------------------------------------------===#

include(CMakePackageConfigHelpers)
include(GNUInstallDirs)

set(ACCEL_INSTALL_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/accel)

# Every library a consumer may link, and what they link: an exported
# target's accel dependencies must be exported too.
set(ACCEL_EXPORTED_LIBRARIES
  AccelDialect AccelTransforms AccelToLinalg AccelLinalgToAccel
  AccelLowerRuntimeChecks AccelCpuLegalization AccelCodegen AccelPipelines
  AccelMLIRCApi AccelCAPI accel_runtime)
foreach(lib ${ACCEL_EXPORTED_LIBRARIES})
  target_include_directories(${lib} INTERFACE
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
endforeach()

# Shared objects and tools carry their final RPATH from the start (libMLIR.so
# lives in Debian's LLVM prefix; the C API's two libraries sit side by
# side), so installing rewrites nothing.
set_target_properties(AccelCAPI AccelMLIRCApi AccelPlugin
                      accel-opt accel-translate accel-run PROPERTIES
  BUILD_WITH_INSTALL_RPATH ON
  INSTALL_RPATH "$ORIGIN;$ORIGIN/../${CMAKE_INSTALL_LIBDIR};${LLVM_LIBRARY_DIR}")

install(TARGETS ${ACCEL_EXPORTED_LIBRARIES}
  EXPORT AccelTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS AccelPlugin LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS accel-opt accel-translate accel-run
  RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})

install(DIRECTORY ${PROJECT_SOURCE_DIR}/include/accel
                  ${PROJECT_SOURCE_DIR}/include/accel-c
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h" PATTERN "*.td")
install(DIRECTORY ${PROJECT_BINARY_DIR}/include/accel
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.h" PATTERN "*.inc" PATTERN "*.md" EXCLUDE
  PATTERN "CMakeFiles" EXCLUDE)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/runtime/include/accel_runtime
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
# The Debug and sanitizer builds compile every accel file with this shim
# (cmake/AccelCompileOptions.cmake); consumers that do the same need it.
install(FILES ${PROJECT_SOURCE_DIR}/include/accel/Support/LlvmStatisticAbi.h
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/accel/Support)

install(EXPORT AccelTargets NAMESPACE accel::
  DESTINATION ${ACCEL_INSTALL_CMAKE_DIR})
configure_package_config_file(
  ${PROJECT_SOURCE_DIR}/cmake/AccelConfig.cmake.in
  ${PROJECT_BINARY_DIR}/cmake/AccelConfig.cmake
  INSTALL_DESTINATION ${ACCEL_INSTALL_CMAKE_DIR}
  PATH_VARS CMAKE_INSTALL_INCLUDEDIR)
write_basic_package_version_file(
  ${PROJECT_BINARY_DIR}/cmake/AccelConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/cmake/AccelConfig.cmake
              ${PROJECT_BINARY_DIR}/cmake/AccelConfigVersion.cmake
  DESTINATION ${ACCEL_INSTALL_CMAKE_DIR})
