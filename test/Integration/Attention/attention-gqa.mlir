// RUN: accel-opt %s --accel-cpu-reference | %run_cpu main | FileCheck %s

// Grouped-query attention: query head h reads kv head h / (Hq / Hkv). The two
// kv heads hold different keys and values, so a wrong head mapping shows.

func.func private @printMemrefF32(tensor<*xf32>)

// Hq = 4, Hkv = 2: heads 0-1 read kv head 0, heads 2-3 kv head 1.
// CHECK: rank = 4 offset = 0 sizes = [1, 4, 2, 2]
// CHECK-NEXT: [3, 4]
// CHECK-NEXT: [3.40667, 4.40667]
// CHECK-NEXT: [3, 4]
// CHECK-NEXT: [3.67485, 4.67485]
// CHECK-NEXT: [1.1163, -0.0792918]
// CHECK-NEXT: [2.26398, 4.97976]
// CHECK-NEXT: [3, 5]
// CHECK-NEXT: [7.96947, 15.6489]
// CHECK: rank = 3 offset = 0 sizes = [1, 4, 2]
// CHECK-NEXT: [1.62062, 1.62062]
// CHECK-NEXT: [2.22208, 2.22208]
// CHECK-NEXT: [1.2588, 1.9659]
// CHECK-NEXT: [1.09861, 0.922014]
func.func @gqa_4_2() {
  %q = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0]], [[2.0, 0.0], [0.0, 2.0]], [[-1.0, 0.0], [1.0, 1.0]], [[0.0, 0.0], [1.0, -1.0]]]]> : tensor<1x4x2x2xf32>
  %k = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], [[0.0, 2.0], [1.0, 0.0], [-1.0, 1.0]]]]> : tensor<1x2x3x2xf32>
  %v = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], [[-1.0, 0.0], [10.0, 20.0], [0.0, -5.0]]]]> : tensor<1x2x3x2xf32>
  %o, %l = accel.attention %q, %k, %v
      : (tensor<1x4x2x2xf32>, tensor<1x2x3x2xf32>, tensor<1x2x3x2xf32>) -> (tensor<1x4x2x2xf32>, tensor<1x4x2xf32>)
  %ou = tensor.cast %o : tensor<1x4x2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%ou) : (tensor<*xf32>) -> ()
  %lu = tensor.cast %l : tensor<1x4x2xf32> to tensor<*xf32>
  call @printMemrefF32(%lu) : (tensor<*xf32>) -> ()
  return
}

// Hq = 4, Hkv = 1 (multi-query), causal.
// CHECK: rank = 4 offset = 0 sizes = [1, 4, 2, 2]
// CHECK-NEXT: [6.36738, 13.3952]
// CHECK-NEXT: [0.824317, 1.38061]
// CHECK-NEXT: [7.84873, 16.0886]
// CHECK-NEXT: [-0.314034, -0.0257012]
// CHECK-NEXT: [2.63262, 6.60477]
// CHECK-NEXT: [2.26398, 4.97976]
// CHECK-NEXT: [4.5, 10]
// CHECK-NEXT: [7.96947, 15.6489]
func.func @mqa_4_1_causal() {
  %q = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0]], [[2.0, 0.0], [0.0, 2.0]], [[-1.0, 0.0], [1.0, 1.0]], [[0.0, 0.0], [1.0, -1.0]]]]> : tensor<1x4x2x2xf32>
  %k = arith.constant dense<[[[[0.0, 2.0], [1.0, 0.0], [-1.0, 1.0]]]]> : tensor<1x1x3x2xf32>
  %v = arith.constant dense<[[[[-1.0, 0.0], [10.0, 20.0], [0.0, -5.0]]]]> : tensor<1x1x3x2xf32>
  %o = accel.attention %q, %k, %v {causal = true}
      : (tensor<1x4x2x2xf32>, tensor<1x1x3x2xf32>, tensor<1x1x3x2xf32>) -> (tensor<1x4x2x2xf32>)
  %ou = tensor.cast %o : tensor<1x4x2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%ou) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  call @gqa_4_2() : () -> ()
  call @mqa_4_1_causal() : () -> ()
  return
}
