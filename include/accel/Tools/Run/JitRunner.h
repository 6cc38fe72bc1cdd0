//===- JitRunner.h - run accel functions on the CPU -------------*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Specializes a function's dynamic argument shapes to its inputs, lowers
// the module through an optional user pipeline and `accel-cpu-reference`,
// JIT-compiles it with MLIR's ExecutionEngine and calls it through its C
// interface with memref descriptors.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_TOOLS_RUN_JITRUNNER_H
#define ACCEL_TOOLS_RUN_JITRUNNER_H

#include "accel/Tools/Run/HostArray.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/IR/BuiltinOps.h"
#include "llvm/Support/Error.h"

namespace accel::run {

struct RunOutputs {
  llvm::SmallVector<HostArray> results;
  /// Wall time of the call itself (not compilation).
  double seconds = 0.0;
};

/// Runs `entry` of `module` (left untouched) on `inputs` after applying
/// `pipeline` (a textual pass pipeline on the module, may be empty).
/// Diagnostics of the compilation go to the context's handler.
llvm::Expected<RunOutputs> runFunction(mlir::ModuleOp module,
                                       llvm::StringRef entry,
                                       llvm::StringRef pipeline,
                                       llvm::ArrayRef<HostArray> inputs);

/// The JIT accel-run uses for `lowered` (LLVM-dialect IR, as
/// accel-cpu-reference produces it): -O3 with a target machine for the host
/// CPU. Exposed so that benchmarks time the same code.
llvm::Expected<std::unique_ptr<mlir::ExecutionEngine>>
createExecutionEngine(mlir::ModuleOp lowered);

/// The element kinds and (possibly dynamic) shapes of a function's
/// arguments; fails with a message for arguments accel-run cannot pass.
struct ArgumentType {
  ElementKind kind;
  llvm::SmallVector<int64_t> shape; ///< ShapedType::kDynamic for `?`
};
llvm::Expected<llvm::SmallVector<ArgumentType>>
getArgumentTypes(mlir::ModuleOp module, llvm::StringRef entry);

} // namespace accel::run

#endif // ACCEL_TOOLS_RUN_JITRUNNER_H
