// RUN: accel-opt %s --accel-cpu-reference | %run_cpu main | FileCheck %s

// The additive bias broadcasts numpy-style (from the right) to
// [B, Hq, Sq, Sk]; a 1 stretches, static or dynamic. -inf in the bias works as a mask.

func.func private @printMemrefF32(tensor<*xf32>)

// bias [1, 1, Sq, Sk] with lse.
// CHECK: rank = 4 offset = 0 sizes = [1, 1, 2, 2]
// CHECK-NEXT: [2.54156, 3.54156]
// CHECK-NEXT: [2.13222, 3.13222]
// CHECK: rank = 3 offset = 0 sizes = [1, 1, 2]
// CHECK-NEXT: [1.74742, 2.07196]
func.func @bias_full() {
  %q = arith.constant dense<[[[[1.0, 0.0], [0.5, -1.0]]]]> : tensor<1x1x2x2xf32>
  %k = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]]]> : tensor<1x1x3x2xf32>
  %v = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]]]> : tensor<1x1x3x2xf32>
  %bias = arith.constant dense<[[[[0.5, -1.0, 0.0], [1.0, 2.0, -0.5]]]]> : tensor<1x1x2x3xf32>
  %o, %l = accel.attention %q, %k, %v, %bias
      : (tensor<1x1x2x2xf32>, tensor<1x1x3x2xf32>, tensor<1x1x3x2xf32>, tensor<1x1x2x3xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2xf32>)
  %ou = tensor.cast %o : tensor<1x1x2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%ou) : (tensor<*xf32>) -> ()
  %lu = tensor.cast %l : tensor<1x1x2xf32> to tensor<*xf32>
  call @printMemrefF32(%lu) : (tensor<*xf32>) -> ()
  return
}

// bias [Sk] (rank 1, shared by every row), no lse.
// CHECK: rank = 4 offset = 0 sizes = [1, 1, 2, 2]
// CHECK-NEXT: [1.45642, 2.45642]
// CHECK-NEXT: [1.30639, 2.30639]
func.func @bias_keys() {
  %q = arith.constant dense<[[[[1.0, 0.0], [0.5, -1.0]]]]> : tensor<1x1x2x2xf32>
  %k = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]]]> : tensor<1x1x3x2xf32>
  %v = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]]]> : tensor<1x1x3x2xf32>
  %bias = arith.constant dense<[1.0, 0.0, -2.0]> : tensor<3xf32>
  %o = accel.attention %q, %k, %v, %bias
      : (tensor<1x1x2x2xf32>, tensor<1x1x3x2xf32>, tensor<1x1x3x2xf32>, tensor<3xf32>) -> (tensor<1x1x2x2xf32>)
  %ou = tensor.cast %o : tensor<1x1x2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%ou) : (tensor<*xf32>) -> ()
  return
}

// bias [Sq, 1] (rank 2, one value per query row: cancels in the softmax,
// shifts lse).
// CHECK: rank = 4 offset = 0 sizes = [1, 1, 2, 2]
// CHECK-NEXT: [3, 4]
// CHECK-NEXT: [2.44878, 3.44878]
// CHECK: rank = 3 offset = 0 sizes = [1, 1, 2]
// CHECK-NEXT: [4.62062, -0.0370638]
func.func @bias_rows() {
  %q = arith.constant dense<[[[[1.0, 0.0], [0.5, -1.0]]]]> : tensor<1x1x2x2xf32>
  %k = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]]]> : tensor<1x1x3x2xf32>
  %v = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]]]> : tensor<1x1x3x2xf32>
  %bias = arith.constant dense<[[3.0], [-1.0]]> : tensor<2x1xf32>
  %o, %l = accel.attention %q, %k, %v, %bias
      : (tensor<1x1x2x2xf32>, tensor<1x1x3x2xf32>, tensor<1x1x3x2xf32>, tensor<2x1xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2xf32>)
  %ou = tensor.cast %o : tensor<1x1x2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%ou) : (tensor<*xf32>) -> ()
  %lu = tensor.cast %l : tensor<1x1x2xf32> to tensor<*xf32>
  call @printMemrefF32(%lu) : (tensor<*xf32>) -> ()
  return
}

