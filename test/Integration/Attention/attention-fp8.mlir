// fp8 attention runs on the CPU (bit-level fp8 decoding) and equals f32
// attention on the same values, decoded exactly by dequantize with scale 1.
// RUN: accel-run %s --entry=attention_f8 --input=1x4x13x16 --input=1x2x21x16 --input=1x2x21x16 --compare-entry=attention_f32 | FileCheck %s
// RUN: accel-run %s --entry=attention_e5m2 --input=2x2x5x8 --input=2x1x7x8 --input=2x1x7x8 --compare-entry=attention_e5m2_f32 | FileCheck %s

// CHECK: compare: result #0 ok
// CHECK: compare: result #1 ok

func.func @attention_f8(%q: tensor<1x4x13x16xf8E4M3FN>, %k: tensor<1x2x21x16xf8E4M3FN>,
                        %v: tensor<1x2x21x16xf8E4M3FN>) -> (tensor<1x4x13x16xf32>, tensor<1x4x13xf32>) {
  %o, %lse = accel.attention %q, %k, %v {causal = true}
      : (tensor<1x4x13x16xf8E4M3FN>, tensor<1x2x21x16xf8E4M3FN>, tensor<1x2x21x16xf8E4M3FN>)
      -> (tensor<1x4x13x16xf32>, tensor<1x4x13xf32>)
  return %o, %lse : tensor<1x4x13x16xf32>, tensor<1x4x13xf32>
}

func.func @attention_f32(%q8: tensor<1x4x13x16xf8E4M3FN>, %k8: tensor<1x2x21x16xf8E4M3FN>,
                         %v8: tensor<1x2x21x16xf8E4M3FN>) -> (tensor<1x4x13x16xf32>, tensor<1x4x13xf32>) {
  %one = arith.constant dense<1.0> : tensor<f32>
  %q = accel.dequantize %q8, %one : (tensor<1x4x13x16xf8E4M3FN>, tensor<f32>) -> tensor<1x4x13x16xf32>
  %k = accel.dequantize %k8, %one : (tensor<1x2x21x16xf8E4M3FN>, tensor<f32>) -> tensor<1x2x21x16xf32>
  %v = accel.dequantize %v8, %one : (tensor<1x2x21x16xf8E4M3FN>, tensor<f32>) -> tensor<1x2x21x16xf32>
  %o, %lse = accel.attention %q, %k, %v {causal = true}
      : (tensor<1x4x13x16xf32>, tensor<1x2x21x16xf32>, tensor<1x2x21x16xf32>)
      -> (tensor<1x4x13x16xf32>, tensor<1x4x13xf32>)
  return %o, %lse : tensor<1x4x13x16xf32>, tensor<1x4x13xf32>
}

func.func @attention_e5m2(%q: tensor<2x2x5x8xf8E5M2>, %k: tensor<2x1x7x8xf8E5M2>,
                          %v: tensor<2x1x7x8xf8E5M2>) -> (tensor<2x2x5x8xf32>, tensor<2x2x5xf32>) {
  %o, %lse = accel.attention %q, %k, %v {scale = 0.05 : f32}
      : (tensor<2x2x5x8xf8E5M2>, tensor<2x1x7x8xf8E5M2>, tensor<2x1x7x8xf8E5M2>)
      -> (tensor<2x2x5x8xf32>, tensor<2x2x5xf32>)
  return %o, %lse : tensor<2x2x5x8xf32>, tensor<2x2x5xf32>
}

func.func @attention_e5m2_f32(%q8: tensor<2x2x5x8xf8E5M2>, %k8: tensor<2x1x7x8xf8E5M2>,
                              %v8: tensor<2x1x7x8xf8E5M2>) -> (tensor<2x2x5x8xf32>, tensor<2x2x5xf32>) {
  %one = arith.constant dense<1.0> : tensor<f32>
  %q = accel.dequantize %q8, %one : (tensor<2x2x5x8xf8E5M2>, tensor<f32>) -> tensor<2x2x5x8xf32>
  %k = accel.dequantize %k8, %one : (tensor<2x1x7x8xf8E5M2>, tensor<f32>) -> tensor<2x1x7x8xf32>
  %v = accel.dequantize %v8, %one : (tensor<2x1x7x8xf8E5M2>, tensor<f32>) -> tensor<2x1x7x8xf32>
  %o, %lse = accel.attention %q, %k, %v {scale = 0.05 : f32}
      : (tensor<2x2x5x8xf32>, tensor<2x1x7x8xf32>, tensor<2x1x7x8xf32>)
      -> (tensor<2x2x5x8xf32>, tensor<2x2x5xf32>)
  return %o, %lse : tensor<2x2x5x8xf32>, tensor<2x2x5xf32>
}
