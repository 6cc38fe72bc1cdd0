// RUN: accel-opt %s --accel-cpu-reference | %run_cpu main | FileCheck %s

// Reduced-precision inputs are widened to f32 inside the generics and the
// output is rounded once to its element type; lse is always f32.

func.func private @printMemrefF32(tensor<*xf32>)

// f16 q/k/v and bias, f16 out: the f32 result rounded to f16 once.
// CHECK: rank = 4 offset = 0 sizes = [1, 1, 2, 2]
// CHECK-NEXT: [2.7793, 3.7793]
// CHECK-NEXT: [2.20312, 3.20312]
// CHECK: rank = 3 offset = 0 sizes = [1, 1, 2]
// CHECK-NEXT: [1.65609, 1.04023]
func.func @f16_f16() {
  %q = arith.constant dense<[[[[1.0, 0.0], [0.5, -1.0]]]]> : tensor<1x1x2x2xf16>
  %k = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]]]> : tensor<1x1x3x2xf16>
  %v = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]]]> : tensor<1x1x3x2xf16>
  %bias = arith.constant dense<[0.25, -0.5, 0.0]> : tensor<3xf16>
  %o, %l = accel.attention %q, %k, %v, %bias
      : (tensor<1x1x2x2xf16>, tensor<1x1x3x2xf16>, tensor<1x1x3x2xf16>, tensor<3xf16>) -> (tensor<1x1x2x2xf16>, tensor<1x1x2xf32>)
  %oe = tensor.empty() : tensor<1x1x2x2xf32>
  %o32 = linalg.generic {indexing_maps = [affine_map<(a, b, c, d) -> (a, b, c, d)>, affine_map<(a, b, c, d) -> (a, b, c, d)>],
      iterator_types = ["parallel", "parallel", "parallel", "parallel"]}
      ins(%o : tensor<1x1x2x2xf16>) outs(%oe : tensor<1x1x2x2xf32>) {
  ^bb0(%x: f16, %y: f32):
    %w = arith.extf %x : f16 to f32
    linalg.yield %w : f32
  } -> tensor<1x1x2x2xf32>
  %ou = tensor.cast %o32 : tensor<1x1x2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%ou) : (tensor<*xf32>) -> ()
  %lu = tensor.cast %l : tensor<1x1x2xf32> to tensor<*xf32>
  call @printMemrefF32(%lu) : (tensor<*xf32>) -> ()
  return
}

// f16 q/k/v, f32 out, f32 bias, causal.
// CHECK: rank = 4 offset = 0 sizes = [1, 1, 2, 2]
// CHECK-NEXT: [1.37782, 2.37782]
// CHECK-NEXT: [2.44878, 3.44878]
// CHECK: rank = 3 offset = 0 sizes = [1, 1, 2]
// CHECK-NEXT: [1.16648, 1.96294]
func.func @f16_f32() {
  %q = arith.constant dense<[[[[1.0, 0.0], [0.5, -1.0]]]]> : tensor<1x1x2x2xf16>
  %k = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]]]> : tensor<1x1x3x2xf16>
  %v = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]]]> : tensor<1x1x3x2xf16>
  %bias = arith.constant dense<[[0.25, -0.5, 0.0], [1.0, 1.0, 1.0]]> : tensor<2x3xf32>
  %o, %l = accel.attention %q, %k, %v, %bias {causal = true}
      : (tensor<1x1x2x2xf16>, tensor<1x1x3x2xf16>, tensor<1x1x3x2xf16>, tensor<2x3xf32>) -> (tensor<1x1x2x2xf32>, tensor<1x1x2xf32>)
  %ou = tensor.cast %o : tensor<1x1x2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%ou) : (tensor<*xf32>) -> ()
  %lu = tensor.cast %l : tensor<1x1x2xf32> to tensor<*xf32>
  call @printMemrefF32(%lu) : (tensor<*xf32>) -> ()
  return
}

// bf16 q/k/v (exactly representable values), f32 out, GQA.
// CHECK: rank = 4 offset = 0 sizes = [1, 4, 4, 2]
// CHECK-NEXT: [2.55574, 3.64459]
// CHECK-NEXT: [2.2185, 3.43826]
// CHECK-NEXT: [3.07432, 4.15347]
// CHECK-NEXT: [2.47818, 3.62482]
// CHECK-NEXT: [2.87163, 3.89731]
// CHECK-NEXT: [2.65222, 3.83243]
// CHECK-NEXT: [2.55574, 3.64459]
// CHECK-NEXT: [2.2185, 3.43826]
// CHECK-NEXT: [1.39578, 0.282289]
// CHECK-NEXT: [5.84712, 0.46304]
// CHECK-NEXT: [3.36608, 0.562183]
// CHECK-NEXT: [5.6324{{[0-9]}}, 0.52307]
// CHECK-NEXT: [3.25, 0.5]
// CHECK-NEXT: [4.93641, 0.639594]
// CHECK-NEXT: [7.76402, 0.263528]
// CHECK-NEXT: [1.4705, 0.501775]
func.func @bf16_f32() {
  %q = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [0.5, 0.5]], [[2.0, 0.0], [0.0, 2.0], [1.0, 0.0], [0.0, 1.0]], [[-1.0, 0.0], [1.0, 1.0], [0.0, 1.0], [1.0, 0.0]], [[0.0, 0.0], [1.0, -1.0], [2.0, 2.0], [-1.0, 1.0]]]]> : tensor<1x4x4x2xbf16>
  %k = arith.constant dense<[[[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0], [-1.0, 0.5]], [[0.5, 0.5], [2.0, 0.0], [0.0, -1.0], [1.0, -1.0]]]]> : tensor<1x2x4x2xbf16>
  %v = arith.constant dense<[[[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [-2.0, 0.0]], [[0.0, 1.0], [10.0, 0.0], [-1.0, -1.0], [4.0, 2.0]]]]> : tensor<1x2x4x2xbf16>
  %o = accel.attention %q, %k, %v
      : (tensor<1x4x4x2xbf16>, tensor<1x2x4x2xbf16>, tensor<1x2x4x2xbf16>) -> (tensor<1x4x4x2xf32>)
  %ou = tensor.cast %o : tensor<1x4x4x2xf32> to tensor<*xf32>
  call @printMemrefF32(%ou) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  call @f16_f16() : () -> ()
  call @f16_f32() : () -> ()
  call @bf16_f32() : () -> ()
  return
}
