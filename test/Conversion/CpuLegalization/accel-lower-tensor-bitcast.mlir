// RUN: accel-opt %s --accel-lower-tensor-bitcast | FileCheck %s

// CHECK-LABEL: func.func @dynamic
//  CHECK-SAME:   (%[[X:.+]]: tensor<?x4xf32>)
//   CHECK-NOT:   tensor.bitcast
//       CHECK:   %[[N:.+]] = tensor.dim %[[X]], %{{.+}} : tensor<?x4xf32>
//       CHECK:   %[[E:.+]] = tensor.empty(%[[N]]) : tensor<?x4xi32>
//       CHECK:   %[[R:.+]] = linalg.generic {{.*}} ins(%[[X]] : tensor<?x4xf32>) outs(%[[E]] : tensor<?x4xi32>)
//       CHECK:     %[[B:.+]] = arith.bitcast %{{.+}} : f32 to i32
//       CHECK:     linalg.yield %[[B]]
//       CHECK:   return %[[R]]
func.func @dynamic(%x: tensor<?x4xf32>) -> tensor<?x4xi32> {
  %r = tensor.bitcast %x : tensor<?x4xf32> to tensor<?x4xi32>
  return %r : tensor<?x4xi32>
}
