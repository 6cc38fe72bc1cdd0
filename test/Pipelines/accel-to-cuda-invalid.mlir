// What the CUDA backend cannot compile is a located error of the pipeline's
// kernel selection, inside a fused dispatch too: here an epilogue op the
// GEMM kernel has no code for.
// RUN: not accel-opt %s --accel-fuse-epilogue --accel-to-cuda=target=sm_80 2>&1 | FileCheck %s

// CHECK: accel-to-cuda-invalid.mlir:[[#@LINE+3]]:8: error: 'math.cbrt' op cannot be part of the GEMM kernel's epilogue: the epilogue computes f32/f16/bf16 arith and math ops
func.func @matmul_cbrt(%a: tensor<8x16xf32>, %b: tensor<16x32xf32>) -> tensor<8x32xf32> {
  %m = accel.matmul %a, %b : (tensor<8x16xf32>, tensor<16x32xf32>) -> tensor<8x32xf32>
  %r = math.cbrt %m : tensor<8x32xf32>
  return %r : tensor<8x32xf32>
}
