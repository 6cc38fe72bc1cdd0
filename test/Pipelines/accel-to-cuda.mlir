// The accel-to-cuda pipeline is the kernel boundary: a dispatch per kernel
// (fusion's dispatches kept), a typed config per op, the target on the
// module; accel-translate compiles what it leaves.
// RUN: accel-opt %s --accel-optimize --accel-to-cuda=target=sm_80 | FileCheck %s
// RUN: accel-opt %s --accel-to-cuda=target=sm_90a | accel-translate --accel-to-cuda | FileCheck %s --check-prefix=CUDA

// CHECK: module attributes {accel.target = #accel.cuda_target<chip = "sm_80">}
// CHECK-LABEL: func.func @attention
// CHECK: accel.dispatch
// CHECK: accel.attention {{.+}}accel.kernel_config = #accel.attention_sm80_config<
// CHECK: accel.yield
// CUDA: extern "C" cudaError_t accel_attention(
// CUDA: accelkern_attention::launchAttentionForwardSm90<__nv_bfloat16, 64,
func.func @attention(%q: tensor<1x4x?x64xbf16>, %k: tensor<1x4x?x64xbf16>, %v: tensor<1x4x?x64xbf16>)
    -> tensor<1x4x?x64xbf16> {
  %o = accel.attention %q, %k, %v {causal = true}
      : (tensor<1x4x?x64xbf16>, tensor<1x4x?x64xbf16>, tensor<1x4x?x64xbf16>) -> tensor<1x4x?x64xbf16>
  return %o : tensor<1x4x?x64xbf16>
}

