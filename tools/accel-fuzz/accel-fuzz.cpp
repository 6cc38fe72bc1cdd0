//===- accel-fuzz.cpp - libFuzzer target: parse, verify, optimize ---------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Feeds arbitrary text to the MLIR parser with accel and its companion
// dialects registered; whatever parses and verifies then runs through
// `accel-optimize`. Diagnostics are expected and swallowed: the target
// fails only on a crash, a hang, or a sanitizer report.
//
//===----------------------------------------------------------------------===//

#include "accel/Dialect/Accel/IR/AccelDialect.h"
#include "accel/Pipelines/Pipelines.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/SourceMgr.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace {
/// One context for the whole run: creating it per input would dominate the
/// time, and nothing an input does outlives its module.
mlir::MLIRContext &getContext() {
  static mlir::MLIRContext *context = [] {
    // The dialects accel IR is written with. linalg stays out: its upstream
    // parsers crash on some malformed text (e.g. `linalg.transpose ...
    // permutation =1 [, 0, 2]` dereferences a null attribute in LLVM
    // 22.1.8), which would drown out findings in accel's own code.
    mlir::DialectRegistry registry;
    registry.insert<accel::AccelDialect, mlir::arith::ArithDialect,
                    mlir::func::FuncDialect, mlir::tensor::TensorDialect>();
    auto *ctx = new mlir::MLIRContext(registry,
                                      mlir::MLIRContext::Threading::DISABLED);
    ctx->loadAllAvailableDialects();
    // Swallow diagnostics: malformed input is the point.
    ctx->getDiagEngine().registerHandler(
        [](mlir::Diagnostic &) { return mlir::success(); });
    return ctx;
  }();
  return *context;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  mlir::MLIRContext &context = getContext();
  // MLIR's lexer reads up to a NUL terminator, as files loaded by the tools
  // have; libFuzzer's buffer has none, so copy into a string that does.
  std::string text(reinterpret_cast<const char *>(data), size);
  mlir::ParserConfig config(&context);
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(text, config, "fuzz-input");
  if (!module || mlir::failed(mlir::verify(*module)))
    return 0;
  mlir::PassManager pm(&context);
  accel::buildOptimizePipeline(pm, accel::OptimizePipelineOptions());
  (void)pm.run(*module);
  return 0;
}
