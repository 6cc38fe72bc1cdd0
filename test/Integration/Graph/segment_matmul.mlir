// RUN: accel-opt %s --accel-cpu-reference | %run_cpu main | FileCheck %s

// accel.segment_matmul: rows offsets[r] .. offsets[r+1]-1 use w[r]; empty
// segments in the middle and at the end, i32 and i64 offsets, dynamic sizes,
// f16 (f32 accumulation, one rounding), zero rows and K = 0.

func.func private @printMemrefF32(tensor<*xf32>)

func.func @main() {
  %x = arith.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0], [-1.0, 0.5]]> : tensor<5x2xf32>
  // w1 and w3 would show up as 9s and 7s if an empty segment were used.
  %w = arith.constant dense<[[[1.0, 0.0, 2.0], [0.0, 1.0, -1.0]],
                             [[9.0, 9.0, 9.0], [9.0, 9.0, 9.0]],
                             [[2.0, 0.0, 0.5], [0.0, -1.0, 3.0]],
                             [[7.0, 7.0, 7.0], [7.0, 7.0, 7.0]]]> : tensor<4x2x3xf32>
  %off = arith.constant dense<[0, 2, 2, 5, 5]> : tensor<5xi32>
  %y = accel.segment_matmul %x, %w, %off
      : (tensor<5x2xf32>, tensor<4x2x3xf32>, tensor<5xi32>) -> tensor<5x3xf32>
  %yu = tensor.cast %y : tensor<5x3xf32> to tensor<*xf32>
  // Rows 0-1 use w0, rows 2-4 use w2.
  // CHECK: rank = 2 offset = 0 sizes = [5, 3]
  // CHECK-NEXT: {{\[}}[1,   2,   0],
  // CHECK-NEXT: [3,   4,   2],
  // CHECK-NEXT: [10,   -6,   20.5],
  // CHECK-NEXT: [14,   -8,   27.5],
  // CHECK-NEXT: [-2,   -0.5,   1]]
  call @printMemrefF32(%yu) : (tensor<*xf32>) -> ()

  // Dynamic everything, i64 offsets, an empty first segment.
  %xd = tensor.cast %x : tensor<5x2xf32> to tensor<?x?xf32>
  %wd = tensor.cast %w : tensor<4x2x3xf32> to tensor<?x?x?xf32>
  %off64 = arith.constant dense<[0, 0, 1, 4, 5]> : tensor<5xi64>
  %offd = tensor.cast %off64 : tensor<5xi64> to tensor<?xi64>
  %yd = accel.segment_matmul %xd, %wd, %offd
      : (tensor<?x?xf32>, tensor<?x?x?xf32>, tensor<?xi64>) -> tensor<?x?xf32>
  %ydu = tensor.cast %yd : tensor<?x?xf32> to tensor<*xf32>
  // Row 0 uses w1, rows 1-3 w2, row 4 w3.
  // CHECK: rank = 2 offset = 0 sizes = [5, 3]
  // CHECK-NEXT: {{\[}}[27,   27,   27],
  // CHECK-NEXT: [6,   -4,   13.5],
  // CHECK-NEXT: [10,   -6,   20.5],
  // CHECK-NEXT: [14,   -8,   27.5],
  // CHECK-NEXT: [-3.5,   -3.5,   -3.5]]
  call @printMemrefF32(%ydu) : (tensor<*xf32>) -> ()

  // f16 in, f16 out: 2048 + 1 + 1 is 2050 only with f32 accumulation.
  %xh = arith.constant dense<[[2048.0, 1.0, 1.0]]> : tensor<1x3xf16>
  %wh = arith.constant dense<1.0> : tensor<1x3x1xf16>
  %offh = arith.constant dense<[0, 1]> : tensor<2xi64>
  %yh = accel.segment_matmul %xh, %wh, %offh
      : (tensor<1x3xf16>, tensor<1x3x1xf16>, tensor<2xi64>) -> tensor<1x1xf16>
  %yh32 = call @extend(%yh) : (tensor<1x1xf16>) -> tensor<1x1xf32>
  %yhu = tensor.cast %yh32 : tensor<1x1xf32> to tensor<*xf32>
  // CHECK: rank = 2 offset = 0 sizes = [1, 1]
  // CHECK-NEXT: {{\[}}[2050]]
  call @printMemrefF32(%yhu) : (tensor<*xf32>) -> ()

  // Zero rows: every segment empty.
  %x0 = arith.constant dense<> : tensor<0x2xf32>
  %off0 = arith.constant dense<0> : tensor<5xi32>
  %y0 = accel.segment_matmul %x0, %w, %off0
      : (tensor<0x2xf32>, tensor<4x2x3xf32>, tensor<5xi32>) -> tensor<0x3xf32>
  %y0u = tensor.cast %y0 : tensor<0x3xf32> to tensor<*xf32>
  // CHECK: rank = 2 offset = 0 sizes = [0, 3]
  call @printMemrefF32(%y0u) : (tensor<*xf32>) -> ()

  // K = 0: every product is an empty sum, 0.
  %xk = arith.constant dense<> : tensor<2x0xf32>
  %wk = arith.constant dense<> : tensor<3x0x2xf32>
  %offk = arith.constant dense<[0, 2, 2, 2]> : tensor<4xi64>
  %yk = accel.segment_matmul %xk, %wk, %offk
      : (tensor<2x0xf32>, tensor<3x0x2xf32>, tensor<4xi64>) -> tensor<2x2xf32>
  %yku = tensor.cast %yk : tensor<2x2xf32> to tensor<*xf32>
  // CHECK: rank = 2 offset = 0 sizes = [2, 2]
  // CHECK-NEXT: {{\[}}[0,   0],
  // CHECK-NEXT: [0,   0]]
  call @printMemrefF32(%yku) : (tensor<*xf32>) -> ()
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
