//===- SelectKernels.cpp - a kernel family and config per op --------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// What the CUDA emitter's planning used to do inside accel-translate, as a
// pass whose result is IR: match each kernel-bearing op to a family for the
// module's target, check that the family supports it, and write the typed
// config (the op's own, the tuning table's, or the family's default).
//
//===----------------------------------------------------------------------===//

#include "accel/Codegen/CudaEmitter.h"
#include "accel/Codegen/KernelFamily.h"
#include "accel/Codegen/Passes.h"
#include "accel/Codegen/TuningTable.h"
#include "accel/Dialect/Accel/IR/AccelOps.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"

namespace accel {
#define GEN_PASS_DEF_SELECTKERNELSPASS
#include "accel/Codegen/Passes.h.inc"
} // namespace accel

using namespace mlir;
using namespace accel;
using namespace accel::codegen;

/// The ops a kernel computes: every accel op but the dispatch structure,
/// and a linalg op directly in a dispatch that holds no accel op (what
/// accel-form-dispatches made of a linalg op fusion left alone; the linalg
/// ops after a GEMM are its epilogue, not kernels).
static bool isKernelBearing(Operation *op) {
  if (isa_and_present<AccelDialect>(op->getDialect()))
    return !isa<DispatchOp, YieldOp>(op);
  auto dispatch = dyn_cast_or_null<DispatchOp>(op->getParentOp());
  if (!dispatch || !isa<linalg::LinalgOp>(op))
    return false;
  return llvm::none_of(dispatch.getComputeOps(), [](Operation &inner) {
    return isa_and_present<AccelDialect>(inner.getDialect());
  });
}

namespace {
struct SelectKernelsPass
    : public accel::impl::SelectKernelsPassBase<SelectKernelsPass> {
  using Base::Base;

  /// The module's target, set from the option when it has none.
  FailureOr<CudaTargetAttr> resolveTarget(ModuleOp module) {
    auto existing =
        module->getAttrOfType<CudaTargetAttr>(AccelDialect::kTargetAttrName);
    if (target.empty()) {
      if (!existing)
        return module.emitError()
               << "accel-select-kernels needs a target: a module attribute "
                  "accel.target = #accel.cuda_target<chip = \"...\"> or the "
                  "pass option target=<chip>";
      return existing;
    }
    return setModuleTarget(module, target, "target");
  }

  /// Writes `op`'s config; failure with a diagnostic on `op`.
  LogicalResult select(Operation *op, CudaTargetAttr target,
                       const KernelRegistry &registry,
                       const TuningTable *table) {
    if (auto config = op->getAttrOfType<KernelConfigAttrInterface>(
            AccelDialect::kKernelConfigAttrName)) {
      // Verified with the module's target already, unless this pass just
      // set it.
      if (failed(config.verifyForOp(op, target)))
        return failure();
      return reportChoice(op, config, "the op's own");
    }
    const KernelFamily *family = registry.lookup(op, target);
    if (!family)
      return op->emitOpError()
             << "has no CUDA kernel yet (the CUDA backend emits: "
             << registry.getFamilyNames(target) << ")";
    if (failed(family->checkSupported(op, target)))
      return failure();
    KernelConfigAttrInterface config;
    std::string source = "the family's default";
    if (table) {
      if (const TuningTable::Entry *entry = table->lookup(
              family->getName(), family->getSignature(op), target.getChip())) {
        if (failed(entry->config.verifyForOp(op, target))) {
          emitRemark(entry->location)
              << "the tuning-table entry chosen for the op above, which "
                 "does not fit it";
          return failure();
        }
        config = entry->config;
        source = "the tuning table";
        if (auto file = dyn_cast<FileLineColLoc>(entry->location))
          source += " (" + file.getFilename().str() + ":" +
                    std::to_string(file.getLine()) + ")";
      }
    }
    if (!config) {
      config = family->getDefaultConfig(op, target);
      if (!config)
        return op->emitOpError()
               << "cannot be configured: the kernel families' config models "
                  "are not registered with this context "
                  "(accel::codegen::registerKernelConfigModels)";
      if (failed(config.verifyForOp(op, target)))
        return failure();
    }
    op->setAttr(AccelDialect::kKernelConfigAttrName, config);
    return reportChoice(op, config, source);
  }

  /// With `report`: "kernel <family> <signature>: <config>, <source>".
  LogicalResult reportChoice(Operation *op, KernelConfigAttrInterface config,
                             StringRef source) {
    if (report) {
      const KernelFamily *family =
          getDefaultKernelRegistry().lookupByName(config.getFamilyName());
      op->emitRemark() << "kernel " << config.getFamilyName() << " "
                       << (family ? family->getSignature(op) : "?") << ": "
                       << config << ", " << source;
    }
    return success();
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    FailureOr<CudaTargetAttr> resolved = resolveTarget(module);
    if (failed(resolved))
      return signalPassFailure();
    std::optional<TuningTable> table;
    if (!tuningTable.empty()) {
      FailureOr<TuningTable> loaded =
          TuningTable::load(tuningTable, module.getContext());
      if (failed(loaded))
        return signalPassFailure();
      table = std::move(*loaded);
    }
    const KernelRegistry &registry = getDefaultKernelRegistry();
    bool failedAny = false;
    module.walk([&](Operation *op) {
      if (!isKernelBearing(op))
        return;
      failedAny |=
          failed(select(op, *resolved, registry, table ? &*table : nullptr));
    });
    if (failedAny)
      signalPassFailure();
  }
};
} // namespace
