// Debian's mlir-opt-22 with accel loaded as a plugin: the dialect plugin
// makes it parse and verify accel IR (kernel configs included), the pass
// plugin adds accel's passes and pipelines (named through --pass-pipeline,
// which is how MlirOptMain reaches plugin passes).
// RUN: %mlir_opt %s --load-dialect-plugin=%accel_plugin --load-pass-plugin=%accel_plugin \
// RUN:   --pass-pipeline="builtin.module(accel-raise,accel-optimize)" | FileCheck %s
// RUN: %mlir_opt %s --load-dialect-plugin=%accel_plugin --load-pass-plugin=%accel_plugin \
// RUN:   --pass-pipeline="builtin.module(accel-to-cuda{target=sm_90a})" | FileCheck %s --check-prefix=CUDA
// Without the dialect plugin, accel IR is an unregistered dialect.
// RUN: not %mlir_opt %s 2>&1 | FileCheck %s --check-prefix=NO-PLUGIN

// CHECK-LABEL: func.func @raised
// CHECK-NEXT: accel.matmul %arg0, %arg1 : (tensor<5x7xf32>, tensor<7x3xf32>) -> tensor<5x3xf32>
func.func @raised(%a: tensor<5x7xf32>, %b: tensor<7x3xf32>) -> tensor<5x3xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<5x3xf32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<5x3xf32>) -> tensor<5x3xf32>
  %r = linalg.matmul ins(%a, %b : tensor<5x7xf32>, tensor<7x3xf32>) outs(%init : tensor<5x3xf32>) -> tensor<5x3xf32>
  return %r : tensor<5x3xf32>
}

// CHECK-LABEL: func.func @attention
// CHECK: accel.attention
// CUDA-LABEL: func.func @attention
// CUDA: accel.dispatch
// CUDA: accel.attention {{.*}}accel.kernel_config = #accel.attention_sm90a_config<
// NO-PLUGIN: error: Dialect `accel' not found for custom op 'accel.attention'
func.func @attention(%q: tensor<1x4x128x64xbf16>, %k: tensor<1x4x128x64xbf16>,
                     %v: tensor<1x4x128x64xbf16>) -> tensor<1x4x128x64xbf16> {
  %o = accel.attention %q, %k, %v {causal = true}
      : (tensor<1x4x128x64xbf16>, tensor<1x4x128x64xbf16>, tensor<1x4x128x64xbf16>) -> tensor<1x4x128x64xbf16>
  return %o : tensor<1x4x128x64xbf16>
}
