//===- LargeStack.h - run a tool's main on a deep stack ---------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// MLIR's parser recurses once per nesting level of the input text, so a few
// megabytes of `((((...` overflow a default 8 MiB stack. The tools run their
// main on a thread with a 1 GiB stack (reserved, not committed): no input of
// realistic size can exhaust it, and nesting that deep gets the parser's
// ordinary diagnostics instead of a crash.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_TOOLS_LARGESTACK_H
#define ACCEL_TOOLS_LARGESTACK_H

#include "llvm/Support/thread.h"

#include <optional>
#include <utility>

namespace accel {

inline constexpr unsigned kToolStackBytes = 1u << 30;

/// Runs `body` (returning an exit code) on a thread with a 1 GiB stack.
template <typename Body> int runWithLargeStack(Body &&body) {
  int result = 0;
  llvm::thread worker(std::optional<unsigned>(kToolStackBytes),
                      [&result, &body] { result = std::forward<Body>(body)(); });
  worker.join();
  return result;
}

} // namespace accel

#endif // ACCEL_TOOLS_LARGESTACK_H
