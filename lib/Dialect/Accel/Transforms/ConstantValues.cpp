//===- ConstantValues.cpp - float constants as doubles --------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Dialect/Accel/Transforms/ConstantValues.h"

using namespace mlir;

std::vector<double> accel::getDoubleValues(DenseElementsAttr attr) {
  std::vector<double> values;
  values.reserve(attr.getNumElements());
  for (APFloat value : attr.getValues<APFloat>()) {
    bool losesInfo = false;
    value.convert(APFloat::IEEEdouble(), APFloat::rmNearestTiesToEven,
                  &losesInfo);
    values.push_back(value.convertToDouble());
  }
  return values;
}

DenseElementsAttr accel::getFloatConstant(RankedTensorType type,
                                          ArrayRef<double> values) {
  const llvm::fltSemantics &semantics =
      cast<FloatType>(type.getElementType()).getFloatSemantics();
  SmallVector<APFloat> converted;
  converted.reserve(values.size());
  for (double value : values) {
    APFloat element(value);
    bool losesInfo = false;
    element.convert(semantics, APFloat::rmNearestTiesToEven, &losesInfo);
    converted.push_back(element);
  }
  return DenseElementsAttr::get(type, converted);
}
