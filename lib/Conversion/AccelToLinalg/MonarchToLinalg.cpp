//===- MonarchToLinalg.cpp - lowering of the Monarch family -----------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Conversion/AccelToLinalg/AccelToLinalg.h"

using namespace mlir;

void accel::populateMonarchToLinalgPatterns(RewritePatternSet &patterns) {}
