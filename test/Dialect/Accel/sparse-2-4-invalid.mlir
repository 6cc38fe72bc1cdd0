// RUN: accel-opt %s -split-input-file -verify-diagnostics

// The marker is verified against a constant weight.
func.func @three_nonzeros(%x: tensor<2x4xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense<[[1.0, 1.0], [0.0, 2.0], [1.0, 0.0], [1.0, 0.0]]> : tensor<4x2xf32>
  // expected-error @+1 {{'accel.matmul' op carries 'accel.sparse_2_4', but its constant weight has 3 nonzeros in K elements [0, 4) of output column 0 (2:4 allows 2)}}
  %y = accel.matmul %x, %w {accel.sparse_2_4} : (tensor<2x4xf32>, tensor<4x2xf32>) -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// -----

func.func @three_nonzeros_transposed(%x: tensor<2x8xf32>) -> tensor<2x1xf32> {
  %w = arith.constant dense<[[1.0, 0.0, 1.0, 0.0, 1.0, 1.0, 1.0, 0.0]]> : tensor<1x8xf32>
  // expected-error @+1 {{'accel.matmul' op carries 'accel.sparse_2_4', but its constant weight has 3 nonzeros in K elements [4, 8) of output column 0 (2:4 allows 2)}}
  %y = accel.matmul %x, %w {accel.sparse_2_4, transpose_b = true} : (tensor<2x8xf32>, tensor<1x8xf32>) -> tensor<2x1xf32>
  return %y : tensor<2x1xf32>
}

// -----

func.func @nonzero_splat(%x: tensor<2x4xf32>) -> tensor<2x2xf32> {
  %w = arith.constant dense<1.0> : tensor<4x2xf32>
  // expected-error @+1 {{'accel.matmul' op carries 'accel.sparse_2_4', but its constant weight is a nonzero splat (4 nonzeros in every group of 4)}}
  %y = accel.matmul %x, %w {accel.sparse_2_4} : (tensor<2x4xf32>, tensor<4x2xf32>) -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// -----

func.func @k_not_multiple_of_4(%x: tensor<2x6xf32>, %w: tensor<6x2xf32>) -> tensor<2x2xf32> {
  // expected-error @+1 {{'accel.matmul' op carries 'accel.sparse_2_4', which needs K to be a multiple of 4, got 6}}
  %y = accel.matmul %x, %w {accel.sparse_2_4} : (tensor<2x6xf32>, tensor<6x2xf32>) -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// -----

func.func @not_unit(%x: tensor<2x4xf32>, %w: tensor<4x2xf32>) -> tensor<2x2xf32> {
  // expected-error @+1 {{'accel.matmul' op expects 'accel.sparse_2_4' to be a unit attribute, got true}}
  %y = accel.matmul %x, %w {accel.sparse_2_4 = true} : (tensor<2x4xf32>, tensor<4x2xf32>) -> tensor<2x2xf32>
  return %y : tensor<2x2xf32>
}

// -----

func.func @not_a_matmul(%q: tensor<1x1x8x8xf32>) -> tensor<1x1x8x8xf32> {
  // expected-error @+1 {{'accel.attention' op carries 'accel.sparse_2_4', which only an accel.matmul may carry}}
  %o = accel.attention %q, %q, %q {accel.sparse_2_4} : (tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>, tensor<1x1x8x8xf32>) -> tensor<1x1x8x8xf32>
  return %o : tensor<1x1x8x8xf32>
}

// -----

// A non-constant weight (checked where it becomes one) and a 2:4 constant
// are accepted.
func.func @accepted(%x: tensor<2x4xf32>, %v: tensor<4x2xf32>) -> (tensor<2x2xf32>, tensor<2x2xf32>) {
  %w = arith.constant dense<[[1.0, 0.0], [0.0, 2.0], [3.0, 0.0], [0.0, 4.0]]> : tensor<4x2xf32>
  %y = accel.matmul %x, %w {accel.sparse_2_4} : (tensor<2x4xf32>, tensor<4x2xf32>) -> tensor<2x2xf32>
  %z = accel.matmul %x, %v {accel.sparse_2_4} : (tensor<2x4xf32>, tensor<4x2xf32>) -> tensor<2x2xf32>
  return %y, %z : tensor<2x2xf32>, tensor<2x2xf32>
}
