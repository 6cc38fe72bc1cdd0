// Quantized matmuls at odd sizes against dequantize-then-matmul, on random
// data and scales: W4A8 with i4 groups of 32, W8A8 per token / channel.
// The quantized side sums integers exactly; the dequantized reference sums
// K rounded f32 products of magnitude up to ~1.5, so its own error reaches
// K * 2^-24 * 1.5 (1.1e-5 for K = 128, 5.7e-6 for K = 64) on results that
// cancel to near zero: hence atol 2e-5 instead of the f32 default.
// RUN: accel-run %s --entry=w4a8 --input=33x128 --input=33 --input=17x128 --input=17x4 --compare-entry=w4a8_dequantized --atol=2e-5 | FileCheck %s
// RUN: accel-run %s --entry=w8a8 --input=1x64 --input=1 --input=64x9 --input=9 --compare-entry=w8a8_dequantized --atol=2e-5 | FileCheck %s

// CHECK: compare: result #0 ok

func.func @w4a8(%a: tensor<?x128xi8>, %as: tensor<?xf32>, %b: tensor<17x128xi4>, %bs: tensor<17x4xf32>) -> tensor<?x17xf32> {
  %r = accel.quantized_matmul %a, %as, %b, %bs {transpose_b = true}
      : (tensor<?x128xi8>, tensor<?xf32>, tensor<17x128xi4>, tensor<17x4xf32>) -> tensor<?x17xf32>
  return %r : tensor<?x17xf32>
}

func.func @w4a8_dequantized(%a: tensor<?x128xi8>, %as: tensor<?xf32>, %b: tensor<17x128xi4>, %bs: tensor<17x4xf32>) -> tensor<?x17xf32> {
  %af = accel.dequantize %a, %as {granularity = "channel", axis = 0 : i64} : (tensor<?x128xi8>, tensor<?xf32>) -> tensor<?x128xf32>
  %bf = accel.dequantize %b, %bs {granularity = "group", axis = 1 : i64, group_size = 32 : i64} : (tensor<17x128xi4>, tensor<17x4xf32>) -> tensor<17x128xf32>
  %r = accel.matmul %af, %bf {transpose_b = true} : (tensor<?x128xf32>, tensor<17x128xf32>) -> tensor<?x17xf32>
  return %r : tensor<?x17xf32>
}

func.func @w8a8(%a: tensor<?x64xi8>, %as: tensor<?xf32>, %b: tensor<64x9xi8>, %bs: tensor<9xf32>) -> tensor<?x9xf32> {
  %r = accel.quantized_matmul %a, %as, %b, %bs
      : (tensor<?x64xi8>, tensor<?xf32>, tensor<64x9xi8>, tensor<9xf32>) -> tensor<?x9xf32>
  return %r : tensor<?x9xf32>
}

func.func @w8a8_dequantized(%a: tensor<?x64xi8>, %as: tensor<?xf32>, %b: tensor<64x9xi8>, %bs: tensor<9xf32>) -> tensor<?x9xf32> {
  %af = accel.dequantize %a, %as {granularity = "channel", axis = 0 : i64} : (tensor<?x64xi8>, tensor<?xf32>) -> tensor<?x64xf32>
  %bf = accel.dequantize %b, %bs {granularity = "channel", axis = 1 : i64} : (tensor<64x9xi8>, tensor<9xf32>) -> tensor<64x9xf32>
  %r = accel.matmul %af, %bf : (tensor<?x64xf32>, tensor<64x9xf32>) -> tensor<?x9xf32>
  return %r : tensor<?x9xf32>
}
