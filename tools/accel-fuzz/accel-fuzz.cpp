//===- accel-fuzz.cpp - libFuzzer target: parse, verify, optimize ---------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Feeds arbitrary text to the MLIR parser with accel and its companion
// dialects registered; whatever parses and verifies then runs through
// `accel-raise`, `accel-optimize`, the CUDA emitter and the reference lowering
// `accel-to-linalg`. Diagnostics are expected and swallowed: the target
// fails only on a crash, a hang, or a sanitizer report.
//
//===----------------------------------------------------------------------===//

#include "accel/Dialect/Accel/IR/AccelDialect.h"
#include "accel/Codegen/CudaEmitter.h"
#include "accel/Codegen/KernelFamily.h"
#include "accel/Conversion/Passes.h"
#include "accel/Dialect/Accel/Transforms/Passes.h"
#include "accel/Pipelines/Pipelines.h"

#include "accel/Tools/UpstreamGuards.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/ControlFlow/IR/ControlFlow.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
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
/// A context with the dialects accel programs are written with: accel and
/// the upstream ones around it. Inputs that hit the upstream parser crashes
/// accel's tools refuse (UpstreamGuards.h) are skipped the same way, so a
/// finding is a crash the tools would have. Diagnostics are swallowed:
/// malformed input is the point.
mlir::MLIRContext *makeContext() {
  mlir::DialectRegistry registry;
  registry.insert<accel::AccelDialect, mlir::arith::ArithDialect,
                  mlir::cf::ControlFlowDialect, mlir::func::FuncDialect,
                  mlir::linalg::LinalgDialect, mlir::math::MathDialect,
                  mlir::scf::SCFDialect, mlir::tensor::TensorDialect>();
  auto *context =
      new mlir::MLIRContext(registry, mlir::MLIRContext::Threading::DISABLED);
  context->loadAllAvailableDialects();
  context->getDiagEngine().registerHandler(
      [](mlir::Diagnostic &) { return mlir::success(); });
  return context;
}

/// Parses the fuzzer's text; lives for the whole run (a context per input
/// would dominate the time).
mlir::MLIRContext &getParseContext() {
  static mlir::MLIRContext *context = makeContext();
  return *context;
}

/// Runs the lowering (a fresh parse of the printed IR, so that what the
/// lowering creates never accumulates in the parse context).
mlir::MLIRContext &getLoweringContext() {
  static mlir::MLIRContext *context = makeContext();
  return *context;
}
} // namespace

/// accel is instrumented but libMLIR.so is not. LLVM's BumpPtrAllocator
/// poisons fresh slabs when its inline code is compiled with ASan (ours),
/// and unpoisons what it hands out only in instrumented copies, so memory
/// that libMLIR allocates from a slab our code started looks poisoned: a
/// false "use-after-poison". Manual poisoning is turned off; every other
/// check stays.
extern "C" const char *__asan_default_options() {
  return "allow_user_poisoning=0";
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  mlir::MLIRContext &context = getParseContext();
  // MLIR's lexer reads up to a NUL terminator, as files loaded by the tools
  // have; libFuzzer's buffer has none, so copy into a string that does.
  std::string text(reinterpret_cast<const char *>(data), size);
  if (!accel::scanForUpstreamParserCrashes(text).empty())
    return 0;
  mlir::ParserConfig config(&context);
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceString<mlir::ModuleOp>(text, config, "fuzz-input");
  if (!module || mlir::failed(mlir::verify(*module)))
    return 0;
  // accel-raise reads front-end linalg (and evaluates masks at compile
  // time): it must not crash on any verified module either.
  {
    mlir::OwningOpRef<mlir::ModuleOp> copy = module->clone();
    mlir::PassManager raise(&context);
    raise.addPass(accel::createRaisePass());
    (void)raise.run(*copy);
  }

  mlir::PassManager pm(&context);
  accel::buildOptimizePipeline(pm, accel::OptimizePipelineOptions());
  if (mlir::failed(pm.run(*module)))
    return 0;

  // The opt-in rewrites (the weight rewrites change numerics, so
  // accel-optimize does not run them; rgnn-optimize's reorder=always
  // ignores its cost model) must not crash on anything accel-optimize
  // accepts.
  {
    mlir::OwningOpRef<mlir::ModuleOp> copy = module->clone();
    mlir::PassManager optIn(&context);
    accel::SparsifyPassOptions sparsify;
    sparsify.prune24 = true;
    optIn.addPass(accel::createSparsifyPass(sparsify));
    accel::MonarchProjectPassOptions monarch;
    monarch.nblocks = 2;
    optIn.addPass(accel::createMonarchProjectPass(monarch));
    accel::QuantizePassOptions quantize;
    quantize.mode = "w4a8";
    quantize.groupSize = 4;
    optIn.addPass(accel::createQuantizePass(quantize));
    accel::RgnnOptimizePassOptions rgnn;
    rgnn.reorder = "always";
    optIn.addPass(accel::createRgnnOptimizePass(rgnn));
    (void)optIn.run(*copy);
  }

  // The CUDA backend takes any verified module: it emits or says why not.
  // (It rewrites the module: dispatches, configs, a target; each target
  // gets a copy.)
  for (const char *sm : {"sm_80", "sm_90a"}) {
    mlir::OwningOpRef<mlir::ModuleOp> copy = module->clone();
    accel::codegen::CudaCompileOptions options;
    options.chip = sm;
    (void)accel::codegen::translateToCuda(*copy, options, llvm::nulls());
  }

  // Every verifier-valid op must also lower (or say why it cannot). The
  // optimized module moves to the lowering context through its printed
  // form, which the printer guarantees to be well formed.
  std::string printed;
  llvm::raw_string_ostream os(printed);
  module->print(os);
  mlir::MLIRContext &loweringContext = getLoweringContext();
  mlir::OwningOpRef<mlir::ModuleOp> toLower =
      mlir::parseSourceString<mlir::ModuleOp>(
          printed, mlir::ParserConfig(&loweringContext), "optimized");
  if (!toLower)
    return 0;
  mlir::PassManager lower(&loweringContext);
  lower.addPass(accel::createConvertAccelToLinalgPass());
  (void)lower.run(*toLower);
  return 0;
}
