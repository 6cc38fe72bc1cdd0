// What only looks like a guarded construct goes to the parser untouched:
// well-formed lists, array<i64>, the generic form, strings and comments.
// RUN: accel-opt %s | FileCheck %s
// CHECK-LABEL: func.func @f
// CHECK-SAME: note = "array<index: 1> and linalg.transpose permutation = [x]"
// CHECK: linalg.transpose {{.*}} permutation = [1, 0]
// CHECK: linalg.transpose {{.*}} permutation = [1, 0]
// CHECK: linalg.broadcast {{.*}} dimensions = [1]
// CHECK: linalg.reduce {{.*}} dimensions = [1]
// a comment: array<index: 1> and permutation = [1, 99299999999999999999]
func.func @f(%x: tensor<2x3xf32>, %e: tensor<3x2xf32>, %r: tensor<2xf32>, %b: tensor<2x3xf32>)
    -> (tensor<3x2xf32>, tensor<3x2xf32>, tensor<2x3xf32>, tensor<2xf32>)
    attributes {note = "array<index: 1> and linalg.transpose permutation = [x]", dims = array<i64: 1, -9223372036854775808>} {
  %t = linalg.transpose ins(%x : tensor<2x3xf32>) outs(%e : tensor<3x2xf32>) permutation = [1, 0x0]
  %g = "linalg.transpose"(%x, %e) <{permutation = array<i64: 1, 0>}> ({
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  }) : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<3x2xf32>
  %c = linalg.broadcast ins(%r : tensor<2xf32>) outs(%b : tensor<2x3xf32>)
      dimensions = [ 1 ]
  %s = linalg.reduce ins(%x : tensor<2x3xf32>) outs(%r : tensor<2xf32>) dimensions = [1]
    (%in: f32, %init: f32) {
      %a = arith.addf %in, %init : f32
      linalg.yield %a : f32
    }
  return %t, %g, %c, %s : tensor<3x2xf32>, tensor<3x2xf32>, tensor<2x3xf32>, tensor<2xf32>
}
