//===- KernelFamily.cpp - kernel templates behind accel ops ---------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Codegen/KernelFamily.h"

using namespace mlir;
using namespace accel;
using namespace accel::codegen;

KernelFamily::~KernelFamily() = default;

void KernelRegistry::add(std::unique_ptr<KernelFamily> family) {
  families.push_back(std::move(family));
}

const KernelFamily *KernelRegistry::lookup(Operation *op,
                                           CudaTargetAttr target) const {
  for (const std::unique_ptr<KernelFamily> &family : families)
    if (family->matches(op) && family->supportsTarget(target))
      return family.get();
  return nullptr;
}

const KernelFamily *KernelRegistry::lookupByName(StringRef name) const {
  for (const std::unique_ptr<KernelFamily> &family : families)
    if (family->getName() == name)
      return family.get();
  return nullptr;
}

std::string KernelRegistry::getFamilyNames(CudaTargetAttr target) const {
  std::string names;
  for (const std::unique_ptr<KernelFamily> &family : families)
    if (family->supportsTarget(target))
      names += (names.empty() ? "" : ", ") + family->getName().str();
  return names;
}

const KernelRegistry &accel::codegen::getDefaultKernelRegistry() {
  static const KernelRegistry registry = [] {
    KernelRegistry result;
    registerAttentionKernels(result);
    registerGemmKernels(result);
    registerQuantizeKernels(result);
    registerMonarchKernels(result);
    registerGenericKernels(result);
    return result;
  }();
  return registry;
}

void accel::codegen::registerKernelConfigModels(DialectRegistry &registry) {
  registerAttentionConfigModels(registry);
  registerGemmConfigModels(registry);
  registerQuantizeConfigModels(registry);
  registerMonarchConfigModels(registry);
  registerGenericConfigModels(registry);
}
