// The Winograd transforms run (they used to be "op was not bufferized"):
// accel-decompose-aggregated-ops applies upstream's decomposition. A
// Winograd F(4x4, 3x3) convolution built from the three transforms agrees
// with linalg.conv_2d_nhwc_fhwc; one on a transposed image does not.
// Tolerance 1e-4: F(4x4, 3x3)'s transform matrices (entries 1/4 to 1/24,
// sums of up to 36 terms) amplify f32 rounding about tenfold over the
// direct convolution (observed 5e-5 relative); a wrong transform is O(1).
// RUN: accel-run %s --entry=winograd_conv --compare-entry=direct_conv --rtol=1e-4 --atol=1e-5 | FileCheck %s --check-prefix=SAME
// RUN: not accel-run %s --entry=winograd_conv_wrong --compare-entry=direct_conv --rtol=1e-4 --atol=1e-5 | FileCheck %s --check-prefix=WRONG

// SAME: compare: result #0 ok: tensor<2x4x4x2xf32>
// WRONG: compare: result #0 FAILED

func.func @direct_conv(%x: tensor<2x6x6x5xf32>, %w: tensor<2x3x3x5xf32>) -> tensor<2x4x4x2xf32> {
  %z = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<2x4x4x2xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<2x4x4x2xf32>) -> tensor<2x4x4x2xf32>
  %r = linalg.conv_2d_nhwc_fhwc {dilations = dense<1> : tensor<2xi64>, strides = dense<1> : tensor<2xi64>} ins(%x, %w : tensor<2x6x6x5xf32>, tensor<2x3x3x5xf32>) outs(%f : tensor<2x4x4x2xf32>) -> tensor<2x4x4x2xf32>
  return %r : tensor<2x4x4x2xf32>
}

func.func @winograd_conv(%x: tensor<2x6x6x5xf32>, %w: tensor<2x3x3x5xf32>) -> tensor<2x4x4x2xf32> {
  %z = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<6x6x5x2xf32>
  %u = linalg.winograd_filter_transform fmr(F_4_3) ins(%w : tensor<2x3x3x5xf32>) outs(%e0 : tensor<6x6x5x2xf32>) -> tensor<6x6x5x2xf32>
  %e1 = tensor.empty() : tensor<6x6x1x1x2x5xf32>
  %v = linalg.winograd_input_transform fmr(F_4_3) ins(%x : tensor<2x6x6x5xf32>) outs(%e1 : tensor<6x6x1x1x2x5xf32>) -> tensor<6x6x1x1x2x5xf32>
  %uc = tensor.collapse_shape %u [[0, 1], [2], [3]] : tensor<6x6x5x2xf32> into tensor<36x5x2xf32>
  %vc = tensor.collapse_shape %v [[0, 1], [2, 3, 4], [5]] : tensor<6x6x1x1x2x5xf32> into tensor<36x2x5xf32>
  %e2 = tensor.empty() : tensor<36x2x2xf32>
  %f2 = linalg.fill ins(%z : f32) outs(%e2 : tensor<36x2x2xf32>) -> tensor<36x2x2xf32>
  %m = linalg.batch_matmul ins(%vc, %uc : tensor<36x2x5xf32>, tensor<36x5x2xf32>) outs(%f2 : tensor<36x2x2xf32>) -> tensor<36x2x2xf32>
  %me = tensor.expand_shape %m [[0, 1], [2, 3, 4], [5]] output_shape [6, 6, 1, 1, 2, 2] : tensor<36x2x2xf32> into tensor<6x6x1x1x2x2xf32>
  %e3 = tensor.empty() : tensor<2x4x4x2xf32>
  %f3 = linalg.fill ins(%z : f32) outs(%e3 : tensor<2x4x4x2xf32>) -> tensor<2x4x4x2xf32>
  %r = linalg.winograd_output_transform fmr(F_4_3) ins(%me : tensor<6x6x1x1x2x2xf32>) outs(%f3 : tensor<2x4x4x2xf32>) -> tensor<2x4x4x2xf32>
  return %r : tensor<2x4x4x2xf32>
}

// The input transform reads the image transposed (H and W swapped).
func.func @winograd_conv_wrong(%x: tensor<2x6x6x5xf32>, %w: tensor<2x3x3x5xf32>) -> tensor<2x4x4x2xf32> {
  %e = tensor.empty() : tensor<2x6x6x5xf32>
  %xt = linalg.transpose ins(%x : tensor<2x6x6x5xf32>) outs(%e : tensor<2x6x6x5xf32>) permutation = [0, 2, 1, 3]
  %r = func.call @winograd_conv(%xt, %w) : (tensor<2x6x6x5xf32>, tensor<2x3x3x5xf32>) -> tensor<2x4x4x2xf32>
  return %r : tensor<2x4x4x2xf32>
}
