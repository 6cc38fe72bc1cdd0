// An op without a CUDA kernel family is a located error of the pipeline's
// kernel selection, inside a fused dispatch too.
// RUN: not accel-opt %s --accel-fuse-epilogue --accel-to-cuda=target=sm_80 2>&1 | FileCheck %s

// CHECK: accel-to-cuda-invalid.mlir:[[#@LINE+3]]:8: error: 'accel.matmul' op has no CUDA kernel yet (the CUDA backend emits: attention, attention_grad)
func.func @matmul_relu(%a: tensor<8x16xbf16>, %b: tensor<16x32xbf16>) -> tensor<8x32xbf16> {
  %zero = arith.constant dense<0.0> : tensor<8x32xbf16>
  %m = accel.matmul %a, %b : (tensor<8x16xbf16>, tensor<16x32xbf16>) -> tensor<8x32xbf16>
  %r = arith.maximumf %m, %zero : tensor<8x32xbf16>
  return %r : tensor<8x32xbf16>
}
