// RUN: accel-opt %s --accel-cpu-reference | %run_cpu main | FileCheck %s

// accel.dequantize (contract §5): x = q * scale in f32, rounded once to the
// result type, for every granularity and quantized element type. Expected
// values worked out by hand.

func.func private @printMemrefF32(tensor<*xf32>)

func.func @show(%x: tensor<?x?xf32>) {
  %u = tensor.cast %x : tensor<?x?xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

func.func @show_f16(%x: tensor<?xf16>) {
  %c0 = arith.constant 0 : index
  %d0 = tensor.dim %x, %c0 : tensor<?xf16>
  %e = tensor.empty(%d0) : tensor<?xf32>
  %w = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>],
                       iterator_types = ["parallel"]}
      ins(%x : tensor<?xf16>) outs(%e : tensor<?xf32>) {
  ^bb0(%a: f16, %o: f32):
    %y = arith.extf %a : f16 to f32
    linalg.yield %y : f32
  } -> tensor<?xf32>
  %u = tensor.cast %w : tensor<?xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

func.func @show_bf16(%x: tensor<?xbf16>) {
  %c0 = arith.constant 0 : index
  %d0 = tensor.dim %x, %c0 : tensor<?xbf16>
  %e = tensor.empty(%d0) : tensor<?xf32>
  %w = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>],
                       iterator_types = ["parallel"]}
      ins(%x : tensor<?xbf16>) outs(%e : tensor<?xf32>) {
  ^bb0(%a: bf16, %o: f32):
    %y = arith.extf %a : bf16 to f32
    linalg.yield %y : f32
  } -> tensor<?xf32>
  %u = tensor.cast %w : tensor<?xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

func.func @dequantize_dynamic(%q: tensor<?x?xi8>, %s: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %x = accel.dequantize %q, %s {granularity = "group", axis = 1 : i64, group_size = 2 : i64}
      : (tensor<?x?xi8>, tensor<?x?xf32>) -> tensor<?x?xf32>
  return %x : tensor<?x?xf32>
}

