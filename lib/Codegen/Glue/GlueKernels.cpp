//===- GlueKernels.cpp - the host program's copy kernel -------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "GlueKernels.h"
#include "CodegenSupport.h"

using namespace mlir;
using namespace accel;
using namespace accel::codegen;
using namespace accel::codegen::glue;

namespace {
#include "Glue.cuh.inc"

/// The copy kernel as a family: no op selects it (it is not in the
/// registry); the host program launches it for views and lists its
/// instances with the others.
class GlueCopyFamily final : public KernelFamily {
public:
  StringRef getName() const override { return "copy"; }
  bool matches(Operation *) const override { return false; }
  LogicalResult checkSupported(Operation *op, CudaTargetAttr) const override {
    return op->emitOpError() << "is no op of the copy kernel";
  }
  std::string getSignature(Operation *) const override { return "copy"; }
  KernelConfigAttrInterface getDefaultConfig(Operation *,
                                             CudaTargetAttr) const override {
    return {};
  }
  StringRef getTemplateSource() const override { return kGlueSource; }
  StringRef getKernelParameterList() const override {
    return "(const accelkern_glue::CopyParams)";
  }
  SmallVector<SmallVector<Value>>
  getResultSizes(Operation *, HostBuilder &,
                 ArrayRef<TensorBinding>) const override {
    return {};
  }
  void buildChecks(Operation *, HostBuilder &, ArrayRef<TensorBinding>,
                   ArrayRef<TensorBinding>) const override {}
  void buildLaunch(Operation *, KernelConfigAttrInterface, HostBuilder &,
                   ArrayRef<TensorBinding>, ArrayRef<TensorBinding>,
                   ArrayRef<TensorBinding>) const override {}
};
} // namespace

const KernelFamily &accel::codegen::getGlueCopyFamily() {
  static const GlueCopyFamily family;
  return family;
}

std::string accel::codegen::glue::getCopyInstance(Type elementType) {
  return "accelkern_glue::stridedCopyKernel<" +
         std::to_string(getElementBytes(elementType)) + ">";
}

void accel::codegen::glue::buildStridedCopy(HostBuilder &host, Operation *op,
                                            const TensorBinding &source,
                                            Value destination) {
  int64_t rank = source.sizes.size();
  assert(rank <= kMaxRank && "checked by the caller");
  SmallVector<Value> strides = host.getStrides(source);
  Value p = host.makeStruct("accelkern_glue::CopyParams");
  host.setField(p, "src", source.pointer);
  host.setField(p, "dst", destination);
  // Right-aligned: the leading unused dims have size 1.
  for (int64_t slot = 0; slot < kMaxRank; ++slot) {
    int64_t d = slot - (kMaxRank - rank);
    host.setField(p, "sizes", slot, d < 0 ? host.constant(1) : source.sizes[d]);
    host.setField(p, "srcStrides", slot,
                  d < 0 ? host.constant(0) : strides[d]);
  }
  host.setField(p, "count", host.product(source.sizes));
  host.launch(op,
              "accelkern_glue::launchStridedCopy<" +
                  std::to_string(getElementBytes(source.type.getElementType())) +
                  ">",
              p);
}
