// RUN: accel-opt %s --accel-cpu-reference | %run_cpu main | FileCheck %s

// accel.quantized_matmul (contract §5) for each supported (a, b) pair:
// out = dequant(a) @ dequant(b) (+ bias). Integer pairs sum each scale group
// exactly in i32, then scale by a_scale * b_scale(group). Small integer
// cases worked out by hand.

func.func private @printMemrefF32(tensor<*xf32>)

func.func @show(%x: tensor<?x?xf32>) {
  %u = tensor.cast %x : tensor<?x?xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

func.func @show_f16(%x: tensor<?x?xf16>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %d0 = tensor.dim %x, %c0 : tensor<?x?xf16>
  %d1 = tensor.dim %x, %c1 : tensor<?x?xf16>
  %e = tensor.empty(%d0, %d1) : tensor<?x?xf32>
  %w = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<?x?xf16>) outs(%e : tensor<?x?xf32>) {
  ^bb0(%a: f16, %o: f32):
    %y = arith.extf %a : f16 to f32
    linalg.yield %y : f32
  } -> tensor<?x?xf32>
  call @show(%w) : (tensor<?x?xf32>) -> ()
  return
}

func.func @show_bf16(%x: tensor<?x?xbf16>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %d0 = tensor.dim %x, %c0 : tensor<?x?xbf16>
  %d1 = tensor.dim %x, %c1 : tensor<?x?xbf16>
  %e = tensor.empty(%d0, %d1) : tensor<?x?xf32>
  %w = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%x : tensor<?x?xbf16>) outs(%e : tensor<?x?xf32>) {
  ^bb0(%a: bf16, %o: f32):
    %y = arith.extf %a : bf16 to f32
    linalg.yield %y : f32
  } -> tensor<?x?xf32>
  call @show(%w) : (tensor<?x?xf32>) -> ()
  return
}

