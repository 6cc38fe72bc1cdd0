//===- LowerStridedCopies.cpp - accel-lower-strided-copies ----------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// A memref.copy that finalize-memref-to-llvm cannot make a memcpy becomes a
// call of the runtime library's memrefCopy; code that accel-run JITs links
// no runtime library, so such copies are made linalg.copy (and then loops)
// here. The contiguity test mirrors upstream's MemRefCopyOpLowering.
//
//===----------------------------------------------------------------------===//

#include "accel/Conversion/Passes.h"

#include "mlir/Dialect/MemRef/Utils/MemRefUtils.h"
#include "mlir/IR/PatternMatch.h"

namespace accel {
#define GEN_PASS_DEF_LOWERSTRIDEDCOPIESPASS
#include "accel/Conversion/Passes.h.inc"
} // namespace accel

using namespace mlir;

/// Whether finalize-memref-to-llvm copies `type` with a memcpy.
static bool isCopiedByMemcpy(Type type) {
  auto memref = dyn_cast<MemRefType>(type);
  return memref && (memref.getLayout().isIdentity() ||
                    memref::isStaticShapeAndContiguousRowMajor(memref));
}

namespace {
struct LowerStridedCopiesPass final
    : accel::impl::LowerStridedCopiesPassBase<LowerStridedCopiesPass> {
  using Base::Base;

  void runOnOperation() override {
    SmallVector<memref::CopyOp> copies;
    getOperation()->walk([&](memref::CopyOp copy) {
      Type source = copy.getSource().getType();
      Type target = copy.getTarget().getType();
      if (isCopiedByMemcpy(source) && isCopiedByMemcpy(target))
        return;
      if (!isa<MemRefType>(source) || !isa<MemRefType>(target))
        return;
      copies.push_back(copy);
    });
    IRRewriter rewriter(&getContext());
    for (memref::CopyOp copy : copies) {
      rewriter.setInsertionPoint(copy);
      linalg::CopyOp::create(rewriter, copy.getLoc(), copy.getSource(),
                             copy.getTarget());
      rewriter.eraseOp(copy);
    }
  }
};
} // namespace
