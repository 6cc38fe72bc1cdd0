// RUN: accel-opt %s -split-input-file -verify-diagnostics

// Every rule of the scans (contract section 5b) has a located error, in
// the generic form the contract's tests use.

func.func @selective_delta_shape(%u: tensor<2x4x8xf32>, %dt: tensor<2x4x9xf32>, %A: tensor<4x3xf32>, %B: tensor<2x1x3x8xf32>, %C: tensor<2x1x3x8xf32>) -> tensor<2x4x8xf32> {
  // expected-error @+1 {{'accel.selective_scan' op expects delta of shape [2, 4, 8], got [2, 4, 9]}}
  %y = "accel.selective_scan"(%u, %dt, %A, %B, %C) <{operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 0, 0, 0>}> : (tensor<2x4x8xf32>, tensor<2x4x9xf32>, tensor<4x3xf32>, tensor<2x1x3x8xf32>, tensor<2x1x3x8xf32>) -> tensor<2x4x8xf32>
  return %y : tensor<2x4x8xf32>
}

// -----

func.func @selective_b_rank(%u: tensor<2x4x8xf32>, %dt: tensor<2x4x8xf32>, %A: tensor<4x3xf32>, %B: tensor<2x3x8xf32>, %C: tensor<2x1x3x8xf32>) -> tensor<2x4x8xf32> {
  // expected-error @+1 {{'accel.selective_scan' op expects B of rank 4 ([Bt, G, N, L]), got rank 3}}
  %y = "accel.selective_scan"(%u, %dt, %A, %B, %C) <{operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 0, 0, 0>}> : (tensor<2x4x8xf32>, tensor<2x4x8xf32>, tensor<4x3xf32>, tensor<2x3x8xf32>, tensor<2x1x3x8xf32>) -> tensor<2x4x8xf32>
  return %y : tensor<2x4x8xf32>
}

// -----

func.func @selective_state_size(%u: tensor<2x4x8xf32>, %dt: tensor<2x4x8xf32>, %A: tensor<4x3xf32>, %B: tensor<2x1x5x8xf32>, %C: tensor<2x1x5x8xf32>) -> tensor<2x4x8xf32> {
  // expected-error @+1 {{'accel.selective_scan' op expects B of shape [2, 1, 3, 8], got [2, 1, 5, 8]}}
  %y = "accel.selective_scan"(%u, %dt, %A, %B, %C) <{operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 0, 0, 0>}> : (tensor<2x4x8xf32>, tensor<2x4x8xf32>, tensor<4x3xf32>, tensor<2x1x5x8xf32>, tensor<2x1x5x8xf32>) -> tensor<2x4x8xf32>
  return %y : tensor<2x4x8xf32>
}

// -----

func.func @selective_groups(%u: tensor<2x4x8xf32>, %dt: tensor<2x4x8xf32>, %A: tensor<4x3xf32>, %B: tensor<2x3x3x8xf32>, %C: tensor<2x3x3x8xf32>) -> tensor<2x4x8xf32> {
  // expected-error @+1 {{'accel.selective_scan' op expects Dm (4) to be a multiple of G (3)}}
  %y = "accel.selective_scan"(%u, %dt, %A, %B, %C) <{operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 0, 0, 0>}> : (tensor<2x4x8xf32>, tensor<2x4x8xf32>, tensor<4x3xf32>, tensor<2x3x3x8xf32>, tensor<2x3x3x8xf32>) -> tensor<2x4x8xf32>
  return %y : tensor<2x4x8xf32>
}

// -----

func.func @selective_types(%u: tensor<2x4x8xf16>, %dt: tensor<2x4x8xf32>, %A: tensor<4x3xf32>, %B: tensor<2x1x3x8xf16>, %C: tensor<2x1x3x8xf16>) -> tensor<2x4x8xf16> {
  // expected-error @+1 {{'accel.selective_scan' op expects u and delta to share an element type, got 'f16' and 'f32'}}
  %y = "accel.selective_scan"(%u, %dt, %A, %B, %C) <{operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 0, 0, 0>}> : (tensor<2x4x8xf16>, tensor<2x4x8xf32>, tensor<4x3xf32>, tensor<2x1x3x8xf16>, tensor<2x1x3x8xf16>) -> tensor<2x4x8xf16>
  return %y : tensor<2x4x8xf16>
}

// -----

