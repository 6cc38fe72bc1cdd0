// RUN: accel-opt %s --accel-cpu-reference | %run_cpu main | FileCheck %s

// causal = true is aligned to the bottom right: key j is visible to query i
// iff j <= i + (Sk - Sq). With Sq > Sk the first Sq - Sk rows see no key and
// give out = 0, lse = -inf.

func.func private @printMemrefF32(tensor<*xf32>)

// Sq = 2 < Sk = 3: row 0 sees keys 0-1, row 1 sees all.
// CHECK: rank = 4 offset = 0 sizes = [1, 1, 2, 2]
// CHECK-NEXT: [1.66048, 2.66048]
// CHECK-NEXT: [2.44878, 3.44878]
// CHECK: rank = 3 offset = 0 sizes = [1, 1, 2]
// CHECK-NEXT: [1.10794, 0.962936]
func.func @causal_sq_lt_sk() {
  %q = arith.constant dense<[[[[1.0, 0.0], [0.5, -1.0]]]]> : tensor<1x1x2x2xf32>
  %k = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]]]> : tensor<1x1x3x2xf32>
  %v = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]]]> : tensor<1x1x3x2xf32>
  %o, %l = accel.attention %q, %k, %v {causal = true}
      : (tensor<1x1x2x2xf32>, tensor<1x1x3x2xf32>, tensor<1x1x3x2xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2xf32>)
  %ou = tensor.cast %o : tensor<1x1x2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%ou) : (tensor<*xf32>) -> ()
  %lu = tensor.cast %l : tensor<1x1x2xf32> to tensor<*xf32>
  call @printMemrefF32(%lu) : (tensor<*xf32>) -> ()
  return
}

// Sq = 3 > Sk = 2: row 0 sees nothing (0, -inf), row 1 key 0, row 2 both.
// CHECK: rank = 4 offset = 0 sizes = [1, 1, 3, 2]
// CHECK-NEXT: [0, 0]
// CHECK-NEXT: [1, 2]
// CHECK-NEXT: [1.66048, 2.66048]
// CHECK: rank = 3 offset = 0 sizes = [1, 1, 3]
// CHECK-NEXT: [-inf, 0.353553, 1.81505]
func.func @causal_sq_gt_sk() {
  %q = arith.constant dense<[[[[1.0, 0.0], [0.5, -1.0], [2.0, 1.0]]]]> : tensor<1x1x3x2xf32>
  %k = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0]]]]> : tensor<1x1x2x2xf32>
  %v = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0]]]]> : tensor<1x1x2x2xf32>
  %o, %l = accel.attention %q, %k, %v {causal = true}
      : (tensor<1x1x3x2xf32>, tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>) -> (tensor<1x1x3x2xf32>, tensor<1x1x3xf32>)
  %ou = tensor.cast %o : tensor<1x1x3x2xf32> to tensor<*xf32>
  call @printMemrefF32(%ou) : (tensor<*xf32>) -> ()
  %lu = tensor.cast %l : tensor<1x1x3xf32> to tensor<*xf32>
  call @printMemrefF32(%lu) : (tensor<*xf32>) -> ()
  return
}

// Sq = Sk = 3: lower-triangular.
// CHECK: rank = 4 offset = 0 sizes = [1, 1, 3, 2]
// CHECK-NEXT: [1, 2]
// CHECK-NEXT: [1.36485, 2.36485]
// CHECK-NEXT: [3.84102, 4.84102]
// CHECK: rank = 3 offset = 0 sizes = [1, 1, 3]
// CHECK-NEXT: [1, 0.701413, 3.40761]
func.func @causal_square() {
  %q = arith.constant dense<[[[[1.0, 0.0], [0.5, -1.0], [2.0, 1.0]]]]> : tensor<1x1x3x2xf32>
  %k = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]]]> : tensor<1x1x3x2xf32>
  %v = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]]]> : tensor<1x1x3x2xf32>
  %o, %l = accel.attention %q, %k, %v {causal = true, scale = 1.0 : f32}
      : (tensor<1x1x3x2xf32>, tensor<1x1x3x2xf32>, tensor<1x1x3x2xf32>) -> (tensor<1x1x3x2xf32>, tensor<1x1x3xf32>)
  %ou = tensor.cast %o : tensor<1x1x3x2xf32> to tensor<*xf32>
  call @printMemrefF32(%ou) : (tensor<*xf32>) -> ()
  %lu = tensor.cast %l : tensor<1x1x3xf32> to tensor<*xf32>
  call @printMemrefF32(%lu) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  call @causal_sq_lt_sk() : () -> ()
  call @causal_sq_gt_sk() : () -> ()
  call @causal_square() : () -> ()
  return
}
