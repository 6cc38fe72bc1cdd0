//===- GraphToLinalg.cpp - lowering of the Graph family -----------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Conversion/AccelToLinalg/AccelToLinalg.h"

using namespace mlir;

void accel::populateGraphToLinalgPatterns(RewritePatternSet &patterns) {}
