//===- QuantizationToLinalg.cpp - lowering of the Quantization family -----------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Conversion/AccelToLinalg/AccelToLinalg.h"

using namespace mlir;

void accel::populateQuantizationToLinalgPatterns(RewritePatternSet &patterns) {}