// bias [1, Hq, 1, Sk] with Hq = 4, Hkv = 2 and causal: a per-head bias
// expanded to [Hkv, G] together with the queries.
// CHECK: rank = 4 offset = 0 sizes = [1, 4, 4, 2]
// CHECK-NEXT: [1, 2]
// CHECK-NEXT: [2.69292, 3.69292]
// CHECK-NEXT: [2.88626, 3.88626]
// CHECK-NEXT: [1.88671, 3.07283]
// CHECK-NEXT: [1, 2]
// CHECK-NEXT: [1.7152, 2.7152]
// CHECK-NEXT: [1.56137, 2.56137]
// CHECK-NEXT: [1.61357, 2.72423]
// CHECK-NEXT: [0, 1]
// CHECK-NEXT: [6.69762, 0.330238]
// CHECK-NEXT: [4.07383, 0.571564]
// CHECK-NEXT: [5.68773, 1.11713]
// CHECK-NEXT: [0, 1]
// CHECK-NEXT: [8.0443, 0.19557]
// CHECK-NEXT: [7.94095, 0.181908]
// CHECK-NEXT: [1.4705, 0.501775]
// CHECK: rank = 3 offset = 0 sizes = [1, 4, 4]
// CHECK-NEXT: [0.707107, 1.8738, 2.20324, 2.00458]
// CHECK-NEXT: [3.41421, 2.44255, 2.89115, 2.55485]
// CHECK-NEXT: [-0.353553, 1.81505, 0.895544, 2.40696]
// CHECK-NEXT: [1, 2.63184, 4.05754, 1.68274]
func.func @bias_heads_gqa() {
  %q = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.5, 0.5]], [[2.0, 0.0], [0.0, 2.0], [1.0, 0.0], [0.0, 1.0]], [[-1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]], [[0.0, 0.0], [1.0, -1.0], [2.0, 2.0], [-1.0, 1.0]]]]> : tensor<1x4x4x2xf32>
  %k = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [-1.0, 0.5]], [[0.5, 0.5], [2.0, 0.0], [0.0, -1.0], [1.0, -1.0]]]]> : tensor<1x2x4x2xf32>
  %v = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [-2.0, 0.0]], [[0.0, 1.0], [10.0, 0.0], [-1.0, -1.0], [4.0, 2.0]]]]> : tensor<1x2x4x2xf32>
  %bias = arith.constant dense<[[[[0.0, 1.0, -1.0, 0.5]], [[2.0, 0.0, 0.0, 0.0]], [[0.0, 0.0, -3.0, 1.0]], [[1.0, 1.0, 1.0, 1.0]]]]> : tensor<1x4x1x4xf32>
  %o, %l = accel.attention %q, %k, %v, %bias {causal = true}
      : (tensor<1x4x4x2xf32>, tensor<1x2x4x2xf32>, tensor<1x2x4x2xf32>, tensor<1x4x1x4xf32>) -> (tensor<1x4x4x2xf32>, tensor<1x4x4xf32>)
  %ou = tensor.cast %o : tensor<1x4x4x2xf32> to tensor<*xf32>
  call @printMemrefF32(%ou) : (tensor<*xf32>) -> ()
  %lu = tensor.cast %l : tensor<1x4x4xf32> to tensor<*xf32>
  call @printMemrefF32(%lu) : (tensor<*xf32>) -> ()
  return
}

// bias with -inf: row 0 masks key 1, row 1 masks every key (out = 0,
// lse = -inf).
// CHECK: rank = 4 offset = 0 sizes = [1, 1, 2, 2]
// CHECK-NEXT: [3, 4]
// CHECK-NEXT: [0, 0]
// CHECK: rank = 3 offset = 0 sizes = [1, 1, 2]
// CHECK-NEXT: [1.40025, -inf]
func.func @bias_neg_inf() {
  %q = arith.constant dense<[[[[1.0, 0.0], [0.5, -1.0]]]]> : tensor<1x1x2x2xf32>
  %k = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]]]> : tensor<1x1x3x2xf32>
  %v = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]]]> : tensor<1x1x3x2xf32>
  %bias = arith.constant dense<[[[[0.0, 0xFF800000, 0.0], [0xFF800000, 0xFF800000, 0xFF800000]]]]> : tensor<1x1x2x3xf32>
  %o, %l = accel.attention %q, %k, %v, %bias
      : (tensor<1x1x2x2xf32>, tensor<1x1x3x2xf32>, tensor<1x1x3x2xf32>, tensor<1x1x2x3xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2xf32>)
  %ou = tensor.cast %o : tensor<1x1x2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%ou) : (tensor<*xf32>) -> ()
  %lu = tensor.cast %l : tensor<1x1x2xf32> to tensor<*xf32>
  call @printMemrefF32(%lu) : (tensor<*xf32>) -> ()
  return
}

