//===- MatmulToLinalg.cpp - lowering of the Matmul family -----------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Conversion/AccelToLinalg/AccelToLinalg.h"

using namespace mlir;

void accel::populateMatmulToLinalgPatterns(RewritePatternSet &patterns) {}
