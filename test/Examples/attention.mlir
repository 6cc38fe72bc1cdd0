// The shipped attention example goes through accel-opt and accel-translate
// as scripts/run-example.sh takes it: wgmma forwards and the mma.sync
// backward on sm_90a, mma.sync everywhere on sm_80.
// RUN: accel-opt --accel-optimize %S/../../examples/attention.mlir | accel-translate --accel-to-cuda --accel-sm=sm_90a | FileCheck %s --check-prefix=SM90
// RUN: accel-opt --accel-optimize %S/../../examples/attention.mlir | accel-translate --accel-to-cuda --accel-sm=sm_80 | FileCheck %s --check-prefix=SM80

// SM90: //   @gqa_forward kernel 0: attention_wgmma bf16.d128.causal.lse
// SM90: //   @gqa_backward kernel 0: attention_grad bf16.d128.causal
// SM90: //   @s2_forward kernel 0: attention_wgmma bf16.d128.causal.sharded
// SM90: extern "C" cudaError_t accel_gqa_forward(
// SM90: extern "C" cudaError_t accel_gqa_backward(
// SM90: extern "C" cudaError_t accel_s2_forward(

// SM80: //   @gqa_forward kernel 0: attention bf16.d128.causal.lse
// SM80: //   @gqa_backward kernel 0: attention_grad bf16.d128.causal
// SM80: //   @s2_forward kernel 0: attention bf16.d128.causal.sharded
// SM80-NOT: attentionForwardSm90Kernel