// Dynamic bias dims that are 1 at run time stretch as a static 1 does
// (numpy's rules): the bias is a function argument, so the lowering cannot
// see its sizes. A [?, ?, ?, ?] bias passed as [1, 1, Sq, Sk] to two query
// heads (both get bias_full's result), and a [?, ?] one passed as [Sq, 1]
// (bias_rows' result).
// CHECK: rank = 4 offset = 0 sizes = [1, 2, 2, 2]
// CHECK-NEXT: [2.54156, 3.54156]
// CHECK-NEXT: [2.13222, 3.13222]
// CHECK-NEXT: [2.54156, 3.54156]
// CHECK-NEXT: [2.13222, 3.13222]
// CHECK: rank = 4 offset = 0 sizes = [1, 1, 2, 2]
// CHECK-NEXT: [3, 4]
// CHECK-NEXT: [2.44878, 3.44878]
// CHECK: rank = 3 offset = 0 sizes = [1, 1, 2]
// CHECK-NEXT: [4.62062, -0.0370638]
func.func @attend_dynamic_bias(%q: tensor<1x2x2x2xf32>, %k: tensor<1x1x3x2xf32>, %v: tensor<1x1x3x2xf32>,
                               %bias: tensor<?x?x?x?xf32>) {
  %o = accel.attention %q, %k, %v, %bias
      : (tensor<1x2x2x2xf32>, tensor<1x1x3x2xf32>, tensor<1x1x3x2xf32>, tensor<?x?x?x?xf32>) -> tensor<1x2x2x2xf32>
  %ou = tensor.cast %o : tensor<1x2x2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%ou) : (tensor<*xf32>) -> ()
  return
}

func.func @attend_dynamic_rows(%q: tensor<1x1x2x2xf32>, %k: tensor<1x1x3x2xf32>, %v: tensor<1x1x3x2xf32>,
                               %bias: tensor<?x?xf32>) {
  %o, %l = accel.attention %q, %k, %v, %bias
      : (tensor<1x1x2x2xf32>, tensor<1x1x3x2xf32>, tensor<1x1x3x2xf32>, tensor<?x?xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2xf32>)
  %ou = tensor.cast %o : tensor<1x1x2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%ou) : (tensor<*xf32>) -> ()
  %lu = tensor.cast %l : tensor<1x1x2xf32> to tensor<*xf32>
  call @printMemrefF32(%lu) : (tensor<*xf32>) -> ()
  return
}

func.func @bias_dynamic_ones() {
  %q = arith.constant dense<[[[[1.0, 0.0], [0.5, -1.0]], [[1.0, 0.0], [0.5, -1.0]]]]> : tensor<1x2x2x2xf32>
  %q1 = arith.constant dense<[[[[1.0, 0.0], [0.5, -1.0]]]]> : tensor<1x1x2x2xf32>
  %k = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]]]> : tensor<1x1x3x2xf32>
  %v = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]]]> : tensor<1x1x3x2xf32>
  %bias = arith.constant dense<[[[[0.5, -1.0, 0.0], [1.0, 2.0, -0.5]]]]> : tensor<1x1x2x3xf32>
  %bd = tensor.cast %bias : tensor<1x1x2x3xf32> to tensor<?x?x?x?xf32>
  call @attend_dynamic_bias(%q, %k, %v, %bd)
      : (tensor<1x2x2x2xf32>, tensor<1x1x3x2xf32>, tensor<1x1x3x2xf32>, tensor<?x?x?x?xf32>) -> ()
  %rows = arith.constant dense<[[3.0], [-1.0]]> : tensor<2x1xf32>
  %rd = tensor.cast %rows : tensor<2x1xf32> to tensor<?x?xf32>
  call @attend_dynamic_rows(%q1, %k, %v, %rd)
      : (tensor<1x1x2x2xf32>, tensor<1x1x3x2xf32>, tensor<1x1x3x2xf32>, tensor<?x?xf32>) -> ()
  return
}

func.func @main() {
  call @bias_full() : () -> ()
  call @bias_keys() : () -> ()
  call @bias_rows() : () -> ()
  call @bias_heads_gqa() : () -> ()
  call @bias_neg_inf() : () -> ()
  call @bias_dynamic_ones() : () -> ()
  return
}