func.func @selective_a_type(%u: tensor<2x4x8xf16>, %dt: tensor<2x4x8xf16>, %A: tensor<4x3xf16>, %B: tensor<2x1x3x8xf16>, %C: tensor<2x1x3x8xf16>) -> tensor<2x4x8xf16> {
  // expected-error @+1 {{'accel.selective_scan' op operand #2 must be ranked tensor of 32-bit float values}}
  %y = "accel.selective_scan"(%u, %dt, %A, %B, %C) <{operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 0, 0, 0>}> : (tensor<2x4x8xf16>, tensor<2x4x8xf16>, tensor<4x3xf16>, tensor<2x1x3x8xf16>, tensor<2x1x3x8xf16>) -> tensor<2x4x8xf16>
  return %y : tensor<2x4x8xf16>
}

// -----

func.func @selective_y_type(%u: tensor<2x4x8xf16>, %dt: tensor<2x4x8xf16>, %A: tensor<4x3xf32>, %B: tensor<2x1x3x8xf16>, %C: tensor<2x1x3x8xf16>) -> tensor<2x4x8xf32> {
  // expected-error @+1 {{'accel.selective_scan' op expects y of u's element type 'f16', got 'f32'}}
  %y = "accel.selective_scan"(%u, %dt, %A, %B, %C) <{operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 0, 0, 0>}> : (tensor<2x4x8xf16>, tensor<2x4x8xf16>, tensor<4x3xf32>, tensor<2x1x3x8xf16>, tensor<2x1x3x8xf16>) -> tensor<2x4x8xf32>
  return %y : tensor<2x4x8xf32>
}

// -----

func.func @selective_last_state(%u: tensor<2x4x8xf32>, %dt: tensor<2x4x8xf32>, %A: tensor<4x3xf32>, %B: tensor<2x1x3x8xf32>, %C: tensor<2x1x3x8xf32>) -> tensor<2x4x8xf32> {
  // expected-error @+1 {{'accel.selective_scan' op expects last_state of shape [2, 4, 3], got [2, 4, 8]}}
  %y, %s = "accel.selective_scan"(%u, %dt, %A, %B, %C) <{operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 0, 0, 0>}> : (tensor<2x4x8xf32>, tensor<2x4x8xf32>, tensor<4x3xf32>, tensor<2x1x3x8xf32>, tensor<2x1x3x8xf32>) -> (tensor<2x4x8xf32>, tensor<2x4x8xf32>)
  return %y : tensor<2x4x8xf32>
}

// -----

func.func @selective_d_shape(%u: tensor<2x4x8xf32>, %dt: tensor<2x4x8xf32>, %A: tensor<4x3xf32>, %B: tensor<2x1x3x8xf32>, %C: tensor<2x1x3x8xf32>, %D: tensor<5xf32>) -> tensor<2x4x8xf32> {
  // expected-error @+1 {{'accel.selective_scan' op expects D of shape [4], got [5]}}
  %y = "accel.selective_scan"(%u, %dt, %A, %B, %C, %D) <{operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 0, 0>}> : (tensor<2x4x8xf32>, tensor<2x4x8xf32>, tensor<4x3xf32>, tensor<2x1x3x8xf32>, tensor<2x1x3x8xf32>, tensor<5xf32>) -> tensor<2x4x8xf32>
  return %y : tensor<2x4x8xf32>
}

// -----

func.func @ssd_dt_shape(%x: tensor<1x6x4x2xf32>, %dt: tensor<1x6x3xf32>, %A: tensor<4xf32>, %B: tensor<1x6x2x3xf32>, %C: tensor<1x6x2x3xf32>) -> tensor<1x6x4x2xf32> {
  // expected-error @+1 {{'accel.ssd_scan' op expects dt of shape [1, 6, 4], got [1, 6, 3]}}
  %y = "accel.ssd_scan"(%x, %dt, %A, %B, %C) <{operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 0, 0, 0, 0>}> : (tensor<1x6x4x2xf32>, tensor<1x6x3xf32>, tensor<4xf32>, tensor<1x6x2x3xf32>, tensor<1x6x2x3xf32>) -> tensor<1x6x4x2xf32>
  return %y : tensor<1x6x4x2xf32>
}

// -----

