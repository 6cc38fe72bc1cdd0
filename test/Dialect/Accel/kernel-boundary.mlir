// RUN: accel-opt %s -split-input-file | accel-opt -split-input-file | FileCheck %s
// RUN: accel-opt %s -split-input-file --mlir-print-op-generic | accel-opt -split-input-file | FileCheck %s

// The kernel boundary's IR in its custom form and through the generic form:
// the target, every typed kernel config, and accel.dispatch / accel.yield.

// CHECK: module attributes {accel.target = #accel.cuda_target<chip = "sm_90a">}
module attributes {accel.target = #accel.cuda_target<chip = "sm_90a">} {
// CHECK-LABEL: func.func @configs
func.func @configs(%q: tensor<2x8x100x128xbf16>, %k: tensor<2x2x77x128xbf16>,
                   %out: tensor<2x8x100x128xbf16>, %lse: tensor<2x8x100xf32>)
    -> (tensor<2x8x100x128xbf16>, tensor<2x8x100x128xbf16>, tensor<2x8x100x128xbf16>, tensor<2x2x77x128xbf16>, tensor<2x2x77x128xbf16>) {
  // CHECK: accel.attention {{.*}}accel.kernel_config = #accel.attention_sm90a_config<block_n = 64, num_stages = 3>
  %0 = accel.attention %q, %k, %k {accel.kernel_config = #accel.attention_sm90a_config<block_n = 64, num_stages = 3>}
      : (tensor<2x8x100x128xbf16>, tensor<2x2x77x128xbf16>, tensor<2x2x77x128xbf16>) -> tensor<2x8x100x128xbf16>
  // The mma.sync kernel also runs on sm_90a.
  // CHECK: accel.attention {{.*}}accel.kernel_config = #accel.attention_sm80_config<block_n = 32, num_warps = 2>
  %1 = accel.attention %q, %k, %k {accel.kernel_config = #accel.attention_sm80_config<block_n = 32, num_warps = 2>}
      : (tensor<2x8x100x128xbf16>, tensor<2x2x77x128xbf16>, tensor<2x2x77x128xbf16>) -> tensor<2x8x100x128xbf16>
  // The CUDA-core forward takes any forward it supports, also a 16-bit one.
  // CHECK: accel.attention {{.*}}accel.kernel_config = #accel.attention_simt_config<block_m = 32, block_n = 48>
  %2 = accel.attention %q, %k, %k {accel.kernel_config = #accel.attention_simt_config<block_m = 32, block_n = 48>}
      : (tensor<2x8x100x128xbf16>, tensor<2x2x77x128xbf16>, tensor<2x2x77x128xbf16>) -> tensor<2x8x100x128xbf16>
  // CHECK: accel.attention_grad {{.*}}accel.kernel_config = #accel.attention_grad_sm80_config<num_warps = 2>
  %dq, %dk, %dv = accel.attention_grad %q, %k, %k, %out, %lse, %out {accel.kernel_config = #accel.attention_grad_sm80_config<num_warps = 2>}
      : (tensor<2x8x100x128xbf16>, tensor<2x2x77x128xbf16>, tensor<2x2x77x128xbf16>, tensor<2x8x100x128xbf16>, tensor<2x8x100xf32>, tensor<2x8x100x128xbf16>)
      -> (tensor<2x8x100x128xbf16>, tensor<2x2x77x128xbf16>, tensor<2x2x77x128xbf16>)
  return %0, %1, %dq, %dk, %dv : tensor<2x8x100x128xbf16>, tensor<2x8x100x128xbf16>, tensor<2x8x100x128xbf16>, tensor<2x2x77x128xbf16>, tensor<2x2x77x128xbf16>
}
}

// -----

// CHECK-LABEL: func.func @dispatch
// CHECK-SAME: (%[[Q:.+]]: tensor<1x4x?x64xf16>)
func.func @dispatch(%q: tensor<1x4x?x64xf16>) -> (tensor<1x4x?x64xf16>, tensor<1x4x?xf32>) {
  // CHECK: %[[R:.+]]:2 = accel.dispatch(%[[Q]] : tensor<1x4x?x64xf16>) -> (tensor<1x4x?x64xf16>, tensor<1x4x?xf32>) {
  // CHECK-NEXT: ^bb0(%[[A:.+]]: tensor<1x4x?x64xf16>):
  // CHECK-NEXT: %[[O:.+]], %[[L:.+]] = accel.attention %[[A]], %[[A]], %[[A]] {causal = true}
  // CHECK-NEXT: accel.yield %[[O]], %[[L]] : tensor<1x4x?x64xf16>, tensor<1x4x?xf32>
  // CHECK-NEXT: }
  %r:2 = accel.dispatch(%q : tensor<1x4x?x64xf16>) -> (tensor<1x4x?x64xf16>, tensor<1x4x?xf32>) {
  ^bb0(%a: tensor<1x4x?x64xf16>):
    %o, %l = accel.attention %a, %a, %a {causal = true}
        : (tensor<1x4x?x64xf16>, tensor<1x4x?x64xf16>, tensor<1x4x?x64xf16>) -> (tensor<1x4x?x64xf16>, tensor<1x4x?xf32>)
    accel.yield %o, %l : tensor<1x4x?x64xf16>, tensor<1x4x?xf32>
  }
  // CHECK: return %[[R]]#0, %[[R]]#1
  return %r#0, %r#1 : tensor<1x4x?x64xf16>, tensor<1x4x?xf32>
}

// -----

// A dispatch of no inputs (its op makes its own operands) and one of no
// results are well formed.
// CHECK-LABEL: func.func @dispatch_without_inputs
func.func @dispatch_without_inputs() -> tensor<2xf32> {
  // CHECK: accel.dispatch() -> (tensor<2xf32>) {
  %r = accel.dispatch() -> (tensor<2xf32>) {
    %c = arith.constant dense<1.0> : tensor<2xf32>
    accel.yield %c : tensor<2xf32>
  }
  // CHECK: accel.dispatch() {
  // CHECK-NEXT: accel.yield
  accel.dispatch() {
    accel.yield
  }
  return %r : tensor<2xf32>
}

// -----

// CHECK-LABEL: func.func @gemm_configs
module attributes {accel.target = #accel.cuda_target<chip = "sm_90a">} {
func.func @gemm_configs(%a: tensor<4x256x64xbf16>, %b: tensor<64x128xbf16>) -> (tensor<4x256x128xbf16>, tensor<4x256x128xbf16>) {
  // CHECK: accel.matmul {{.*}}accel.kernel_config = #accel.gemm_sm90a_config<block_n = 128, num_stages = 6>
  %0 = accel.matmul %a, %b {accel.kernel_config = #accel.gemm_sm90a_config<block_n = 128, num_stages = 6>} : (tensor<4x256x64xbf16>, tensor<64x128xbf16>) -> tensor<4x256x128xbf16>
  // CHECK: accel.matmul {{.*}}accel.kernel_config = #accel.gemm_sm80_config<block_m = 64, block_n = 64, block_k = 32, warps_m = 2, warps_n = 2, num_stages = 4>
  %1 = accel.matmul %a, %b {accel.kernel_config = #accel.gemm_sm80_config<block_m = 64, block_n = 64, block_k = 32, warps_m = 2, warps_n = 2, num_stages = 4>} : (tensor<4x256x64xbf16>, tensor<64x128xbf16>) -> tensor<4x256x128xbf16>
  return %0, %1 : tensor<4x256x128xbf16>, tensor<4x256x128xbf16>
}

// CHECK-LABEL: func.func @monarch_configs
func.func @monarch_configs(%x: tensor<?x256xbf16>, %w: tensor<8x32x32xbf16>) -> (tensor<?x256xbf16>, tensor<?x256xf32>) {
  // CHECK: accel.monarch_matmul {{.*}}accel.kernel_config = #accel.monarch_sm80_config<block_m = 128, block_n = 64, block_k = 32, warps_m = 2, warps_n = 2, num_stages = 4>
  %0 = accel.monarch_matmul %x, %w, %w {accel.kernel_config = #accel.monarch_sm80_config<block_m = 128, block_n = 64, block_k = 32, warps_m = 2, warps_n = 2, num_stages = 4>} : (tensor<?x256xbf16>, tensor<8x32x32xbf16>, tensor<8x32x32xbf16>) -> tensor<?x256xbf16>
  // CHECK: accel.block_diag_matmul {{.*}}accel.kernel_config = #accel.monarch_sm80_config<block_m = 64, block_n = 32, block_k = 64, warps_m = 4, warps_n = 1, num_stages = 2>
  %1 = accel.block_diag_matmul %x, %w {accel.kernel_config = #accel.monarch_sm80_config<block_m = 64, block_n = 32, block_k = 64, warps_m = 4, warps_n = 1, num_stages = 2>} : (tensor<?x256xbf16>, tensor<8x32x32xbf16>) -> tensor<?x256xf32>
  return %0, %1 : tensor<?x256xbf16>, tensor<?x256xf32>
}

// CHECK-LABEL: func.func @quantized_gemm_config
func.func @quantized_gemm_config(%a: tensor<256x128xi8>, %as: tensor<256xf32>, %b: tensor<64x128xi8>, %bs: tensor<64xf32>) -> tensor<256x64xbf16> {
  // CHECK: accel.quantized_matmul {{.*}}accel.kernel_config = #accel.quantized_gemm_sm80_config<block_m = 128, block_n = 64, block_k = 128, warps_m = 4, warps_n = 1, num_stages = 2>
  %0 = accel.quantized_matmul %a, %as, %b, %bs {transpose_b = true, accel.kernel_config = #accel.quantized_gemm_sm80_config<block_m = 128, block_n = 64, block_k = 128, warps_m = 4, warps_n = 1, num_stages = 2>} : (tensor<256x128xi8>, tensor<256xf32>, tensor<64x128xi8>, tensor<64xf32>) -> tensor<256x64xbf16>
  return %0 : tensor<256x64xbf16>
}
}