func.func @main() {
  // Per tensor, i8.
  %q0 = arith.constant dense<[[1, -2, 127, -128]]> : tensor<1x4xi8>
  %s0 = arith.constant dense<0.5> : tensor<f32>
  %x0 = accel.dequantize %q0, %s0 : (tensor<1x4xi8>, tensor<f32>) -> tensor<1x4xf32>
  %x0d = tensor.cast %x0 : tensor<1x4xf32> to tensor<?x?xf32>
  // CHECK: rank = 2 offset = 0 sizes = [1, 4]
  // CHECK-NEXT: {{\[}}[0.5, -1, 63.5, -64]]
  call @show(%x0d) : (tensor<?x?xf32>) -> ()

  // Per channel along axis 0, i4.
  %q1 = arith.constant dense<[[1, 2, 3], [-8, 7, 0]]> : tensor<2x3xi4>
  %s1 = arith.constant dense<[0.25, 3.0]> : tensor<2xf32>
  %x1 = accel.dequantize %q1, %s1 {granularity = "channel", axis = 0 : i64}
      : (tensor<2x3xi4>, tensor<2xf32>) -> tensor<2x3xf32>
  %x1d = tensor.cast %x1 : tensor<2x3xf32> to tensor<?x?xf32>
  // CHECK: rank = 2 offset = 0 sizes = [2, 3]
  // CHECK-NEXT: {{\[}}[0.25, 0.5, 0.75],
  // CHECK-NEXT: [-24, 21, 0]]
  call @show(%x1d) : (tensor<?x?xf32>) -> ()

  // Per channel along axis 1, i8.
  %q2 = arith.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi8>
  %s2 = arith.constant dense<[1.0, 0.5, -2.0]> : tensor<3xf32>
  %x2 = accel.dequantize %q2, %s2 {granularity = "channel", axis = 1 : i64}
      : (tensor<2x3xi8>, tensor<3xf32>) -> tensor<2x3xf32>
  %x2d = tensor.cast %x2 : tensor<2x3xf32> to tensor<?x?xf32>
  // CHECK: rank = 2 offset = 0 sizes = [2, 3]
  // CHECK-NEXT: {{\[}}[1, 1, -6],
  // CHECK-NEXT: [4, 2.5, -12]]
  call @show(%x2d) : (tensor<?x?xf32>) -> ()

  // Groups of 2 along axis 1: scale [2, 2].
  %q3 = arith.constant dense<[[1, 2, 3, 4], [5, 6, 7, 8]]> : tensor<2x4xi8>
  %s3 = arith.constant dense<[[1.0, 10.0], [0.5, 2.0]]> : tensor<2x2xf32>
  %x3 = accel.dequantize %q3, %s3 {granularity = "group", axis = 1 : i64, group_size = 2 : i64}
      : (tensor<2x4xi8>, tensor<2x2xf32>) -> tensor<2x4xf32>
  %x3d = tensor.cast %x3 : tensor<2x4xf32> to tensor<?x?xf32>
  // CHECK: rank = 2 offset = 0 sizes = [2, 4]
  // CHECK-NEXT: {{\[}}[1, 2, 30, 40],
  // CHECK-NEXT: [2.5, 3, 14, 16]]
  call @show(%x3d) : (tensor<?x?xf32>) -> ()

  // Groups of 2 along axis 0 (i4): scale [2, 2], rows 0-1 use scale row 0.
  %q4 = arith.constant dense<[[1, 2], [3, 4], [5, 6], [7, -8]]> : tensor<4x2xi4>
  %s4 = arith.constant dense<[[1.0, 10.0], [0.5, 2.0]]> : tensor<2x2xf32>
  %x4 = accel.dequantize %q4, %s4 {granularity = "group", axis = 0 : i64, group_size = 2 : i64}
      : (tensor<4x2xi4>, tensor<2x2xf32>) -> tensor<4x2xf32>
  %x4d = tensor.cast %x4 : tensor<4x2xf32> to tensor<?x?xf32>
  // CHECK: rank = 2 offset = 0 sizes = [4, 2]
  // CHECK-NEXT: {{\[}}[1, 20],
  // CHECK-NEXT: [3, 40],
  // CHECK-NEXT: [2.5, 12],
  // CHECK-NEXT: [3.5, -16]]
  call @show(%x4d) : (tensor<?x?xf32>) -> ()

  // The same with dynamic dims everywhere, behind a call so that no size
  // is known at compile time.
  %q5 = tensor.cast %q3 : tensor<2x4xi8> to tensor<?x?xi8>
  %s5 = tensor.cast %s3 : tensor<2x2xf32> to tensor<?x?xf32>
  %x5 = call @dequantize_dynamic(%q5, %s5) : (tensor<?x?xi8>, tensor<?x?xf32>) -> tensor<?x?xf32>
  // CHECK: rank = 2 offset = 0 sizes = [2, 4]
  // CHECK-NEXT: {{\[}}[1, 2, 30, 40],
  // CHECK-NEXT: [2.5, 3, 14, 16]]
  call @show(%x5) : (tensor<?x?xf32>) -> ()

  // Per token of [B, S, K]: group axis 2, group_size K, scale [B, S, 1].
  %q6 = arith.constant dense<[[[1, 2, 3, 4]], [[-1, -2, -3, -4]]]> : tensor<2x1x4xi8>
  %s6 = arith.constant dense<[[[0.5]], [[4.0]]]> : tensor<2x1x1xf32>
  %x6 = accel.dequantize %q6, %s6 {granularity = "group", axis = 2 : i64, group_size = 4 : i64}
      : (tensor<2x1x4xi8>, tensor<2x1x1xf32>) -> tensor<2x1x4xf32>
  %x6c = tensor.collapse_shape %x6 [[0, 1], [2]] : tensor<2x1x4xf32> into tensor<2x4xf32>
  %x6d = tensor.cast %x6c : tensor<2x4xf32> to tensor<?x?xf32>
  // CHECK: rank = 2 offset = 0 sizes = [2, 4]
  // CHECK-NEXT: {{\[}}[0.5, 1, 1.5, 2],
  // CHECK-NEXT: [-4, -8, -12, -16]]
  call @show(%x6d) : (tensor<?x?xf32>) -> ()

  // fp8 to f16: [1, 448, -0.3125, 2^-9] * 3 = [3, 1344, -0.9375, 3 * 2^-9].
  %q7 = arith.constant dense<[1.0, 448.0, -0.3125, 0.001953125]> : tensor<4xf8E4M3FN>
  %s7 = arith.constant dense<3.0> : tensor<f32>
  %x7 = accel.dequantize %q7, %s7 : (tensor<4xf8E4M3FN>, tensor<f32>) -> tensor<4xf16>
  %x7d = tensor.cast %x7 : tensor<4xf16> to tensor<?xf16>
  // CHECK: rank = 1 offset = 0 sizes = [4]
  // CHECK-NEXT: {{\[}}3, 1344, -0.9375, 0.00585938]
  call @show_f16(%x7d) : (tensor<?xf16>) -> ()

  // f8E5M2 per channel: [57344, -1.5, 2^-16] * [2^-10, 2, 2^16].
  %q8 = arith.constant dense<[[57344.0, -1.5, 1.52587890625e-05]]> : tensor<1x3xf8E5M2>
  %s8 = arith.constant dense<[0.0009765625, 2.0, 65536.0]> : tensor<3xf32>
  %x8 = accel.dequantize %q8, %s8 {granularity = "channel", axis = 1 : i64}
      : (tensor<1x3xf8E5M2>, tensor<3xf32>) -> tensor<1x3xf32>
  %x8d = tensor.cast %x8 : tensor<1x3xf32> to tensor<?x?xf32>
  // CHECK: rank = 2 offset = 0 sizes = [1, 3]
  // CHECK-NEXT: {{\[}}[56, -3, 1]]
  call @show(%x8d) : (tensor<?x?xf32>) -> ()

  // Rounded once to bf16: 127 * (1 + 2^-8) = 127.49609375 -> 127.5 (a
  // scale rounded to bf16 first would give 127).
  %q9 = arith.constant dense<[127, -3]> : tensor<2xi8>
  %s9 = arith.constant dense<1.00390625> : tensor<f32>
  %x9 = accel.dequantize %q9, %s9 : (tensor<2xi8>, tensor<f32>) -> tensor<2xbf16>
  %x9d = tensor.cast %x9 : tensor<2xbf16> to tensor<?xbf16>
  // CHECK: rank = 1 offset = 0 sizes = [2]
  // CHECK-NEXT: {{\[}}127.5, -3.01562]
  call @show_bf16(%x9d) : (tensor<?xbf16>) -> ()
  return
}
