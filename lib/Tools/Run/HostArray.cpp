//===- HostArray.cpp - a typed array in host memory -----------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Tools/Run/HostArray.h"

#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/raw_ostream.h"

#include <cmath>
#include <cstring>
#include <limits>

using namespace accel::run;

std::optional<ElementKind> accel::run::getElementKind(mlir::Type type) {
  if (type.isF64())
    return ElementKind::F64;
  if (type.isF32())
    return ElementKind::F32;
  if (type.isF16())
    return ElementKind::F16;
  if (type.isBF16())
    return ElementKind::BF16;
  if (llvm::isa<mlir::Float8E4M3FNType>(type))
    return ElementKind::F8E4M3FN;
  if (llvm::isa<mlir::Float8E5M2Type>(type))
    return ElementKind::F8E5M2;
  if (type.isIndex())
    return ElementKind::Index;
  if (!type.isSignlessInteger())
    return std::nullopt;
  switch (type.getIntOrFloatBitWidth()) {
  case 1:
    return ElementKind::I1;
  case 4:
    return ElementKind::I4;
  case 8:
    return ElementKind::I8;
  case 16:
    return ElementKind::I16;
  case 32:
    return ElementKind::I32;
  case 64:
    return ElementKind::I64;
  default:
    return std::nullopt;
  }
}

llvm::StringRef accel::run::getElementKindName(ElementKind kind) {
  switch (kind) {
  case ElementKind::F64: return "f64";
  case ElementKind::F32: return "f32";
  case ElementKind::F16: return "f16";
  case ElementKind::BF16: return "bf16";
  case ElementKind::F8E4M3FN: return "f8E4M3FN";
  case ElementKind::F8E5M2: return "f8E5M2";
  case ElementKind::I1: return "i1";
  case ElementKind::I4: return "i4";
  case ElementKind::I8: return "i8";
  case ElementKind::I16: return "i16";
  case ElementKind::I32: return "i32";
  case ElementKind::I64: return "i64";
  case ElementKind::Index: return "index";
  }
  return "?";
}

std::optional<ElementKind> accel::run::parseElementKind(llvm::StringRef name) {
  return llvm::StringSwitch<std::optional<ElementKind>>(name)
      .Case("f64", ElementKind::F64)
      .Case("f32", ElementKind::F32)
      .Case("f16", ElementKind::F16)
      .Case("bf16", ElementKind::BF16)
      .Case("f8E4M3FN", ElementKind::F8E4M3FN)
      .Case("f8E5M2", ElementKind::F8E5M2)
      .Case("i1", ElementKind::I1)
      .Case("i4", ElementKind::I4)
      .Case("i8", ElementKind::I8)
      .Case("i16", ElementKind::I16)
      .Case("i32", ElementKind::I32)
      .Case("i64", ElementKind::I64)
      .Case("index", ElementKind::Index)
      .Default(std::nullopt);
}

size_t accel::run::getElementByteSize(ElementKind kind) {
  switch (kind) {
  case ElementKind::F64:
  case ElementKind::I64:
  case ElementKind::Index:
    return 8;
  case ElementKind::F32:
  case ElementKind::I32:
    return 4;
  case ElementKind::F16:
  case ElementKind::BF16:
  case ElementKind::I16:
    return 2;
  case ElementKind::F8E4M3FN:
  case ElementKind::F8E5M2:
  case ElementKind::I1:
  case ElementKind::I4:
  case ElementKind::I8:
    return 1;
  }
  return 1;
}

bool accel::run::isFloatKind(ElementKind kind) {
  switch (kind) {
  case ElementKind::F64:
  case ElementKind::F32:
  case ElementKind::F16:
  case ElementKind::BF16:
  case ElementKind::F8E4M3FN:
  case ElementKind::F8E5M2:
    return true;
  default:
    return false;
  }
}

/// The APFloat semantics of the narrow float kinds.
static const llvm::fltSemantics &getNarrowSemantics(ElementKind kind) {
  switch (kind) {
  case ElementKind::F16:
    return llvm::APFloat::IEEEhalf();
  case ElementKind::BF16:
    return llvm::APFloat::BFloat();
  case ElementKind::F8E4M3FN:
    return llvm::APFloat::Float8E4M3FN();
  default:
    return llvm::APFloat::Float8E5M2();
  }
}

HostArray::HostArray(ElementKind kind, llvm::ArrayRef<int64_t> shape)
    : kind(kind), shape(shape) {
  bytes.assign(getNumElements() * getElementByteSize(kind), 0);
}

int64_t HostArray::getNumElements() const {
  int64_t count = 1;
  for (int64_t dim : shape)
    count *= dim;
  return count;
}

template <typename T>
static T load(const std::vector<uint8_t> &bytes, int64_t i) {
  T value;
  std::memcpy(&value, bytes.data() + i * sizeof(T), sizeof(T));
  return value;
}

