// RUN: accel-opt %s --accel-select-kernels=target=sm_80 | FileCheck %s --check-prefix=SM80
// RUN: accel-opt %s --accel-select-kernels=target=sm_90a | FileCheck %s --check-prefix=SM90A
// RUN: accel-opt %s --accel-select-kernels="target=sm_80 tuning-table=%S/Inputs/tuning-table.txt" | FileCheck %s --check-prefix=TUNED
// RUN: accel-opt %s --accel-select-kernels="target=sm_80 tuning-table=%S/Inputs/tuning-table.txt report=true" -o /dev/null 2>&1 | FileCheck %s --check-prefix=REPORT
// RUN: accel-opt %s --accel-select-kernels="target=sm_90a tuning-table=%S/Inputs/tuning-table.txt" | FileCheck %s --check-prefix=TUNED90

// SM80: module attributes {accel.target = #accel.cuda_target<chip = "sm_80">}
// SM90A: module attributes {accel.target = #accel.cuda_target<chip = "sm_90a">}

// Where each config came from, in op order:
// REPORT: select-kernels.mlir:[[@LINE+18]]:8: remark: kernel attention bf16.d64.causal: #accel.attention_sm80_config<block_n = 32, num_warps = 2>, the tuning table ({{.*}}tuning-table.txt:3)
// REPORT: remark: kernel attention bf16.d64.causal: #accel.attention_sm80_config<block_n = 16, num_warps = 1>, the op's own
// REPORT: remark: kernel attention f16.d128: #accel.attention_sm80_config<block_n = 64, num_warps = 4>, the family's default
// REPORT: remark: kernel attention_grad bf16.d64.causal: #accel.attention_grad_sm80_config<num_warps = 2>, the tuning table ({{.*}}tuning-table.txt:7)
// REPORT: remark: kernel attention_grad bf16.d128: #accel.attention_grad_sm80_config<num_warps = 2>, the family's default

// SM80-LABEL: func.func @forward
// SM90A-LABEL: func.func @forward
// TUNED-LABEL: func.func @forward
// TUNED90-LABEL: func.func @forward
func.func @forward(%q: tensor<2x4x?x64xbf16>, %q128: tensor<1x8x100x128xf16>)
    -> (tensor<2x4x?x64xbf16>, tensor<2x4x?x64xbf16>, tensor<1x8x100x128xf16>) {
  // The families' defaults: mma.sync 64x64 with 4 warps; wgmma 128-key tiles, 2 stages.
  // SM80: accel.attention {{.*}}accel.kernel_config = #accel.attention_sm80_config<block_n = 64, num_warps = 4>
  // SM90A: accel.attention {{.*}}accel.kernel_config = #accel.attention_sm90a_config<block_n = 128, num_stages = 2>
  // The table's entry for (family, bf16.d64.causal, chip).
  // TUNED: accel.attention {{.*}}accel.kernel_config = #accel.attention_sm80_config<block_n = 32, num_warps = 2>
  // TUNED90: accel.attention {{.*}}accel.kernel_config = #accel.attention_sm90a_config<block_n = 64, num_stages = 3>
  %0 = accel.attention %q, %q, %q {causal = true}
      : (tensor<2x4x?x64xbf16>, tensor<2x4x?x64xbf16>, tensor<2x4x?x64xbf16>) -> tensor<2x4x?x64xbf16>
  // A config on the op is kept, whatever the table says.
  // SM80: accel.attention {{.*}}accel.kernel_config = #accel.attention_sm80_config<block_n = 16, num_warps = 1>
  // TUNED: accel.attention {{.*}}accel.kernel_config = #accel.attention_sm80_config<block_n = 16, num_warps = 1>
  %1 = accel.attention %q, %q, %q {causal = true, accel.kernel_config = #accel.attention_sm80_config<block_n = 16, num_warps = 1>}
      : (tensor<2x4x?x64xbf16>, tensor<2x4x?x64xbf16>, tensor<2x4x?x64xbf16>) -> tensor<2x4x?x64xbf16>
  // No entry for f16.d128 (the sm_86 one is another chip's): the default.
  // TUNED: accel.attention {{.*}}accel.kernel_config = #accel.attention_sm80_config<block_n = 64, num_warps = 4>
  %2 = accel.attention %q128, %q128, %q128
      : (tensor<1x8x100x128xf16>, tensor<1x8x100x128xf16>, tensor<1x8x100x128xf16>) -> tensor<1x8x100x128xf16>
  return %0, %1, %2 : tensor<2x4x?x64xbf16>, tensor<2x4x?x64xbf16>, tensor<1x8x100x128xf16>
}

// SM80-LABEL: func.func @backward
// SM90A-LABEL: func.func @backward
// TUNED-LABEL: func.func @backward
func.func @backward(%q: tensor<1x2x64x64xbf16>, %q128: tensor<1x2x64x128xbf16>,
                    %lse: tensor<1x2x64xf32>) -> (tensor<1x2x64x64xbf16>, tensor<1x2x64x128xbf16>) {
  // The backward's default: 4 warps at d = 64, 2 at d = 128; mma.sync on every target.
  // SM80: accel.attention_grad {{.*}}accel.kernel_config = #accel.attention_grad_sm80_config<num_warps = 4>
  // SM90A: accel.attention_grad {{.*}}accel.kernel_config = #accel.attention_grad_sm80_config<num_warps = 4>
  // TUNED: accel.attention_grad {{.*}}accel.kernel_config = #accel.attention_grad_sm80_config<num_warps = 2>
  %dq, %dk, %dv = accel.attention_grad %q, %q, %q, %q, %lse, %q {causal = true}
      : (tensor<1x2x64x64xbf16>, tensor<1x2x64x64xbf16>, tensor<1x2x64x64xbf16>, tensor<1x2x64x64xbf16>, tensor<1x2x64xf32>, tensor<1x2x64x64xbf16>)
      -> (tensor<1x2x64x64xbf16>, tensor<1x2x64x64xbf16>, tensor<1x2x64x64xbf16>)
  // SM80: accel.attention_grad {{.*}}accel.kernel_config = #accel.attention_grad_sm80_config<num_warps = 2>
  // SM90A: accel.attention_grad {{.*}}accel.kernel_config = #accel.attention_grad_sm80_config<num_warps = 2>
  %dq2, %dk2, %dv2 = accel.attention_grad %q128, %q128, %q128, %q128, %lse, %q128
      : (tensor<1x2x64x128xbf16>, tensor<1x2x64x128xbf16>, tensor<1x2x64x128xbf16>, tensor<1x2x64x128xbf16>, tensor<1x2x64xf32>, tensor<1x2x64x128xbf16>)
      -> (tensor<1x2x64x128xbf16>, tensor<1x2x64x128xbf16>, tensor<1x2x64x128xbf16>)
  return %dq, %dq2 : tensor<1x2x64x64xbf16>, tensor<1x2x64x128xbf16>
}
