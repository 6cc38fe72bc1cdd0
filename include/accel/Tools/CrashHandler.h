//===- CrashHandler.h - a short report when a tool crashes ------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// A crash of accel-opt, accel-translate or accel-run prints a few lines
// instead of LLVM's bug-report banner and 40-line stack dump: what the tool
// was doing (MLIR's pretty stack: which parser, pass or translation), the
// library the crash happened in (an upstream LLVM/MLIR library, or accel's
// own code), where the known upstream crashes are documented, and how to get
// the full trace (`--accel-crash-trace` or ACCEL_CRASH_TRACE=1). The tool
// then exits with status 70 (EX_SOFTWARE).
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_TOOLS_CRASHHANDLER_H
#define ACCEL_TOOLS_CRASHHANDLER_H

#include "llvm/ADT/StringRef.h"

namespace accel {

/// Installs the handler; call first thing in main (instead of InitLLVM's
/// stack-trace printer).
void installCrashHandler(llvm::StringRef toolName, const char *argv0);

} // namespace accel

#endif // ACCEL_TOOLS_CRASHHANDLER_H