func.func @w4a8_dynamic(%a: tensor<?x?xi8>, %as: tensor<f32>, %b: tensor<?x?xi4>,
                        %bs: tensor<?x?xf32>, %bias: tensor<?xf16>) -> tensor<?x?xf32> {
  %y = accel.quantized_matmul %a, %as, %b, %bs, %bias
      : (tensor<?x?xi8>, tensor<f32>, tensor<?x?xi4>, tensor<?x?xf32>, tensor<?xf16>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

func.func @main() {
  // W8A8, per-token a_scale x per-channel b_scale.
  //   a @ b = [[1 + 4 + 9, -1 + 0 + 15], [-1 + 0 + 12, 1 + 0 + 20]]
  //         = [[14, 14], [11, 21]]
  //   * a_scale [0.5, 2] (rows) * b_scale [1, 0.25] (columns)
  //   = [[7, 1.75], [22, 10.5]]
  %a8 = arith.constant dense<[[1, 2, 3], [-1, 0, 4]]> : tensor<2x3xi8>
  %as8 = arith.constant dense<[0.5, 2.0]> : tensor<2xf32>
  %b8 = arith.constant dense<[[1, -1], [2, 0], [3, 5]]> : tensor<3x2xi8>
  %bs8 = arith.constant dense<[1.0, 0.25]> : tensor<2xf32>
  %w8a8 = accel.quantized_matmul %a8, %as8, %b8, %bs8
      : (tensor<2x3xi8>, tensor<2xf32>, tensor<3x2xi8>, tensor<2xf32>) -> tensor<2x2xf32>
  %w8a8d = tensor.cast %w8a8 : tensor<2x2xf32> to tensor<?x?xf32>
  // CHECK: rank = 2 offset = 0 sizes = [2, 2]
  // CHECK-NEXT: {{\[}}[7, 1.75],
  // CHECK-NEXT: [22, 10.5]]
  call @show(%w8a8d) : (tensor<?x?xf32>) -> ()

  // The same rows as a batch of two [1, 3] matrices, a_scale [2, 1], with
  // b transposed, rounded to bf16.
  %a8b = tensor.expand_shape %a8 [[0, 1], [2]] output_shape [2, 1, 3] : tensor<2x3xi8> into tensor<2x1x3xi8>
  %as8b = tensor.expand_shape %as8 [[0, 1]] output_shape [2, 1] : tensor<2xf32> into tensor<2x1xf32>
  %b8t = arith.constant dense<[[1, 2, 3], [-1, 0, 5]]> : tensor<2x3xi8>
  %w8a8b = accel.quantized_matmul %a8b, %as8b, %b8t, %bs8 {transpose_b = true}
      : (tensor<2x1x3xi8>, tensor<2x1xf32>, tensor<2x3xi8>, tensor<2xf32>) -> tensor<2x1x2xbf16>
  %w8a8bc = tensor.collapse_shape %w8a8b [[0, 1], [2]] : tensor<2x1x2xbf16> into tensor<2x2xbf16>
  %w8a8bd = tensor.cast %w8a8bc : tensor<2x2xbf16> to tensor<?x?xbf16>
  // CHECK: rank = 2 offset = 0 sizes = [2, 2]
  // CHECK-NEXT: {{\[}}[7, 1.75],
  // CHECK-NEXT: [22, 10.5]]
  call @show_bf16(%w8a8bd) : (tensor<?x?xbf16>) -> ()

  // FP8 (f8E4M3FN), per-tensor scales, transpose_b, bias, f16 result.
  //   a = [[1, 2], [0.5, -4]], b = [[1, 1], [2, -1], [448, 0.25]] ([N, K])
  //   a @ b^T = [[3, 0, 448.5], [-3.5, 5, 223]]
  //   * (0.25 * 2) + [1, 0, -1] = [[2.5, 0, 223.25], [-0.75, 2.5, 110.5]]
  %af = arith.constant dense<[[1.0, 2.0], [0.5, -4.0]]> : tensor<2x2xf8E4M3FN>
  %asf = arith.constant dense<0.25> : tensor<f32>
  %bf = arith.constant dense<[[1.0, 1.0], [2.0, -1.0], [448.0, 0.25]]> : tensor<3x2xf8E4M3FN>
  %bsf = arith.constant dense<2.0> : tensor<f32>
  %biasf = arith.constant dense<[1.0, 0.0, -1.0]> : tensor<3xf32>
  %fp8 = accel.quantized_matmul %af, %asf, %bf, %bsf, %biasf {transpose_b = true}
      : (tensor<2x2xf8E4M3FN>, tensor<f32>, tensor<3x2xf8E4M3FN>, tensor<f32>, tensor<3xf32>) -> tensor<2x3xf16>
  %fp8d = tensor.cast %fp8 : tensor<2x3xf16> to tensor<?x?xf16>
  // CHECK: rank = 2 offset = 0 sizes = [2, 3]
  // CHECK-NEXT: {{\[}}[2.5, 0, 223.25],
  // CHECK-NEXT: [-0.75, 2.5, 110.5]]
  call @show_f16(%fp8d) : (tensor<?x?xf16>) -> ()

  // W4A16: f16 a, i4 b with groups of 2 along K (b_scale [K/2, N]); a_scale
  // [1, 2] multiplies the rows.
  //   b * b_scale = [[0.5, -8], [1, 7], [-2, 0.75], [0, 0.25]]
  //   row 0: [0.5 + 2 - 6 + 0, -8 + 14 + 2.25 + 1] * 1 = [-3.5, 9.25]
  //   row 1: [0.25 - 1 - 4 + 0, -4 - 7 + 1.5 + 0] * 2 = [-9.5, -19]
  %a16 = arith.constant dense<[[1.0, 2.0, 3.0, 4.0], [0.5, -1.0, 2.0, 0.0]]> : tensor<2x4xf16>
  %as16 = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %b4 = arith.constant dense<[[1, -8], [2, 7], [-1, 3], [0, 1]]> : tensor<4x2xi4>
  %bs4 = arith.constant dense<[[0.5, 1.0], [2.0, 0.25]]> : tensor<2x2xf32>
  %w4a16 = accel.quantized_matmul %a16, %as16, %b4, %bs4
      : (tensor<2x4xf16>, tensor<2xf32>, tensor<4x2xi4>, tensor<2x2xf32>) -> tensor<2x2xf32>
  %w4a16d = tensor.cast %w4a16 : tensor<2x2xf32> to tensor<?x?xf32>
  // CHECK: rank = 2 offset = 0 sizes = [2, 2]
  // CHECK-NEXT: {{\[}}[-3.5, 9.25],
  // CHECK-NEXT: [-9.5, -19]]
  call @show(%w4a16d) : (tensor<?x?xf32>) -> ()

  // The same with bf16 a, b as [N, K] (transpose_b) and b_scale [N, K/2].
  %a16b = arith.constant dense<[[1.0, 2.0, 3.0, 4.0], [0.5, -1.0, 2.0, 0.0]]> : tensor<2x4xbf16>
  %b4t = arith.constant dense<[[1, 2, -1, 0], [-8, 7, 3, 1]]> : tensor<2x4xi4>
  %bs4t = arith.constant dense<[[0.5, 2.0], [1.0, 0.25]]> : tensor<2x2xf32>
  %w4a16t = accel.quantized_matmul %a16b, %as16, %b4t, %bs4t {transpose_b = true}
      : (tensor<2x4xbf16>, tensor<2xf32>, tensor<2x4xi4>, tensor<2x2xf32>) -> tensor<2x2xbf16>
  %w4a16td = tensor.cast %w4a16t : tensor<2x2xbf16> to tensor<?x?xbf16>
  // CHECK: rank = 2 offset = 0 sizes = [2, 2]
  // CHECK-NEXT: {{\[}}[-3.5, 9.25],
  // CHECK-NEXT: [-9.5, -19]]
  call @show_bf16(%w4a16td) : (tensor<?x?xbf16>) -> ()

  // W4A8: i8 a (per-tensor scale 0.5), i4 b with groups of 2 along K, f16
  // bias.
  //   group 0 (k = 0, 1): [10*7 - 20*1, 10*(-8) - 20*2] = [50, -120]
  //   group 1 (k = 2, 3): [30*(-3) + 127*2, 0 + 127*(-1)] = [164, -127]
  //   out = [50*0.5*0.25 + 164*0.5*0.5, -120*0.5*1 - 127*0.5*2] + [1, 2]
  //       = [6.25 + 41 + 1, -60 - 127 + 2] = [48.25, -185]
  %a48 = arith.constant dense<[[10, -20, 30, 127]]> : tensor<1x4xi8>
  %as48 = arith.constant dense<0.5> : tensor<f32>
  %b48 = arith.constant dense<[[7, -8], [1, 2], [-3, 0], [2, -1]]> : tensor<4x2xi4>
  %bs48 = arith.constant dense<[[0.25, 1.0], [0.5, 2.0]]> : tensor<2x2xf32>
  %bias48 = arith.constant dense<[1.0, 2.0]> : tensor<2xf16>
  %w4a8 = accel.quantized_matmul %a48, %as48, %b48, %bs48, %bias48
      : (tensor<1x4xi8>, tensor<f32>, tensor<4x2xi4>, tensor<2x2xf32>, tensor<2xf16>) -> tensor<1x2xf32>
  %w4a8d = tensor.cast %w4a8 : tensor<1x2xf32> to tensor<?x?xf32>
  // CHECK: rank = 2 offset = 0 sizes = [1, 2]
  // CHECK-NEXT: {{\[}}[48.25, -185]]
  call @show(%w4a8d) : (tensor<?x?xf32>) -> ()

  // The same with dynamic dims everywhere, behind a call so that no size
  // is known at compile time (the group size comes from b_scale at run
  // time).
  %a48d = tensor.cast %a48 : tensor<1x4xi8> to tensor<?x?xi8>
  %b48d = tensor.cast %b48 : tensor<4x2xi4> to tensor<?x?xi4>
  %bs48d = tensor.cast %bs48 : tensor<2x2xf32> to tensor<?x?xf32>
  %bias48d = tensor.cast %bias48 : tensor<2xf16> to tensor<?xf16>
  %w4a8dyn = call @w4a8_dynamic(%a48d, %as48, %b48d, %bs48d, %bias48d)
      : (tensor<?x?xi8>, tensor<f32>, tensor<?x?xi4>, tensor<?x?xf32>, tensor<?xf16>) -> tensor<?x?xf32>
  // CHECK: rank = 2 offset = 0 sizes = [1, 2]
  // CHECK-NEXT: {{\[}}[48.25, -185]]
  call @show(%w4a8dyn) : (tensor<?x?xf32>) -> ()
  return
}
