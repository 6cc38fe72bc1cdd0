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
    return result;
  }();
  return registry;
}

void accel::codegen::registerKernelConfigModels(DialectRegistry &registry) {
  registerAttentionConfigModels(registry);
}

std::string accel::codegen::escapeCString(StringRef s, bool forPrintf) {
  std::string out;
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += char(c);
    } else if (c == '%' && forPrintf) {
      out += "%%";
    } else if (c < 0x20 || c >= 0x7f) {
      // Octal escapes end after three digits (hex escapes would swallow
      // following hex digits).
      out += '\\';
      out += char('0' + ((c >> 6) & 7));
      out += char('0' + ((c >> 3) & 7));
      out += char('0' + (c & 7));
    } else {
      out += char(c);
    }
  }
  return out;
}

std::string accel::codegen::getRunTimeMessagePrefix(Operation *op) {
  std::string where = "<unknown>:0:0";
  op->getLoc()->walk([&](Location loc) {
    if (auto file = dyn_cast<FileLineColLoc>(loc)) {
      where = (file.getFilename().getValue() + ":" + Twine(file.getLine()) +
               ":" + Twine(file.getColumn()))
                  .str();
      return WalkResult::interrupt();
    }
    return WalkResult::advance();
  });
  return where + ": '" + op->getName().getStringRef().str() + "' op ";
}

void accel::codegen::emitRunTimeCheck(raw_ostream &os, Operation *op,
                                      StringRef failCondition, StringRef what,
                                      ArrayRef<std::string> values,
                                      StringRef indent) {
  os << indent << "if (" << failCondition
     << ") return accel_host::fail(cudaErrorInvalidValue, \""
     << escapeCString(getRunTimeMessagePrefix(op), /*forPrintf=*/true)
     << "expects " << escapeCString(what, /*forPrintf=*/false) << "\"";
  for (const std::string &value : values)
    os << ", (long long)(" << value << ")";
  os << ");\n";
}

void accel::codegen::emitCheckedCudaCall(raw_ostream &os, Operation *op,
                                         StringRef call, StringRef doing,
                                         StringRef indent) {
  os << indent << "if (cudaError_t e = " << call
     << ") return accel_host::fail(e, \""
     << escapeCString(getRunTimeMessagePrefix(op), /*forPrintf=*/true)
     << escapeCString(doing, /*forPrintf=*/true)
     << ": %s\", cudaGetErrorString(e));\n";
}
