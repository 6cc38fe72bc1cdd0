// RUN: accel-opt %s --accel-form-dispatches=include-linalg | FileCheck %s
// RUN: accel-opt %s --accel-form-dispatches | FileCheck %s --check-prefix=DEFAULT

// With include-linalg, a linalg.generic or linalg.fill in no dispatch
// becomes a dispatch of one (what the CUDA generic family computes): its
// tensor operands are the inputs, the scalar constants it takes or its body
// uses are cloned inside. Without the option, linalg ops stay.

#id = affine_map<(d0) -> (d0)>

// CHECK-LABEL: func.func @scaled
// CHECK-SAME: (%[[X:.+]]: tensor<8xf32>)
// CHECK: %[[E:.+]] = tensor.empty() : tensor<8xf32>
// CHECK-NEXT: %[[D:.+]] = accel.dispatch(%[[X]], %[[E]] : tensor<8xf32>, tensor<8xf32>) -> (tensor<8xf32>) {
// CHECK-NEXT: ^bb0(%[[A:.+]]: tensor<8xf32>, %[[B:.+]]: tensor<8xf32>):
// CHECK-NEXT: %[[C:.+]] = arith.constant 2.500000e+00 : f32
// CHECK-NEXT: %[[G:.+]] = linalg.generic {{.*}} ins(%[[A]] : tensor<8xf32>) outs(%[[B]] : tensor<8xf32>)
// CHECK: arith.mulf %{{.*}}, %[[C]] : f32
// CHECK: accel.yield %[[G]] : tensor<8xf32>
// CHECK: return %[[D]]
// DEFAULT-LABEL: func.func @scaled
// DEFAULT-NOT: accel.dispatch
func.func @scaled(%x: tensor<8xf32>) -> tensor<8xf32> {
  %c = arith.constant 2.5 : f32
  %e = tensor.empty() : tensor<8xf32>
  %y = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel"]} ins(%x : tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.mulf %in, %c : f32
    linalg.yield %m : f32
  } -> tensor<8xf32>
  return %y : tensor<8xf32>
}

// A fill's scalar is cloned inside, not an input.
// CHECK-LABEL: func.func @fill
// CHECK: accel.dispatch(%{{.*}} : tensor<4x3xf32>) -> (tensor<4x3xf32>) {
// CHECK-NEXT: ^bb0
// CHECK-NEXT: arith.constant 0.000000e+00 : f32
// CHECK-NEXT: linalg.fill
func.func @fill() -> tensor<4x3xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x3xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4x3xf32>) -> tensor<4x3xf32>
  return %f : tensor<4x3xf32>
}

// negative_: transposes (named or as a permuting generic) are the CUDA
// host program's views; a body using a non-constant value from above, or a
// non-constant scalar operand, cannot be isolated.
// CHECK-LABEL: func.func @negative_views_and_captures
// CHECK-NOT: accel.dispatch
// CHECK: return
func.func @negative_views_and_captures(%x: tensor<2x3xf32>, %s: f32) -> (tensor<3x2xf32>, tensor<3x2xf32>, tensor<2x3xf32>, tensor<2x3xf32>) {
  %e = tensor.empty() : tensor<3x2xf32>
  %t = linalg.transpose ins(%x : tensor<2x3xf32>) outs(%e : tensor<3x2xf32>) permutation = [1, 0]
  %g = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d1, d0)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<2x3xf32>) outs(%e : tensor<3x2xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<3x2xf32>
  %e2 = tensor.empty() : tensor<2x3xf32>
  %c = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<2x3xf32>) outs(%e2 : tensor<2x3xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.mulf %in, %s : f32
    linalg.yield %m : f32
  } -> tensor<2x3xf32>
  // A fill of a scalar that is no constant: a dispatch cannot take it.
  %f = linalg.fill ins(%s : f32) outs(%e2 : tensor<2x3xf32>) -> tensor<2x3xf32>
  return %t, %g, %c, %f : tensor<3x2xf32>, tensor<3x2xf32>, tensor<2x3xf32>, tensor<2x3xf32>
}
