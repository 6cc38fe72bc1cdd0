//===- LowerRuntimeChecks.cpp - the accel-lower-runtime-checks pass -------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// A failed run-time check is the user's bad data (an out-of-range graph id,
// mismatched dynamic sizes), not a compiler crash: its message names the op
// in the user's source, and a host that runs the code (accel-run) gets it as
// an error instead of an abort.
//
//===----------------------------------------------------------------------===//

#include "accel/Conversion/Passes.h"

#include "mlir/Dialect/ControlFlow/IR/ControlFlowOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "llvm/ADT/StringExtras.h"

namespace accel {
#define GEN_PASS_DEF_LOWERRUNTIMECHECKSPASS
#include "accel/Conversion/Passes.h.inc"
} // namespace accel

using namespace mlir;

/// The host function a failed check calls in `report` mode.
static constexpr llvm::StringLiteral kFailureHook =
    "__accel_runtime_check_failed";

/// The first file location inside `loc` (names, call sites and fusions wrap
/// them), if any.
static std::optional<FileLineColLoc> findFileLocation(Location loc) {
  std::optional<FileLineColLoc> found;
  loc->walk([&](Location inner) {
    if (auto file = dyn_cast<FileLineColLoc>(inner)) {
      found = file;
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return found;
}

/// `FILE:LINE:COL: error: MESSAGE`, as the compiler prints a diagnostic;
/// `error: MESSAGE` when the check has no file location.
static std::string formatFailure(Location loc, StringRef message) {
  std::string text;
  if (std::optional<FileLineColLoc> file = findFileLocation(loc))
    text =
        (file->getFilename().getValue() + ":" + llvm::Twine(file->getLine()) +
         ":" + llvm::Twine(file->getColumn()) + ": ")
            .str();
  return text + "error: " + message.str();
}

/// Declares `void __accel_runtime_check_failed(ptr)` in `module` once.
static LLVM::LLVMFuncOp getOrDeclareFailureHook(ModuleOp module) {
  if (auto existing = module.lookupSymbol<LLVM::LLVMFuncOp>(kFailureHook))
    return existing;
  MLIRContext *context = module.getContext();
  auto builder = OpBuilder::atBlockEnd(module.getBody());
  auto type = LLVM::LLVMFunctionType::get(
      LLVM::LLVMVoidType::get(context), {LLVM::LLVMPointerType::get(context)});
  return LLVM::LLVMFuncOp::create(builder, module.getLoc(), kFailureHook, type);
}

/// Replaces `assert` by `cond_br %ok, ^continue, ^fail` where ^fail calls the
/// hook with the message (the hook does not return; ^fail branches on only
/// to keep the IR well formed).
static void lowerToHookCall(cf::AssertOp assert, StringRef message,
                            LLVM::LLVMFuncOp hook, unsigned index) {
  OpBuilder builder(assert);
  Location loc = assert.getLoc();
  Block *before = assert->getBlock();
  Block *after = before->splitBlock(assert->getNextNode());
  auto *fail = new Block();
  fail->insertBefore(after);

  builder.setInsertionPointToStart(fail);
  // The hook takes a C string: the global carries the terminating NUL.
  std::string cString = message.str();
  cString.push_back('\0');
  Value text = LLVM::createGlobalString(
      loc, builder, ("__accel_check_message_" + llvm::Twine(index)).str(),
      cString, LLVM::Linkage::Private);
  LLVM::CallOp::create(builder, loc, hook, ValueRange{text});
  cf::BranchOp::create(builder, loc, after);

  builder.setInsertionPoint(assert);
  cf::CondBranchOp::create(builder, loc, assert.getArg(), after, fail);
  assert.erase();
}

namespace {
struct LowerRuntimeChecksPass final
    : accel::impl::LowerRuntimeChecksPassBase<LowerRuntimeChecksPass> {
  using Base::Base;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    bool report = mode == "report";
    if (!report && mode != "abort") {
      module.emitError() << "accel-lower-runtime-checks expects mode=abort or "
                            "mode=report, got '"
                         << mode << "'";
      return signalPassFailure();
    }

    SmallVector<cf::AssertOp> asserts;
    module.walk([&](cf::AssertOp assert) { asserts.push_back(assert); });
    LLVM::LLVMFuncOp hook;
    for (auto [index, assert] : llvm::enumerate(asserts)) {
      std::string message = formatFailure(assert.getLoc(), assert.getMsg());
      if (!report) {
        assert.setMsg(message);
        continue;
      }
      // Splitting the block needs a CFG region, i.e. structured control
      // flow must already be lowered around the check.
      if (!isa<FunctionOpInterface>(assert->getParentOp())) {
        assert.emitOpError()
            << "must be in a function's CFG for mode=report; run "
               "accel-lower-runtime-checks after the structured control flow "
               "is lowered to cf";
        return signalPassFailure();
      }
      if (!hook)
        hook = getOrDeclareFailureHook(module);
      lowerToHookCall(assert, message, hook, index);
    }
  }
};
} // namespace
