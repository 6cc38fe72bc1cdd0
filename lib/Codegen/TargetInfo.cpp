//===- TargetInfo.cpp - what a CUDA target offers kernels -----------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Codegen/TargetInfo.h"

using namespace accel::codegen;

std::optional<TargetInfo> TargetInfo::parse(llvm::StringRef name) {
  if (!name.consume_front("sm_"))
    return std::nullopt;
  TargetInfo info;
  info.archSpecific = name.consume_back("a");
  unsigned number;
  if (name.size() < 2 || name.getAsInteger(10, number) || number < 80 ||
      number > 129)
    return std::nullopt;
  info.major = number / 10;
  info.minor = number % 10;
  return info;
}

std::string TargetInfo::getName() const {
  return "sm_" + std::to_string(getSm()) + (archSpecific ? "a" : "");
}
