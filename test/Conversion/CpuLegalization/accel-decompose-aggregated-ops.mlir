// RUN: accel-opt %s --accel-decompose-aggregated-ops --split-input-file | FileCheck %s

// CHECK-LABEL: func.func @softmax
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x5xf32>)
//   CHECK-NOT:   linalg.softmax
//       CHECK:   %[[MAX:.+]] = linalg.generic {{.*}}iterator_types = ["parallel", "reduction"]{{.*}} ins(%[[X]] : tensor<2x5xf32>)
//       CHECK:     arith.maxnumf
//       CHECK:   %[[EXP:.+]] = linalg.generic {{.*}} ins(%[[X]], %[[MAX]] :
//       CHECK:     arith.subf
//       CHECK:     math.exp
//       CHECK:   %[[SUM:.+]] = linalg.generic {{.*}} ins(%[[EXP]] :
//       CHECK:     arith.addf
//       CHECK:   %[[R:.+]] = linalg.generic {{.*}} ins(%[[EXP]], %[[SUM]] :
//       CHECK:     arith.divf
//       CHECK:   return %[[R]]
func.func @softmax(%x: tensor<2x5xf32>) -> tensor<2x5xf32> {
  %e = tensor.empty() : tensor<2x5xf32>
  %r = linalg.softmax dimension(1) ins(%x : tensor<2x5xf32>) outs(%e : tensor<2x5xf32>) -> tensor<2x5xf32>
  return %r : tensor<2x5xf32>
}

// -----

// Ops without the interface are left alone.
// CHECK-LABEL: func.func @negative_matmul
//       CHECK:   linalg.matmul
func.func @negative_matmul(%a: tensor<2x3xf32>, %b: tensor<3x4xf32>, %c: tensor<2x4xf32>) -> tensor<2x4xf32> {
  %r = linalg.matmul ins(%a, %b : tensor<2x3xf32>, tensor<3x4xf32>) outs(%c : tensor<2x4xf32>) -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}

// -----

// The Winograd filter transform: G g G^T per tile, by matmuls with the
// constant transform matrices.
// CHECK-LABEL: func.func @winograd_filter
//   CHECK-NOT:   linalg.winograd_filter_transform
//       CHECK:   scf.for
//       CHECK:     linalg.matmul
//       CHECK:     linalg.matmul
//       CHECK:   return
func.func @winograd_filter(%w: tensor<2x3x3x5xf32>) -> tensor<6x6x5x2xf32> {
  %e = tensor.empty() : tensor<6x6x5x2xf32>
  %r = linalg.winograd_filter_transform fmr(F_4_3) ins(%w : tensor<2x3x3x5xf32>) outs(%e : tensor<6x6x5x2xf32>) -> tensor<6x6x5x2xf32>
  return %r : tensor<6x6x5x2xf32>
}
