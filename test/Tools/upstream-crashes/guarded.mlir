// Inputs that crash LLVM 22.1's MLIR parser (docs/known-issues.md) are
// refused, with a located error, before the parser sees them; every tool
// that parses text does this.
// RUN: not accel-opt %s 2>&1 | FileCheck %s --implicit-check-not=PLEASE --implicit-check-not="Stack dump"
// RUN: not accel-run %s 2>&1 | FileCheck %s --implicit-check-not=PLEASE --implicit-check-not="Stack dump"
// RUN: not accel-translate --accel-to-cuda %s 2>&1 | FileCheck %s --implicit-check-not=PLEASE --implicit-check-not="Stack dump"
// RUN: not accel-translate --accel-to-ptx %s 2>&1 | FileCheck %s --implicit-check-not=PLEASE --implicit-check-not="Stack dump"

// CHECK: guarded.mlir:[[# @LINE + 1]]:35: error: dense arrays of 'index' (array<index: ...>) crash the MLIR 22.1 parser accel links (llvm-project issue 179045; docs/known-issues.md): use i64
func.func @a() attributes {dims = array<index: 1, 2>} {
  return
}

// CHECK: guarded.mlir:[[# @LINE + 1]]:35: error: dense arrays of 'index'
func.func @b() attributes {dims = array< index>} {
  return
}

func.func @c(%x: tensor<2x3xf32>, %e: tensor<3x2xf32>, %b: tensor<2x3xf32>, %r: tensor<2xf32>) {
  // CHECK: guarded.mlir:[[# @LINE + 1]]:78: error: 'linalg.transpose' expects permutation = [i64, ...] with integers that fit in 64 bits
  %t = linalg.transpose ins(%x : tensor<2x3xf32>) outs(%e : tensor<3x2xf32>) permutation = [1, 99299999999999999999]
  // CHECK: guarded.mlir:[[# @LINE + 2]]:7: error: 'linalg.transpose' expects permutation
  %t2 = linalg.transpose ins(%x : tensor<2x3xf32>) outs(%e : tensor<3x2xf32>)
      permutation =1 [, 0, 2]
  // CHECK: guarded.mlir:[[# @LINE + 1]]:76: error: 'linalg.broadcast' expects dimensions
  %c = linalg.broadcast ins(%r : tensor<2xf32>) outs(%b : tensor<2x3xf32>) dimensions = [a]
  // CHECK: guarded.mlir:[[# @LINE + 1]]:73: error: 'linalg.reduce' expects dimensions
  %s = linalg.reduce ins(%x : tensor<2x3xf32>) outs(%r : tensor<2xf32>) dimensions = [1 0]
    (%in: f32, %init: f32) {
      %a = arith.addf %in, %init : f32
      linalg.yield %a : f32
    }
  return
}
