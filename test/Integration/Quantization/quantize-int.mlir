// RUN: accel-opt %s --accel-cpu-reference | %run_cpu main | FileCheck %s

// accel.quantize to i8 and i4 (contract §5): q = clamp(round_half_even(x /
// scale), qmin, qmax), static and dynamic (absmax / qmax) scales for every
// granularity. Expected values were worked out by hand and checked with
// python3 (f32 arithmetic emulated with struct).

func.func private @printMemrefI32(tensor<*xi32>)
func.func private @printMemrefF32(tensor<*xf32>)

func.func @show_i8(%q: tensor<?x?xi8>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %d0 = tensor.dim %q, %c0 : tensor<?x?xi8>
  %d1 = tensor.dim %q, %c1 : tensor<?x?xi8>
  %e = tensor.empty(%d0, %d1) : tensor<?x?xi32>
  %w = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%q : tensor<?x?xi8>) outs(%e : tensor<?x?xi32>) {
  ^bb0(%a: i8, %o: i32):
    %y = arith.extsi %a : i8 to i32
    linalg.yield %y : i32
  } -> tensor<?x?xi32>
  %u = tensor.cast %w : tensor<?x?xi32> to tensor<*xi32>
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  return
}

func.func @show_i4(%q: tensor<?x?xi4>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %d0 = tensor.dim %q, %c0 : tensor<?x?xi4>
  %d1 = tensor.dim %q, %c1 : tensor<?x?xi4>
  %e = tensor.empty(%d0, %d1) : tensor<?x?xi32>
  %w = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%q : tensor<?x?xi4>) outs(%e : tensor<?x?xi32>) {
  ^bb0(%a: i4, %o: i32):
    %y = arith.extsi %a : i4 to i32
    linalg.yield %y : i32
  } -> tensor<?x?xi32>
  %u = tensor.cast %w : tensor<?x?xi32> to tensor<*xi32>
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  return
}

