// accel-quantize{mode=auto}: FP8 versus INT8 per matmul, by which format
// keeps more of the weight.
// RUN: accel-opt %s "--accel-quantize=mode=auto" 2>/dev/null | FileCheck %s
// RUN: accel-opt %s "--accel-quantize=mode=auto remarks=true" -o /dev/null 2>&1 | FileCheck %s --check-prefix=REMARK
// auto is exactly the mode it chose, on random activations.
// RUN: accel-run %s --entry=well_behaved --input=3x4 --pipeline="accel-quantize{mode=auto}" --compare-pipeline="accel-quantize{mode=w8a8}" | FileCheck %s --check-prefix=SAME
// RUN: accel-run %s --entry=outliers --input=3x4 --pipeline="accel-quantize{mode=auto}" --compare-pipeline="accel-quantize{mode=fp8}" | FileCheck %s --check-prefix=SAME
// SAME: compare: result #0 ok: {{.*}} max abs error 0.000000e+00
// RUN: not accel-opt %s --accel-quantize=mode=sometimes -o /dev/null 2>&1 | FileCheck %s --check-prefix=BAD
// BAD: error: accel-quantize: unknown mode 'sometimes' (expected w8a8, fp8, w4a16, w4a8 or auto)

// Evenly spread weights: INT8's 255 uniform levels beat FP8's 3-bit
// mantissa.
// CHECK-LABEL: func.func @well_behaved
// CHECK: accel.quantize %arg0 {axis = 0 : i64, dtype = i8, granularity = "channel"}
// CHECK: accel.quantized_matmul {{.*}} : (tensor<3x4xi8>, tensor<3xf32>, tensor<4x3xi8>, tensor<3xf32>) -> tensor<3x3xf32>
// REMARK: remark: quantized (w8a8 (weight error int8 {{.*}}, fp8 e4m3 {{.*}})): weight 'i8' per output channel
func.func @well_behaved(%x: tensor<3x4xf32>) -> tensor<3x3xf32> {
  %w = arith.constant dense<[[0.31, -0.72, 0.55], [-0.18, 0.93, -0.41], [0.67, -0.26, 0.84], [-0.49, 0.12, -0.97]]> : tensor<4x3xf32>
  %y = accel.matmul %x, %w : (tensor<3x4xf32>, tensor<4x3xf32>) -> tensor<3x3xf32>
  return %y : tensor<3x3xf32>
}

// One huge entry per channel: INT8's step (absmax / 127) rounds the small
// entries to zero; FP8 keeps them to 3 bits.
// CHECK-LABEL: func.func @outliers
// CHECK: accel.quantize %arg0 {axis = 0 : i64, dtype = f8E4M3FN, granularity = "channel"}
// CHECK: accel.quantized_matmul {{.*}} : (tensor<3x4xf8E4M3FN>, tensor<3xf32>, tensor<4x3xf8E4M3FN>, tensor<3xf32>) -> tensor<3x3xf32>
// REMARK: remark: quantized (fp8 (weight error int8 {{.*}}, fp8 e4m3 {{.*}})): weight 'f8E4M3FN' per output channel
func.func @outliers(%x: tensor<3x4xf32>) -> tensor<3x3xf32> {
  %w = arith.constant dense<[[0.011, -0.013, 0.017], [-0.019, 0.012, -0.015], [0.014, -0.016, 0.018], [64.0, -48.0, 56.0]]> : tensor<4x3xf32>
  %y = accel.matmul %x, %w : (tensor<3x4xf32>, tensor<4x3xf32>) -> tensor<3x3xf32>
  return %y : tensor<3x3xf32>
}

// K = 0: nothing to quantize (and no division by a zero group).
// REMARK: remark: not quantized (auto): K is 0: there is nothing to quantize
func.func @empty_k(%x: tensor<4x0xf32>) -> tensor<4x3xf32> {
  %w = arith.constant dense<> : tensor<0x3xf32>
  %y = accel.matmul %x, %w : (tensor<4x0xf32>, tensor<0x3xf32>) -> tensor<4x3xf32>
  return %y : tensor<4x3xf32>
}
