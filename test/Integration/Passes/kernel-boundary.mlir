// Differential checks of the kernel boundary on the CPU: dispatches and
// kernel configs change nothing a function computes (accel-to-linalg
// inlines dispatches; configs only choose CUDA kernels).
// RUN: accel-run %s --entry=chain --input=2x4x37x64 --input=2x2x45x64 --pipeline="accel-form-dispatches,accel-select-kernels{target=sm_90a}" --compare-pipeline=none | FileCheck %s
// The pipeline really formed dispatches with configs:
// RUN: accel-opt %s --accel-form-dispatches --accel-select-kernels=target=sm_90a | FileCheck %s --check-prefix=IR

// CHECK: compare: result #0 ok
// CHECK-NOT: FAIL

// IR-LABEL: func.func @chain
// IR: accel.dispatch
// IR: accel.attention {{.*}}#accel.attention_sm90a_config<block_n = 128, num_stages = 2>
// IR: accel.dispatch
// IR: accel.attention {{.*}}#accel.attention_sm90a_config<block_n = 128, num_stages = 2>
func.func @chain(%q: tensor<2x4x37x64xbf16>, %k: tensor<2x2x45x64xbf16>) -> tensor<2x4x37x64xbf16> {
  %o = accel.attention %q, %k, %k {causal = true}
      : (tensor<2x4x37x64xbf16>, tensor<2x2x45x64xbf16>, tensor<2x2x45x64xbf16>) -> tensor<2x4x37x64xbf16>
  %p = accel.attention %o, %k, %k
      : (tensor<2x4x37x64xbf16>, tensor<2x2x45x64xbf16>, tensor<2x2x45x64xbf16>) -> tensor<2x4x37x64xbf16>
  return %p : tensor<2x4x37x64xbf16>
}

