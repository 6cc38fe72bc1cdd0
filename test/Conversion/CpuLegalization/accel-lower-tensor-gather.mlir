// RUN: accel-opt %s --accel-lower-tensor-gather | FileCheck %s

// CHECK-LABEL: func.func @rank_reduced
//  CHECK-SAME:   (%[[X:.+]]: tensor<3x4x5xf32>, %[[J:.+]]: tensor<2x2xi32>)
//   CHECK-NOT:   tensor.gather
//       CHECK:   %[[E:.+]] = tensor.empty() : tensor<2x4xf32>
//       CHECK:   %[[R:.+]] = linalg.generic {{.*}} outs(%[[E]] : tensor<2x4xf32>)
//       CHECK:     %[[B:.+]] = linalg.index 0
//       CHECK:     %[[T:.+]] = linalg.index 1
//       CHECK:     %[[C0:.+]] = tensor.extract %[[J]][%[[B]], %{{.+}}] : tensor<2x2xi32>
//       CHECK:     %[[I0:.+]] = arith.index_cast %[[C0]]
//       CHECK:     %[[C2:.+]] = tensor.extract %[[J]][%[[B]], %{{.+}}] : tensor<2x2xi32>
//       CHECK:     %[[I2:.+]] = arith.index_cast %[[C2]]
//       CHECK:     %[[V:.+]] = tensor.extract %[[X]][%[[I0]], %[[T]], %[[I2]]] : tensor<3x4x5xf32>
//       CHECK:     linalg.yield %[[V]]
//       CHECK:   return %[[R]]
func.func @rank_reduced(%x: tensor<3x4x5xf32>, %j: tensor<2x2xi32>) -> tensor<2x4xf32> {
  %r = tensor.gather %x[%j] gather_dims([0, 2]) : (tensor<3x4x5xf32>, tensor<2x2xi32>) -> tensor<2x4xf32>
  return %r : tensor<2x4xf32>
}
