//===- ToolVersion.h - `--version` of accel's tools -------------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_TOOLS_TOOLVERSION_H
#define ACCEL_TOOLS_TOOLVERSION_H

#include "accel/Version.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"

namespace accel {

/// Makes `--version` name accel's version and the LLVM it was built with.
inline void installVersionPrinter(llvm::StringRef toolName) {
  static std::string name;
  name = toolName.str();
  llvm::cl::SetVersionPrinter([](llvm::raw_ostream &os) {
    os << name << " (accel) version " << ACCEL_VERSION_STRING << "\n"
       << "  built with LLVM/MLIR " << ACCEL_LLVM_VERSION_STRING << "\n";
  });
}

} // namespace accel

#endif // ACCEL_TOOLS_TOOLVERSION_H
