//===- KernelFamily.cpp - kernel templates behind accel ops ---------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Codegen/KernelFamily.h"

using namespace mlir;
using namespace accel::codegen;

KernelFamily::~KernelFamily() = default;

void KernelRegistry::add(std::unique_ptr<KernelFamily> family) {
  families.push_back(std::move(family));
}

const KernelFamily *KernelRegistry::lookup(Operation *op,
                                           const TargetInfo &target) const {
  for (const std::unique_ptr<KernelFamily> &family : families)
    if (family->matches(op) && family->supportsTarget(target))
      return family.get();
  return nullptr;
}

FailureOr<KernelInstance> accel::codegen::planKernel(const KernelFamily &family,
                                                     Operation *op,
                                                     const TargetInfo &target) {
  if (failed(family.checkSupported(op, target)))
    return failure();
  KernelInstance instance;
  instance.family = family.getName().str();
  instance.signature = family.getSignature(op);
  TileConfig defaults = family.getDefaultConfig(op, target);
  FailureOr<std::optional<TileConfig>> fromAttr =
      readTileConfigAttr(op, defaults);
  if (failed(fromAttr))
    return failure();
  if (*fromAttr) {
    instance.config = **fromAttr;
    instance.configSource = "attribute";
  } else if (std::optional<TileConfig> tuned = lookupTuningTable(
                 instance.family, instance.signature, target.getSm())) {
    instance.config = *tuned;
    instance.configSource = "tuning-table";
  } else {
    instance.config = defaults;
    instance.configSource = "cost-model";
  }
  if (failed(family.verifyConfig(op, instance.config, target)))
    return failure();
  instance.kernelName = family.getKernelName(op, instance.config);
  instance.auxiliaryInstantiations =
      family.getAuxiliaryInstantiations(op, instance.config);
  return instance;
}

KernelRegistry accel::codegen::createDefaultKernelRegistry() {
  KernelRegistry registry;
  registerAttentionKernels(registry);
  return registry;
}
