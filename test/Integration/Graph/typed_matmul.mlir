// RUN: accel-opt %s --accel-cpu-reference | %run_cpu main | FileCheck %s

// accel.typed_matmul: out[e] = x[e] @ w[types[e]] with R = 3 relations,
// i32 and i64 types, dynamic sizes, f16 inputs (f32 accumulation, one
// rounding) and zero edges.

func.func private @printMemrefF32(tensor<*xf32>)

func.func @main() {
  %x = arith.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]> : tensor<4x2xf32>
  %w = arith.constant dense<[[[1.0, 0.0, 2.0], [0.0, 1.0, -1.0]],
                             [[1.0, 1.0, 1.0], [1.0, 1.0, 1.0]],
                             [[2.0, 0.0, 0.5], [0.0, -1.0, 3.0]]]> : tensor<3x2x3xf32>
  %t = arith.constant dense<[2, 0, 1, 2]> : tensor<4xi32>
  %y = accel.typed_matmul %x, %w, %t
      : (tensor<4x2xf32>, tensor<3x2x3xf32>, tensor<4xi32>) -> tensor<4x3xf32>
  %yu = tensor.cast %y : tensor<4x3xf32> to tensor<*xf32>
  // e0: [1,2] @ w2, e1: [3,4] @ w0, e2: [5,6] @ w1, e3: [7,8] @ w2.
  // CHECK: rank = 2 offset = 0 sizes = [4, 3]
  // CHECK-NEXT: {{\[}}[2,   -2,   6.5],
  // CHECK-NEXT: [3,   4,   2],
  // CHECK-NEXT: [11,   11,   11],
  // CHECK-NEXT: [14,   -8,   27.5]]
  call @printMemrefF32(%yu) : (tensor<*xf32>) -> ()

  // The same with dynamic E, R and i64 types.
  %xd = tensor.cast %x : tensor<4x2xf32> to tensor<?x2xf32>
  %wd = tensor.cast %w : tensor<3x2x3xf32> to tensor<?x2x3xf32>
  %t64 = arith.constant dense<[2, 0, 1, 2]> : tensor<4xi64>
  %td = tensor.cast %t64 : tensor<4xi64> to tensor<?xi64>
  %yd = accel.typed_matmul %xd, %wd, %td
      : (tensor<?x2xf32>, tensor<?x2x3xf32>, tensor<?xi64>) -> tensor<?x3xf32>
  %ydu = tensor.cast %yd : tensor<?x3xf32> to tensor<*xf32>
  // CHECK: rank = 2 offset = 0 sizes = [4, 3]
  // CHECK-NEXT: {{\[}}[2,   -2,   6.5],
  // CHECK-NEXT: [3,   4,   2],
  // CHECK-NEXT: [11,   11,   11],
  // CHECK-NEXT: [14,   -8,   27.5]]
  call @printMemrefF32(%ydu) : (tensor<*xf32>) -> ()

  // f16 in, f16 out: 2048 + 1 + 1 is 2048 when each partial sum is rounded
  // to f16, 2050 when accumulating in f32 and rounding once.
  %xh = arith.constant dense<[[2048.0, 1.0, 1.0]]> : tensor<1x3xf16>
  %wh = arith.constant dense<1.0> : tensor<2x3x1xf16>
  %th = arith.constant dense<[1]> : tensor<1xi32>
  %yh = accel.typed_matmul %xh, %wh, %th
      : (tensor<1x3xf16>, tensor<2x3x1xf16>, tensor<1xi32>) -> tensor<1x1xf16>
  %yh32 = call @extend(%yh) : (tensor<1x1xf16>) -> tensor<1x1xf32>
  %yhu = tensor.cast %yh32 : tensor<1x1xf32> to tensor<*xf32>
  // CHECK: rank = 2 offset = 0 sizes = [1, 1]
  // CHECK-NEXT: {{\[}}[2050]]
  call @printMemrefF32(%yhu) : (tensor<*xf32>) -> ()

  // Zero edges.
  %x0 = arith.constant dense<> : tensor<0x2xf32>
  %t0 = arith.constant dense<> : tensor<0xi32>
  %y0 = accel.typed_matmul %x0, %w, %t0
      : (tensor<0x2xf32>, tensor<3x2x3xf32>, tensor<0xi32>) -> tensor<0x3xf32>
  %y0u = tensor.cast %y0 : tensor<0x3xf32> to tensor<*xf32>
  // CHECK: rank = 2 offset = 0 sizes = [0, 3]
  call @printMemrefF32(%y0u) : (tensor<*xf32>) -> ()
  return
}

func.func @extend(%t: tensor<1x1xf16>) -> tensor<1x1xf32> {
  %e = tensor.empty() : tensor<1x1xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%t : tensor<1x1xf16>) outs(%e : tensor<1x1xf32>) {
  ^bb0(%a: f16, %b: f32):
    %c = arith.extf %a : f16 to f32
    linalg.yield %c : f32
  } -> tensor<1x1xf32>
  return %r : tensor<1x1xf32>
}