func.func @ssd_groups(%x: tensor<1x6x4x2xf32>, %dt: tensor<1x6x4xf32>, %A: tensor<4xf32>, %B: tensor<1x6x3x3xf32>, %C: tensor<1x6x3x3xf32>) -> tensor<1x6x4x2xf32> {
  // expected-error @+1 {{'accel.ssd_scan' op expects H (4) to be a multiple of G (3)}}
  %y = "accel.ssd_scan"(%x, %dt, %A, %B, %C) <{operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 0, 0, 0, 0>}> : (tensor<1x6x4x2xf32>, tensor<1x6x4xf32>, tensor<4xf32>, tensor<1x6x3x3xf32>, tensor<1x6x3x3xf32>) -> tensor<1x6x4x2xf32>
  return %y : tensor<1x6x4x2xf32>
}

// -----

func.func @ssd_d_per_channel(%x: tensor<1x6x4x2xf32>, %dt: tensor<1x6x4xf32>, %A: tensor<4xf32>, %B: tensor<1x6x2x3xf32>, %C: tensor<1x6x2x3xf32>, %D: tensor<4x3xf32>) -> tensor<1x6x4x2xf32> {
  // expected-error @+1 {{'accel.ssd_scan' op expects D of shape [4, 2], got [4, 3]}}
  %y = "accel.ssd_scan"(%x, %dt, %A, %B, %C, %D) <{operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 0, 0, 0>}> : (tensor<1x6x4x2xf32>, tensor<1x6x4xf32>, tensor<4xf32>, tensor<1x6x2x3xf32>, tensor<1x6x2x3xf32>, tensor<4x3xf32>) -> tensor<1x6x4x2xf32>
  return %y : tensor<1x6x4x2xf32>
}

// -----

func.func @ssd_initial_state(%x: tensor<1x6x4x2xf32>, %dt: tensor<1x6x4xf32>, %A: tensor<4xf32>, %B: tensor<1x6x2x3xf32>, %C: tensor<1x6x2x3xf32>, %h0: tensor<1x4x3x2xf32>) -> tensor<1x6x4x2xf32> {
  // expected-error @+1 {{'accel.ssd_scan' op expects initial_state of shape [1, 4, 2, 3], got [1, 4, 3, 2]}}
  %y = "accel.ssd_scan"(%x, %dt, %A, %B, %C, %h0) <{operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 0, 0, 0, 1>}> : (tensor<1x6x4x2xf32>, tensor<1x6x4xf32>, tensor<4xf32>, tensor<1x6x2x3xf32>, tensor<1x6x2x3xf32>, tensor<1x4x3x2xf32>) -> tensor<1x6x4x2xf32>
  return %y : tensor<1x6x4x2xf32>
}

// -----

func.func @ssd_z_type(%x: tensor<1x6x4x2xbf16>, %dt: tensor<1x6x4xbf16>, %A: tensor<4xf32>, %B: tensor<1x6x2x3xbf16>, %C: tensor<1x6x2x3xbf16>, %z: tensor<1x6x4x2xf16>) -> tensor<1x6x4x2xbf16> {
  // expected-error @+1 {{'accel.ssd_scan' op expects x and z to share an element type, got 'bf16' and 'f16'}}
  %y = "accel.ssd_scan"(%x, %dt, %A, %B, %C, %z) <{operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 0, 1, 0, 0>}> : (tensor<1x6x4x2xbf16>, tensor<1x6x4xbf16>, tensor<4xf32>, tensor<1x6x2x3xbf16>, tensor<1x6x2x3xbf16>, tensor<1x6x4x2xf16>) -> tensor<1x6x4x2xbf16>
  return %y : tensor<1x6x4x2xbf16>
}

// -----

func.func @ssd_segments(%x: tensor<1x6x4x2xf32>, %dt: tensor<1x6x4xf32>, %A: tensor<4xf32>, %B: tensor<1x6x2x3xf32>, %C: tensor<1x6x2x3xf32>) -> tensor<1x6x4x2xf32> {
  // expected-error @+1 {{'accel.ssd_scan' op operand count (5) does not match with the total size (6) specified in attribute 'operandSegmentSizes'}}
  %y = "accel.ssd_scan"(%x, %dt, %A, %B, %C) <{operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 0, 0, 0>}> : (tensor<1x6x4x2xf32>, tensor<1x6x4xf32>, tensor<4xf32>, tensor<1x6x2x3xf32>, tensor<1x6x2x3xf32>) -> tensor<1x6x4x2xf32>
  return %y : tensor<1x6x4x2xf32>
}
