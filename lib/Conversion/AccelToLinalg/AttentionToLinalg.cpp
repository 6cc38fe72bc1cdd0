//===- AttentionToLinalg.cpp - lowering of the Attention family -----------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//

#include "accel/Conversion/AccelToLinalg/AccelToLinalg.h"

using namespace mlir;

void accel::populateAttentionToLinalgPatterns(RewritePatternSet &patterns) {}
