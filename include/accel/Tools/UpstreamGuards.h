//===- UpstreamGuards.h - refuse inputs that crash upstream parsers -*- C++
//-*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// A few malformed inputs crash the parsers of the LLVM/MLIR 22.1 libraries
// that accel links (docs/known-issues.md): a custom op parser that ignores
// a failed sub-parse and stores a null attribute, and the dense-array
// parser on `index` elements. The tools scan their input text for exactly
// those constructs before handing it to MLIR's parser, and report them as
// ordinary located errors. Everything else is left to the parser.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_TOOLS_UPSTREAMGUARDS_H
#define ACCEL_TOOLS_UPSTREAMGUARDS_H

#include "llvm/Support/SourceMgr.h"

#include <string>
#include <vector>

namespace accel {

/// A construct of the input text that would crash the upstream parser.
struct UpstreamParserCrash {
  size_t offset; ///< where it starts in the text
  std::string message;
};

/// Every such construct of `text` (string literals and comments excluded).
std::vector<UpstreamParserCrash>
scanForUpstreamParserCrashes(llvm::StringRef text);

/// Reports (through `sourceMgr`, as `error:` diagnostics) every construct of
/// buffer `bufferId` that would crash LLVM 22.1's MLIR parser; fails if there
/// is one.
bool findUpstreamParserCrashes(const llvm::SourceMgr &sourceMgr,
                               unsigned bufferId);

} // namespace accel

#endif // ACCEL_TOOLS_UPSTREAMGUARDS_H
