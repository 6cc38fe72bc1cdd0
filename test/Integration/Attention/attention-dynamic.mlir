// RUN: accel-opt %s --accel-cpu-reference | %run_cpu main | FileCheck %s

// Dynamic sizes everywhere they are allowed: the head dim is dynamic and
// there is no scale attribute, so 1/sqrt(D) is computed at run time; G =
// Hq / Hkv is computed at run time for the GQA head expansion. Same data as
// a static GQA case: Hq = 4, Hkv = 2, Sq = 3 > Sk = 2, D = 2, Dv = 3.

func.func private @printMemrefF32(tensor<*xf32>)

// All dims dynamic, causal (row 0 sees no key), bias [Sq, Sk] dynamic.
// CHECK: rank = 4 offset = 0 sizes = [1, 4, 3, 3]
// CHECK-NEXT: [0, 0, 0]
// CHECK-NEXT: [1, 2, 0.5]
// CHECK-NEXT: [2.46212, 3.46212, -0.596588]
// CHECK-NEXT: [0, 0, 0]
// CHECK-NEXT: [1, 2, 0.5]
// CHECK-NEXT: [2.14541, 3.14541, -0.359056]
// CHECK-NEXT: [0, 0, 0]
// CHECK-NEXT: [0, 1, 1]
// CHECK-NEXT: [6.56209, 0.343791, 1.65621]
// CHECK-NEXT: [0, 0, 0]
// CHECK-NEXT: [0, 1, 1]
// CHECK-NEXT: [9.17905, 0.0820952, 1.9179]
// CHECK: rank = 3 offset = 0 sizes = [1, 4, 3]
// CHECK-NEXT: [-inf, 0, 3.02037]
// CHECK-NEXT: [-inf, 0, 2.55739]
// CHECK-NEXT: [-inf, 0.707107, 2.42128]
// CHECK-NEXT: [-inf, 0, 4.91409]
func.func @all_dynamic(%q: tensor<?x?x?x?xf32>, %k: tensor<?x?x?x?xf32>, %v: tensor<?x?x?x?xf32>,
                       %bias: tensor<?x?xf32>) {
  %o, %l = accel.attention %q, %k, %v, %bias {causal = true}
      : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?xf32>)
      -> (tensor<?x?x?x?xf32>, tensor<?x?x?xf32>)
  %ou = tensor.cast %o : tensor<?x?x?x?xf32> to tensor<*xf32>
  call @printMemrefF32(%ou) : (tensor<*xf32>) -> ()
  %lu = tensor.cast %l : tensor<?x?x?xf32> to tensor<*xf32>
  call @printMemrefF32(%lu) : (tensor<*xf32>) -> ()
  return
}

// Mixed: q static, k and v dynamic, the result declared static; head_shard
// <num_shards = 2, block = 1, local_blocks = 0> (head h sees keys j = h mod 2).
// CHECK: rank = 4 offset = 0 sizes = [1, 4, 3, 3]
// CHECK-NEXT: [1, 2, 0.5]
// CHECK-NEXT: [1, 2, 0.5]
// CHECK-NEXT: [1, 2, 0.5]
// CHECK-NEXT: [3, 4, -1]
// CHECK-NEXT: [3, 4, -1]
// CHECK-NEXT: [3, 4, -1]
// CHECK-NEXT: [0, 1, 1]
// CHECK-NEXT: [0, 1, 1]
// CHECK-NEXT: [0, 1, 1]
// CHECK-NEXT: [10, 0, 2]
// CHECK-NEXT: [10, 0, 2]
// CHECK-NEXT: [10, 0, 2]
func.func @mixed(%q: tensor<1x4x3x2xf32>, %k: tensor<?x2x?x?xf32>, %v: tensor<1x?x?x3xf32>) {
  %o = accel.attention %q, %k, %v {sparsity = #accel.head_shard<num_shards = 2, block = 1, local_blocks = 0>}
      : (tensor<1x4x3x2xf32>, tensor<?x2x?x?xf32>, tensor<1x?x?x3xf32>) -> tensor<1x4x3x3xf32>
  %ou = tensor.cast %o : tensor<1x4x3x3xf32> to tensor<*xf32>
  call @printMemrefF32(%ou) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  %q = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], [[2.0, 0.0], [0.0, 2.0], [1.0, 0.0]], [[-1.0, 0.0], [1.0, 1.0], [0.0, 1.0]], [[0.0, 0.0], [1.0, -1.0], [2.0, 2.0]]]]> : tensor<1x4x3x2xf32>
  %k = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0]], [[0.5, 0.5], [2.0, 0.0]]]]> : tensor<1x2x2x2xf32>
  %v = arith.constant dense<[[[[1.0, 2.0, 0.5], [3.0, 4.0, -1.0]], [[0.0, 1.0, 1.0], [10.0, 0.0, 2.0]]]]> : tensor<1x2x2x3xf32>
  %bias = arith.constant dense<[[0.5, -1.0], [0.0, 0.0], [1.0, 2.0]]> : tensor<3x2xf32>
  %qd = tensor.cast %q : tensor<1x4x3x2xf32> to tensor<?x?x?x?xf32>
  %kd = tensor.cast %k : tensor<1x2x2x2xf32> to tensor<?x?x?x?xf32>
  %vd = tensor.cast %v : tensor<1x2x2x3xf32> to tensor<?x?x?x?xf32>
  %bd = tensor.cast %bias : tensor<3x2xf32> to tensor<?x?xf32>
  call @all_dynamic(%qd, %kd, %vd, %bd)
      : (tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?x?x?xf32>, tensor<?x?xf32>) -> ()
  %km = tensor.cast %k : tensor<1x2x2x2xf32> to tensor<?x2x?x?xf32>
  %vm = tensor.cast %v : tensor<1x2x2x3xf32> to tensor<1x?x?x3xf32>
  call @mixed(%q, %km, %vm) : (tensor<1x4x3x2xf32>, tensor<?x2x?x?xf32>, tensor<1x?x?x3xf32>) -> ()
  return
}