func.func @show_f32(%s: tensor<?x?xf32>) {
  %u = tensor.cast %s : tensor<?x?xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

func.func @show_0d(%s: tensor<f32>) {
  %u = tensor.cast %s : tensor<f32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

func.func @quantize_dynamic(%x: tensor<?x?xf32>) -> (tensor<?x?xi4>, tensor<?x?xf32>) {
  %q, %s = accel.quantize %x {dtype = i4, granularity = "group", axis = 1 : i64, group_size = 2 : i64}
      : (tensor<?x?xf32>) -> (tensor<?x?xi4>, tensor<?x?xf32>)
  return %q, %s : tensor<?x?xi4>, tensor<?x?xf32>
}

func.func @main() {
  %one = arith.constant dense<1.0> : tensor<f32>

  // Ties round to even: 0.5 -> 0, 1.5 -> 2, 2.5 -> 2, -0.5 -> -0 = 0,
  // -1.5 -> -2, -2.5 -> -2, 3.5 -> 4; 0.49 -> 0.
  %ties = arith.constant dense<[[0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 3.5, 0.49]]> : tensor<1x8xf32>
  %q0, %s0 = accel.quantize %ties, %one {dtype = i8}
      : (tensor<1x8xf32>, tensor<f32>) -> (tensor<1x8xi8>, tensor<f32>)
  %q0d = tensor.cast %q0 : tensor<1x8xi8> to tensor<?x?xi8>
  // CHECK: rank = 2 offset = 0 sizes = [1, 8]
  // CHECK-NEXT: {{\[}}[0, 2, 2, 0, -2, -2, 4, 0]]
  call @show_i8(%q0d) : (tensor<?x?xi8>) -> ()
  // The static scale comes back as scale_out.
  // CHECK: rank = 0 offset = 0 sizes = []
  // CHECK-NEXT: [1]
  call @show_0d(%s0) : (tensor<f32>) -> ()

  // i8 clamps to [-128, 127] after rounding; scale 0.5:
  // x / s = 200, -200, 127, -128.5 (-> -128), 127.5 (-> 128 -> 127).
  %half = arith.constant dense<0.5> : tensor<f32>
  %big = arith.constant dense<[[100.0, -100.0, 63.5, -64.25, 63.75]]> : tensor<1x5xf32>
  %q1, %s1 = accel.quantize %big, %half {dtype = i8}
      : (tensor<1x5xf32>, tensor<f32>) -> (tensor<1x5xi8>, tensor<f32>)
  %q1d = tensor.cast %q1 : tensor<1x5xi8> to tensor<?x?xi8>
  // CHECK: rank = 2 offset = 0 sizes = [1, 5]
  // CHECK-NEXT: {{\[}}[127, -128, 127, -128, 127]]
  call @show_i8(%q1d) : (tensor<?x?xi8>) -> ()

  // i4 clamps to [-8, 7]: 7.4 -> 7, 7.5 -> 8 -> 7, 8 -> 7, -8, -8.5 -> -8,
  // -9 -> -8, 6.5 -> 6, -7.5 -> -8.
  %x4 = arith.constant dense<[[7.4, 7.5, 8.0, -8.0, -8.5, -9.0, 6.5, -7.5]]> : tensor<1x8xf32>
  %q2, %s2 = accel.quantize %x4, %one {dtype = i4}
      : (tensor<1x8xf32>, tensor<f32>) -> (tensor<1x8xi4>, tensor<f32>)
  %q2d = tensor.cast %q2 : tensor<1x8xi4> to tensor<?x?xi4>
  // CHECK: rank = 2 offset = 0 sizes = [1, 8]
  // CHECK-NEXT: {{\[}}[7, 7, 7, -8, -8, -8, 6, -8]]
  call @show_i4(%q2d) : (tensor<?x?xi4>) -> ()

  // Static per-channel scales along axis 0 and axis 1, static group scales.
  %y = arith.constant dense<[[1.0, 2.0, 3.0], [-1.0, -2.0, -3.0]]> : tensor<2x3xf32>
  %rows = arith.constant dense<[1.0, 0.5]> : tensor<2xf32>
  %q3, %s3 = accel.quantize %y, %rows {dtype = i8, granularity = "channel", axis = 0 : i64}
      : (tensor<2x3xf32>, tensor<2xf32>) -> (tensor<2x3xi8>, tensor<2xf32>)
  %q3d = tensor.cast %q3 : tensor<2x3xi8> to tensor<?x?xi8>
  // CHECK: rank = 2 offset = 0 sizes = [2, 3]
  // CHECK-NEXT: {{\[}}[1, 2, 3],
  // CHECK-NEXT: [-2, -4, -6]]
  call @show_i8(%q3d) : (tensor<?x?xi8>) -> ()
  %cols = arith.constant dense<[1.0, 4.0, 0.25]> : tensor<3xf32>
  %q4, %s4 = accel.quantize %y, %cols {dtype = i8, granularity = "channel", axis = 1 : i64}
      : (tensor<2x3xf32>, tensor<3xf32>) -> (tensor<2x3xi8>, tensor<3xf32>)
  %q4d = tensor.cast %q4 : tensor<2x3xi8> to tensor<?x?xi8>
  // 2 / 4 = 0.5 -> 0, -2 / 4 -> -0 = 0.
  // CHECK: rank = 2 offset = 0 sizes = [2, 3]
  // CHECK-NEXT: {{\[}}[1, 0, 12],
  // CHECK-NEXT: [-1, 0, -12]]
  call @show_i8(%q4d) : (tensor<?x?xi8>) -> ()
  // Groups of 3 along axis 1 (one per row) on a 2x6 tensor, i4.
  %z = arith.constant dense<[[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]]> : tensor<2x6xf32>
  %gs = arith.constant dense<[[1.0, 2.0], [0.5, 1.0]]> : tensor<2x2xf32>
  %q5, %s5 = accel.quantize %z, %gs {dtype = i4, granularity = "group", axis = 1 : i64, group_size = 3 : i64}
      : (tensor<2x6xf32>, tensor<2x2xf32>) -> (tensor<2x6xi4>, tensor<2x2xf32>)
  %q5d = tensor.cast %q5 : tensor<2x6xi4> to tensor<?x?xi4>
  // Row 0: [1, 2, 3] / 1 and [4, 5, 6] / 2 = [2, 2.5 -> 2, 3]; row 1:
  // [1, 2, 3] / 0.5 = [2, 4, 6] and [4, 5, 6] / 1.
  // CHECK: rank = 2 offset = 0 sizes = [2, 6]
  // CHECK-NEXT: {{\[}}[1, 2, 3, 2, 2, 3],
  // CHECK-NEXT: [2, 4, 6, 4, 5, 6]]
  call @show_i4(%q5d) : (tensor<?x?xi4>) -> ()

  // Dynamic scales: absmax / qmax per group (qmax = 127 for i8, 7 for i4);
  // an all-zero group (row 1 below) gets scale 1.
  %x = arith.constant dense<[[1.0, -3.0, 2.0, 0.0],
                             [0.0, 0.0, 0.0, 0.0],
                             [0.25, 0.5, -254.0, 6.0],
                             [-1.0, 0.0, 100.0, -7.0]]> : tensor<4x4xf32>

  // Per tensor: scale 254 / 127 = 2; [1, -3, 2] / 2 = [0.5 -> 0, -1.5 -> -2, 1].
  %t8, %ts8 = accel.quantize %x {dtype = i8}
      : (tensor<4x4xf32>) -> (tensor<4x4xi8>, tensor<f32>)
  %t8d = tensor.cast %t8 : tensor<4x4xi8> to tensor<?x?xi8>
  // CHECK: rank = 2 offset = 0 sizes = [4, 4]
  // CHECK-NEXT: {{\[}}[0, -2, 1, 0],
  // CHECK-NEXT: [0, 0, 0, 0],
  // CHECK-NEXT: [0, 0, -127, 3],
  // CHECK-NEXT: [0, 0, 50, -4]]
  call @show_i8(%t8d) : (tensor<?x?xi8>) -> ()
  %ts8u = tensor.cast %ts8 : tensor<f32> to tensor<*xf32>
  // CHECK: rank = 0 offset = 0 sizes = []
  // CHECK-NEXT: [2]
  call @printMemrefF32(%ts8u) : (tensor<*xf32>) -> ()

  // Per channel along axis 0 (per row, e.g. per token): scales 3/127,
  // 1 (all zero), 254/127, 100/127.
  %r8, %rs8 = accel.quantize %x {dtype = i8, granularity = "channel", axis = 0 : i64}
      : (tensor<4x4xf32>) -> (tensor<4x4xi8>, tensor<4xf32>)
  %r8d = tensor.cast %r8 : tensor<4x4xi8> to tensor<?x?xi8>
  // CHECK: rank = 2 offset = 0 sizes = [4, 4]
  // CHECK-NEXT: {{\[}}[42, -127, 85, 0],
  // CHECK-NEXT: [0, 0, 0, 0],
  // CHECK-NEXT: [0, 0, -127, 3],
  // CHECK-NEXT: [-1, 0, 127, -9]]
  call @show_i8(%r8d) : (tensor<?x?xi8>) -> ()
  %rs8u = tensor.cast %rs8 : tensor<4xf32> to tensor<*xf32>
  // CHECK: rank = 1 offset = 0 sizes = [4]
  // CHECK-NEXT: {{\[}}0.023622, 1, 2, 0.787402]
  call @printMemrefF32(%rs8u) : (tensor<*xf32>) -> ()

  // Per channel along axis 1 (per column): scales 1/127, 3/127, 2, 7/127.
  %c8, %cs8 = accel.quantize %x {dtype = i8, granularity = "channel", axis = 1 : i64}
      : (tensor<4x4xf32>) -> (tensor<4x4xi8>, tensor<4xf32>)
  %c8d = tensor.cast %c8 : tensor<4x4xi8> to tensor<?x?xi8>
  // CHECK: rank = 2 offset = 0 sizes = [4, 4]
  // CHECK-NEXT: {{\[}}[127, -127, 1, 0],
  // CHECK-NEXT: [0, 0, 0, 0],
  // CHECK-NEXT: [32, 21, -127, 109],
  // CHECK-NEXT: [-127, 0, 50, -127]]
  call @show_i8(%c8d) : (tensor<?x?xi8>) -> ()
  %cs8u = tensor.cast %cs8 : tensor<4xf32> to tensor<*xf32>
  // CHECK: rank = 1 offset = 0 sizes = [4]
  // CHECK-NEXT: {{\[}}0.00787402, 0.023622, 2, 0.0551181]
  call @printMemrefF32(%cs8u) : (tensor<*xf32>) -> ()

  // Groups of 2 along axis 1: scale [4, 2]; row 1 is two all-zero groups.
  // [0.25, 0.5] / (0.5/127) = [63.5 -> 64, 127].
  %g8, %gs8 = accel.quantize %x {dtype = i8, granularity = "group", axis = 1 : i64, group_size = 2 : i64}
      : (tensor<4x4xf32>) -> (tensor<4x4xi8>, tensor<4x2xf32>)
  %g8d = tensor.cast %g8 : tensor<4x4xi8> to tensor<?x?xi8>
  // CHECK: rank = 2 offset = 0 sizes = [4, 4]
  // CHECK-NEXT: {{\[}}[42, -127, 127, 0],
  // CHECK-NEXT: [0, 0, 0, 0],
  // CHECK-NEXT: [64, 127, -127, 3],
  // CHECK-NEXT: [-127, 0, 127, -9]]
  call @show_i8(%g8d) : (tensor<?x?xi8>) -> ()
  %gs8d = tensor.cast %gs8 : tensor<4x2xf32> to tensor<?x?xf32>
  // CHECK: rank = 2 offset = 0 sizes = [4, 2]
  // CHECK-NEXT: {{\[}}[0.023622, 0.015748],
  // CHECK-NEXT: [1, 1],
  // CHECK-NEXT: [0.00393701, 2],
  // CHECK-NEXT: [0.00787402, 0.787402]]
  call @show_f32(%gs8d) : (tensor<?x?xf32>) -> ()

  // Groups of 2 along axis 0: scale [2, 4]; column 3 of rows 0-1 is an
  // all-zero group.
  %h8, %hs8 = accel.quantize %x {dtype = i8, granularity = "group", axis = 0 : i64, group_size = 2 : i64}
      : (tensor<4x4xf32>) -> (tensor<4x4xi8>, tensor<2x4xf32>)
  %h8d = tensor.cast %h8 : tensor<4x4xi8> to tensor<?x?xi8>
  // CHECK: rank = 2 offset = 0 sizes = [4, 4]
  // CHECK-NEXT: {{\[}}[127, -127, 127, 0],
  // CHECK-NEXT: [0, 0, 0, 0],
  // CHECK-NEXT: [32, 127, -127, 109],
  // CHECK-NEXT: [-127, 0, 50, -127]]
  call @show_i8(%h8d) : (tensor<?x?xi8>) -> ()
  %hs8d = tensor.cast %hs8 : tensor<2x4xf32> to tensor<?x?xf32>
  // CHECK: rank = 2 offset = 0 sizes = [2, 4]
  // CHECK-NEXT: {{\[}}[0.00787402, 0.023622, 0.015748, 1],
  // CHECK-NEXT: [0.00787402, 0.00393701, 2, 0.0551181]]
  call @show_f32(%hs8d) : (tensor<?x?xf32>) -> ()

  // i4, per tensor: scale 254 / 7.
  %t4, %ts4 = accel.quantize %x {dtype = i4}
      : (tensor<4x4xf32>) -> (tensor<4x4xi4>, tensor<f32>)
  %t4d = tensor.cast %t4 : tensor<4x4xi4> to tensor<?x?xi4>
  // CHECK: rank = 2 offset = 0 sizes = [4, 4]
  // CHECK-NEXT: {{\[}}[0, 0, 0, 0],
  // CHECK-NEXT: [0, 0, 0, 0],
  // CHECK-NEXT: [0, 0, -7, 0],
  // CHECK-NEXT: [0, 0, 3, 0]]
  call @show_i4(%t4d) : (tensor<?x?xi4>) -> ()
  %ts4u = tensor.cast %ts4 : tensor<f32> to tensor<*xf32>
  // CHECK: rank = 0 offset = 0 sizes = []
  // CHECK-NEXT: [36.2857]
  call @printMemrefF32(%ts4u) : (tensor<*xf32>) -> ()

  // i4, groups of 2 along axis 1, on a tensor with dynamic dims (behind a
  // call so that no size is known at compile time).
  %xd = tensor.cast %x : tensor<4x4xf32> to tensor<?x?xf32>
  %g4, %gs4 = call @quantize_dynamic(%xd) : (tensor<?x?xf32>) -> (tensor<?x?xi4>, tensor<?x?xf32>)
  // CHECK: rank = 2 offset = 0 sizes = [4, 4]
  // CHECK-NEXT: {{\[}}[2, -7, 7, 0],
  // CHECK-NEXT: [0, 0, 0, 0],
  // CHECK-NEXT: [3, 7, -7, 0],
  // CHECK-NEXT: [-7, 0, 7, 0]]
  call @show_i4(%g4) : (tensor<?x?xi4>) -> ()
  // CHECK: rank = 2 offset = 0 sizes = [4, 2]
  // CHECK-NEXT: {{\[}}[0.428571, 0.285714],
  // CHECK-NEXT: [1, 1],
  // CHECK-NEXT: [0.0714286, 36.2857],
  // CHECK-NEXT: [0.142857, 14.2857]]
  call @show_f32(%gs4) : (tensor<?x?xf32>) -> ()

  // Per token of [B, S, K] activations: group axis 2, group_size K; scale
  // [B, S, 1]. Token (0, 1) is all zero; 63.5 / 1 ties to 64.
  %act = arith.constant dense<[[[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]],
                               [[-4.0, 0.5, 2.0], [127.0, -127.0, 63.5]]]> : tensor<2x2x3xf32>
  %p8, %ps8 = accel.quantize %act {dtype = i8, granularity = "group", axis = 2 : i64, group_size = 3 : i64}
      : (tensor<2x2x3xf32>) -> (tensor<2x2x3xi8>, tensor<2x2x1xf32>)
  %p8c = tensor.collapse_shape %p8 [[0, 1], [2]] : tensor<2x2x3xi8> into tensor<4x3xi8>
  %p8d = tensor.cast %p8c : tensor<4x3xi8> to tensor<?x?xi8>
  // CHECK: rank = 2 offset = 0 sizes = [4, 3]
  // CHECK-NEXT: {{\[}}[42, 85, 127],
  // CHECK-NEXT: [0, 0, 0],
  // CHECK-NEXT: [-127, 16, 64],
  // CHECK-NEXT: [127, -127, 64]]
  call @show_i8(%p8d) : (tensor<?x?xi8>) -> ()
  %ps8c = tensor.collapse_shape %ps8 [[0, 1], [2]] : tensor<2x2x1xf32> into tensor<4x1xf32>
  %ps8d = tensor.cast %ps8c : tensor<4x1xf32> to tensor<?x?xf32>
  // CHECK: rank = 2 offset = 0 sizes = [4, 1]
  // CHECK-NEXT: {{\[}}[0.023622],
  // CHECK-NEXT: [1],
  // CHECK-NEXT: [0.0314961],
  // CHECK-NEXT: [1]]
  call @show_f32(%ps8d) : (tensor<?x?xf32>) -> ()
  return
}
