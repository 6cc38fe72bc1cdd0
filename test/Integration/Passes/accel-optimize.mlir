// Differential checks of accel-optimize: every function runs on the same
// random inputs with and without the pipeline, and must agree.
// RUN: accel-run %s --entry=matmul_transposed_weight --input=33x17 --input=9x17 --pipeline=accel-optimize --compare-pipeline=none | FileCheck %s
// RUN: accel-run %s --entry=attention_single_shard --input=1x4x37x16 --input=1x2x45x16 --input=1x2x45x16 --pipeline=accel-optimize --compare-pipeline=none | FileCheck %s
// RUN: accel-run %s --entry=requantize --input=7x32 --pipeline=accel-optimize --compare-pipeline=none | FileCheck %s --check-prefix=EXACT
// Requantization that is not exact is not folded: the contract's result.
// RUN: accel-run %s --entry=requantize_f16_overflow --pipeline=accel-optimize --compare-pipeline=none | FileCheck %s --check-prefix=OVERFLOW
// RUN: accel-run %s --entry=requantize_runtime_scale --input=7x32 --input=@%S/Inputs/scales-with-zero.npy --pipeline=accel-optimize --compare-pipeline=none | FileCheck %s --check-prefix=ZERO
// The pipeline really rewrote each function:
// RUN: accel-opt %s --accel-optimize | FileCheck %s --check-prefix=IR

// CHECK: compare: result #0 ok
// EXACT: compare: result #0 ok: tensor<7x32xi8> max abs error 0.000000e+00
// EXACT: compare: result #1 ok
// OVERFLOW: result #0: tensor<4xi8>
// OVERFLOW-NEXT: [1.270000e+02, -5.000000e+01, 3.000000e+00, 1.270000e+02]
// OVERFLOW: compare: result #0 ok
// ZERO: compare: result #0 ok

// IR-LABEL: func.func @matmul_transposed_weight
// IR-NOT: linalg.transpose
// IR: accel.matmul {{.+}} {transpose_b = true}
func.func @matmul_transposed_weight(%a: tensor<?x17xf32>, %b: tensor<9x17xf32>) -> tensor<?x9xf32> {
  %init = tensor.empty() : tensor<17x9xf32>
  %bt = linalg.transpose ins(%b : tensor<9x17xf32>) outs(%init : tensor<17x9xf32>) permutation = [1, 0]
  %r = accel.matmul %a, %bt : (tensor<?x17xf32>, tensor<17x9xf32>) -> tensor<?x9xf32>
  return %r : tensor<?x9xf32>
}

// IR-LABEL: func.func @attention_single_shard
// IR-NOT: sparsity
func.func @attention_single_shard(%q: tensor<1x4x?x16xf32>, %k: tensor<1x2x?x16xf32>,
                                  %v: tensor<1x2x?x16xf32>) -> tensor<1x4x?x16xf32> {
  %o = accel.attention %q, %k, %v {causal = true,
      sparsity = #accel.head_shard<num_shards = 1, block = 8, local_blocks = 1>}
      : (tensor<1x4x?x16xf32>, tensor<1x2x?x16xf32>, tensor<1x2x?x16xf32>) -> tensor<1x4x?x16xf32>
  return %o : tensor<1x4x?x16xf32>
}

// IR-LABEL: func.func @requantize
// IR-NOT: accel.quantize
func.func @requantize(%q: tensor<?x32xi8>) -> (tensor<?x32xi8>, tensor<7xf32>) {
  %s = arith.constant dense<[0.5, 1.0e-3, 3.0, 7.0e-2, 200.0, 1.0, 2.5e-4]> : tensor<7xf32>
  %x = accel.dequantize %q, %s {granularity = "channel", axis = 0 : i64}
      : (tensor<?x32xi8>, tensor<7xf32>) -> tensor<?x32xf16>
  %q2, %s2 = accel.quantize %x, %s {dtype = i8, granularity = "channel", axis = 0 : i64}
      : (tensor<?x32xf16>, tensor<7xf32>) -> (tensor<?x32xi8>, tensor<7xf32>)
  return %q2, %s2 : tensor<?x32xi8>, tensor<7xf32>
}

// IR-LABEL: func.func @requantize_f16_overflow
// IR: accel.quantize
func.func @requantize_f16_overflow() -> tensor<4xi8> {
  %q = arith.constant dense<[100, -50, 3, 127]> : tensor<4xi8>
  %s = arith.constant dense<1000.0> : tensor<f32>
  %x = accel.dequantize %q, %s {granularity = "tensor"} : (tensor<4xi8>, tensor<f32>) -> tensor<4xf16>
  %q2, %s2 = accel.quantize %x, %s {dtype = i8, granularity = "tensor"}
      : (tensor<4xf16>, tensor<f32>) -> (tensor<4xi8>, tensor<f32>)
  return %q2 : tensor<4xi8>
}

// IR-LABEL: func.func @requantize_runtime_scale
// IR: accel.quantize
func.func @requantize_runtime_scale(%q: tensor<?x32xi8>, %s: tensor<?xf32>) -> tensor<?x32xi8> {
  %x = accel.dequantize %q, %s {granularity = "channel", axis = 0 : i64}
      : (tensor<?x32xi8>, tensor<?xf32>) -> tensor<?x32xf32>
  %q2, %s2 = accel.quantize %x, %s {dtype = i8, granularity = "channel", axis = 0 : i64}
      : (tensor<?x32xf32>, tensor<?xf32>) -> (tensor<?x32xi8>, tensor<?xf32>)
  return %q2 : tensor<?x32xi8>
}
