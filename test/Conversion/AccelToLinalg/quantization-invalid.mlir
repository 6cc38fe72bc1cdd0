// RUN: accel-opt %s --accel-to-linalg -split-input-file -verify-diagnostics

// Verifier-valid IR whose dynamic dims the lowering can nevertheless see
// (through tensor.cast) to break a shape rule: the run-time check could only
// abort, so the lowering reports it instead.

func.func @scale_shape_mismatch() -> tensor<?x?xf32> {
  %q = arith.constant dense<1> : tensor<3x4xi8>
  %s = arith.constant dense<1.0> : tensor<2xf32>
  %qd = tensor.cast %q : tensor<3x4xi8> to tensor<?x?xi8>
  %sd = tensor.cast %s : tensor<2xf32> to tensor<?xf32>
  // expected-error @+2 {{'accel.dequantize' op expects scale dim 0 to match the granularity's scale shape, got 2 and 3}}
  // expected-error @+1 {{failed to legalize operation 'accel.dequantize'}}
  %x = accel.dequantize %qd, %sd {granularity = "channel", axis = 0 : i64} : (tensor<?x?xi8>, tensor<?xf32>) -> tensor<?x?xf32>
  return %x : tensor<?x?xf32>
}

// -----

func.func @group_size_does_not_divide() -> tensor<?x?xi8> {
  %x = arith.constant dense<1.0> : tensor<2x5xf32>
  %xd = tensor.cast %x : tensor<2x5xf32> to tensor<?x?xf32>
  // expected-error @+2 {{'accel.quantize' op expects group_size 2 to divide dim 1, got 5 and 2}}
  // expected-error @+1 {{failed to legalize operation 'accel.quantize'}}
  %q, %s = accel.quantize %xd {dtype = i8, granularity = "group", axis = 1 : i64, group_size = 2 : i64} : (tensor<?x?xf32>) -> (tensor<?x?xi8>, tensor<?x?xf32>)
  return %q : tensor<?x?xi8>
}

// -----

func.func @zero_groups(%a: tensor<1x6xi8>, %as: tensor<f32>, %b: tensor<6x2xi4>) -> tensor<?x?xf32> {
  %bs = arith.constant dense<1.0> : tensor<0x2xf32>
  %ad = tensor.cast %a : tensor<1x6xi8> to tensor<?x?xi8>
  %bd = tensor.cast %b : tensor<6x2xi4> to tensor<?x?xi4>
  %bsd = tensor.cast %bs : tensor<0x2xf32> to tensor<?x?xf32>
  // expected-error @+2 {{'accel.quantized_matmul' op expects a positive number of scale groups of b that divides K, got 0 groups}}
  // expected-error @+1 {{failed to legalize operation 'accel.quantized_matmul'}}
  %y = accel.quantized_matmul %ad, %as, %bd, %bsd : (tensor<?x?xi8>, tensor<f32>, tensor<?x?xi4>, tensor<?x?xf32>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

// -----

func.func @k_mismatch(%a: tensor<1x6xi8>, %as: tensor<f32>, %b: tensor<4x2xi4>, %bs: tensor<2x2xf32>) -> tensor<?x?xf32> {
  %ad = tensor.cast %a : tensor<1x6xi8> to tensor<?x?xi8>
  %bd = tensor.cast %b : tensor<4x2xi4> to tensor<?x?xi4>
  // expected-error @+2 {{'accel.quantized_matmul' op expects the K of a and b to match, got 6 and 4}}
  // expected-error @+1 {{failed to legalize operation 'accel.quantized_matmul'}}
  %y = accel.quantized_matmul %ad, %as, %bd, %bs : (tensor<?x?xi8>, tensor<f32>, tensor<?x?xi4>, tensor<2x2xf32>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}
