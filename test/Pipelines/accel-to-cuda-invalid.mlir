// An op without a CUDA kernel family is a located error of the pipeline's
// kernel selection, inside a fused dispatch too.
// RUN: not accel-opt %s --accel-fuse-epilogue --accel-to-cuda=target=sm_80 2>&1 | FileCheck %s

// CHECK: accel-to-cuda-invalid.mlir:[[#@LINE+3]]:8: error: 'accel.matmul' op has 'f32' inputs; the CUDA GEMM kernel takes bf16 and f16
func.func @matmul_relu(%a: tensor<8x16xf32>, %b: tensor<16x32xf32>) -> tensor<8x32xf32> {
  %zero = arith.constant dense<0.0> : tensor<8x32xf32>
  %m = accel.matmul %a, %b : (tensor<8x16xf32>, tensor<16x32xf32>) -> tensor<8x32xf32>
  %r = arith.maximumf %m, %zero : tensor<8x32xf32>
  return %r : tensor<8x32xf32>
}
