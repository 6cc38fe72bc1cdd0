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

/// A run-time check of the compiled code failed (the user's data was out of
/// range): the message is a located diagnostic, `FILE:LINE:COL: error: ...`.
class RuntimeCheckError : public llvm::ErrorInfo<RuntimeCheckError> {
public:
  static char ID;
  explicit RuntimeCheckError(std::string message)
      : message(std::move(message)) {}
  void log(llvm::raw_ostream &os) const override { os << message; }
  std::error_code convertToErrorCode() const override {
    return llvm::inconvertibleErrorCode();
  }
  const std::string &getMessage() const { return message; }

private:
  std::string message;
};

/// The failure was reported as a diagnostic already (through the context's
/// handler); there is nothing more to say.
class ReportedError : public llvm::ErrorInfo<ReportedError> {
public:
  static char ID;
  void log(llvm::raw_ostream &os) const override {
    os << "(reported above)";
  }
  std::error_code convertToErrorCode() const override {
    return llvm::inconvertibleErrorCode();
  }
};

struct RunOptions {
  /// Give the entry's dynamic argument dims the inputs' sizes before
  /// lowering (static shapes compile to faster code, and mismatched inputs
  /// are reported by the ops' verifiers). Off: the declared types are kept
  /// and the code for dynamic shapes, with its run-time checks, runs.
  bool specializeShapes = true;
};

struct RunOutputs {
  llvm::SmallVector<HostArray> results;
  /// Wall time of the call itself (not compilation).
  double seconds = 0.0;
};

/// Runs `entry` of `module` (left untouched) on `inputs` after applying
/// `pipeline` (a textual pass pipeline on the module, may be empty).
/// Inputs that do not fit the declared argument types are an error.
/// Diagnostics of the compilation go to the context's handler; a failed
/// run-time check of the compiled code is a RuntimeCheckError.
llvm::Expected<RunOutputs> runFunction(mlir::ModuleOp module,
                                       llvm::StringRef entry,
                                       llvm::StringRef pipeline,
                                       llvm::ArrayRef<HostArray> inputs,
                                       const RunOptions &options = {});

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