template <typename T>
static void store(std::vector<uint8_t> &bytes, int64_t i, T value) {
  std::memcpy(bytes.data() + i * sizeof(T), &value, sizeof(T));
}

double HostArray::get(int64_t i) const {
  switch (kind) {
  case ElementKind::F64:
    return load<double>(bytes, i);
  case ElementKind::F32:
    return load<float>(bytes, i);
  case ElementKind::F16:
  case ElementKind::BF16:
  case ElementKind::F8E4M3FN:
  case ElementKind::F8E5M2: {
    unsigned width = getElementByteSize(kind) * 8;
    uint64_t bits = width == 16 ? load<uint16_t>(bytes, i) : bytes[i];
    llvm::APFloat value(getNarrowSemantics(kind), llvm::APInt(width, bits));
    bool lost;
    value.convert(llvm::APFloat::IEEEdouble(),
                  llvm::APFloat::rmNearestTiesToEven, &lost);
    return value.convertToDouble();
  }
  case ElementKind::I1:
    return bytes[i] & 1;
  case ElementKind::I4: {
    // Sign-extend the low nibble.
    int value = bytes[i] & 0xF;
    return value >= 8 ? value - 16 : value;
  }
  case ElementKind::I8:
    return load<int8_t>(bytes, i);
  case ElementKind::I16:
    return load<int16_t>(bytes, i);
  case ElementKind::I32:
    return load<int32_t>(bytes, i);
  case ElementKind::I64:
  case ElementKind::Index:
    return static_cast<double>(load<int64_t>(bytes, i));
  }
  return 0.0;
}

/// Truncates toward zero and clamps into [lo, hi] (NaN becomes 0).
static int64_t toInteger(double value, double lo, double hi) {
  if (std::isnan(value))
    return 0;
  return static_cast<int64_t>(std::trunc(std::fmin(std::fmax(value, lo), hi)));
}

void HostArray::set(int64_t i, double value) {
  switch (kind) {
  case ElementKind::F64:
    return store<double>(bytes, i, value);
  case ElementKind::F32:
    return store<float>(bytes, i, static_cast<float>(value));
  case ElementKind::F16:
  case ElementKind::BF16:
  case ElementKind::F8E4M3FN:
  case ElementKind::F8E5M2: {
    const llvm::fltSemantics &semantics = getNarrowSemantics(kind);
    if (kind == ElementKind::F8E4M3FN || kind == ElementKind::F8E5M2) {
      // Saturate like accel.quantize: fp8 has no (usable) infinity.
      double largest =
          llvm::APFloat::getLargest(semantics).convertToDouble();
      if (!std::isnan(value))
        value = std::fmin(std::fmax(value, -largest), largest);
    }
    llvm::APFloat converted(value);
    bool lost;
    converted.convert(semantics, llvm::APFloat::rmNearestTiesToEven, &lost);
    uint64_t bits = converted.bitcastToAPInt().getZExtValue();
    if (getElementByteSize(kind) == 2)
      return store<uint16_t>(bytes, i, static_cast<uint16_t>(bits));
    bytes[i] = static_cast<uint8_t>(bits);
    return;
  }
  case ElementKind::I1:
    bytes[i] = value != 0.0;
    return;
  case ElementKind::I4:
    // Stored zero-extended in its byte, as the compiled code stores it.
    bytes[i] = static_cast<uint8_t>(toInteger(value, -8, 7) & 0xF);
    return;
  case ElementKind::I8:
    return store<int8_t>(bytes, i, toInteger(value, -128, 127));
  case ElementKind::I16:
    return store<int16_t>(bytes, i, toInteger(value, -32768, 32767));
  case ElementKind::I32:
    return store<int32_t>(bytes, i,
                          toInteger(value, -2147483648.0, 2147483647.0));
  case ElementKind::I64:
  case ElementKind::Index:
    return store<int64_t>(bytes, i,
                          toInteger(value, -9.2e18, 9.2e18));
  }
}

std::string HostArray::describeType(ElementKind kind,
                                    llvm::ArrayRef<int64_t> shape) {
  std::string result;
  llvm::raw_string_ostream os(result);
  os << "tensor<";
  for (int64_t dim : shape)
    os << dim << 'x';
  os << getElementKindName(kind) << '>';
  return result;
}

std::string HostArray::describe() const { return describeType(kind, shape); }

llvm::SmallVector<int64_t>
accel::run::unflattenIndex(int64_t flat, llvm::ArrayRef<int64_t> shape) {
  llvm::SmallVector<int64_t> index(shape.size(), 0);
  for (int64_t d = static_cast<int64_t>(shape.size()) - 1; d >= 0; --d) {
    if (shape[d] == 0)
      continue;
    index[d] = flat % shape[d];
    flat /= shape[d];
  }
  return index;
}
