// RUN: accel-opt %s --accel-lower-tensor-scatter | FileCheck %s

// CHECK-LABEL: func.func @rows
//  CHECK-SAME:   (%[[S:.+]]: tensor<2x1x3xf32>, %[[D:.+]]: tensor<5x3xf32>, %[[I:.+]]: tensor<2x1xi32>)
//   CHECK-NOT:   tensor.scatter
//       CHECK:   %[[R:.+]] = scf.for %[[B:.+]] = {{.+}} iter_args(%[[D0:.+]] = %[[D]])
//       CHECK:     scf.for %[[U:.+]] = {{.+}} iter_args(%[[D1:.+]] = %[[D0]])
//       CHECK:       scf.for %[[T:.+]] = {{.+}} iter_args(%[[D2:.+]] = %[[D1]])
//       CHECK:         %[[C:.+]] = tensor.extract %[[I]][%[[B]], %{{.+}}] : tensor<2x1xi32>
//       CHECK:         %[[ROW:.+]] = arith.index_cast %[[C]]
//       CHECK:         %[[V:.+]] = tensor.extract %[[S]][%[[B]], %[[U]], %[[T]]]
//       CHECK:         %[[N:.+]] = tensor.insert %[[V]] into %[[D2]][%[[ROW]], %[[T]]]
//       CHECK:         scf.yield %[[N]]
//       CHECK:   return %[[R]]
func.func @rows(%s: tensor<2x1x3xf32>, %d: tensor<5x3xf32>, %i: tensor<2x1xi32>) -> tensor<5x3xf32> {
  %r = tensor.scatter %s into %d[%i] scatter_dims([0]) unique : (tensor<2x1x3xf32>, tensor<5x3xf32>, tensor<2x1xi32>) -> tensor<5x3xf32>
  return %r : tensor<5x3xf32>
}
