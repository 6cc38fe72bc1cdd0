// The generated code reports bad ids, bad offsets and mismatched run-time
// sizes with cf.assert, which prints the message and aborts (%run_cpu runs
// with unbuffered stdout so that the message reaches the pipe).
//
// RUN: accel-opt %s --accel-cpu-reference > %t.mlir
// RUN: cat %t.mlir | not --crash %run_cpu gather_too_large 2>&1 | FileCheck %s --check-prefix=GATHER
// RUN: cat %t.mlir | not --crash %run_cpu gather_negative_dynamic 2>&1 | FileCheck %s --check-prefix=GATHER-DYN
// RUN: cat %t.mlir | not --crash %run_cpu typed_bad_type 2>&1 | FileCheck %s --check-prefix=TYPED
// RUN: cat %t.mlir | not --crash %run_cpu typed_bad_length 2>&1 | FileCheck %s --check-prefix=TYPED-LEN
// RUN: cat %t.mlir | not --crash %run_cpu segment_bad_first 2>&1 | FileCheck %s --check-prefix=SEG-FIRST
// RUN: cat %t.mlir | not --crash %run_cpu segment_decreasing 2>&1 | FileCheck %s --check-prefix=SEG-ORDER
// RUN: cat %t.mlir | not --crash %run_cpu segment_bad_last 2>&1 | FileCheck %s --check-prefix=SEG-LAST
// RUN: cat %t.mlir | not --crash %run_cpu segment_bad_length 2>&1 | FileCheck %s --check-prefix=SEG-LEN
// RUN: cat %t.mlir | not --crash %run_cpu scatter_too_large 2>&1 | FileCheck %s --check-prefix=SCATTER
// RUN: cat %t.mlir | not --crash %run_cpu softmax_negative 2>&1 | FileCheck %s --check-prefix=SOFTMAX
// RUN: cat %t.mlir | %run_cpu all_valid 2>&1 | FileCheck %s --check-prefix=VALID

func.func private @printMemrefF32(tensor<*xf32>)

func.func @print(%t: tensor<?x?xf32>) {
  %u = tensor.cast %t : tensor<?x?xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

// GATHER: 'accel.gather_rows' op expects indices in [0, 3)
// GATHER-NOT: Unranked Memref
func.func @gather_too_large() {
  %x = arith.constant dense<1.0> : tensor<3x2xf32>
  %i = arith.constant dense<[0, 3]> : tensor<2xi32>
  %g = accel.gather_rows %x, %i : (tensor<3x2xf32>, tensor<2xi32>) -> tensor<?x?xf32>
  call @print(%g) : (tensor<?x?xf32>) -> ()
  return
}

// GATHER-DYN: 'accel.gather_rows' op expects indices in [0, N)
// GATHER-DYN-NOT: Unranked Memref
func.func @gather_negative_dynamic() {
  %x = arith.constant dense<1.0> : tensor<3x2xf32>
  %xd = tensor.cast %x : tensor<3x2xf32> to tensor<?x2xf32>
  %i = arith.constant dense<[1, -1]> : tensor<2xi64>
  %g = accel.gather_rows %xd, %i : (tensor<?x2xf32>, tensor<2xi64>) -> tensor<?x?xf32>
  call @print(%g) : (tensor<?x?xf32>) -> ()
  return
}

// TYPED: 'accel.typed_matmul' op expects type ids in [0, 2)
// TYPED-NOT: Unranked Memref
func.func @typed_bad_type() {
  %x = arith.constant dense<1.0> : tensor<3x2xf32>
  %w = arith.constant dense<1.0> : tensor<2x2x4xf32>
  %t = arith.constant dense<[0, 1, 2]> : tensor<3xi32>
  %y = accel.typed_matmul %x, %w, %t : (tensor<3x2xf32>, tensor<2x2x4xf32>, tensor<3xi32>) -> tensor<?x?xf32>
  call @print(%y) : (tensor<?x?xf32>) -> ()
  return
}

// TYPED-LEN: 'accel.typed_matmul' op expects one type per row of x
// TYPED-LEN-NOT: Unranked Memref
func.func @typed_bad_length() {
  %x = arith.constant dense<1.0> : tensor<3x2xf32>
  %xd = tensor.cast %x : tensor<3x2xf32> to tensor<?x2xf32>
  %t = arith.constant dense<[0, 1]> : tensor<2xi32>
  %td = tensor.cast %t : tensor<2xi32> to tensor<?xi32>
  call @typed_dynamic(%xd, %td) : (tensor<?x2xf32>, tensor<?xi32>) -> ()
  return
}

// A function boundary keeps the canonicalizer from seeing (and folding) the
// mismatched static sizes.
func.func @typed_dynamic(%x: tensor<?x2xf32>, %t: tensor<?xi32>) {
  %w = arith.constant dense<1.0> : tensor<2x2x4xf32>
  %y = accel.typed_matmul %x, %w, %t : (tensor<?x2xf32>, tensor<2x2x4xf32>, tensor<?xi32>) -> tensor<?x?xf32>
  call @print(%y) : (tensor<?x?xf32>) -> ()
  return
}

// Offsets are passed through a dynamic cast so that the verifier, which
// checks constant offsets, cannot see them.

// SEG-FIRST: 'accel.segment_matmul' op expects offsets[0] = 0
// SEG-FIRST-NOT: Unranked Memref
func.func @segment_bad_first() {
  %x = arith.constant dense<1.0> : tensor<3x2xf32>
  %w = arith.constant dense<1.0> : tensor<2x2x4xf32>
  %o = arith.constant dense<[1, 2, 3]> : tensor<3xi64>
  %od = tensor.cast %o : tensor<3xi64> to tensor<?xi64>
  %y = accel.segment_matmul %x, %w, %od : (tensor<3x2xf32>, tensor<2x2x4xf32>, tensor<?xi64>) -> tensor<?x?xf32>
  call @print(%y) : (tensor<?x?xf32>) -> ()
  return
}

// SEG-ORDER: 'accel.segment_matmul' op expects non-decreasing offsets
// SEG-ORDER-NOT: Unranked Memref
func.func @segment_decreasing() {
  %x = arith.constant dense<1.0> : tensor<3x2xf32>
  %w = arith.constant dense<1.0> : tensor<3x2x4xf32>
  %o = arith.constant dense<[0, 2, 1, 3]> : tensor<4xi32>
  %od = tensor.cast %o : tensor<4xi32> to tensor<?xi32>
  %y = accel.segment_matmul %x, %w, %od : (tensor<3x2xf32>, tensor<3x2x4xf32>, tensor<?xi32>) -> tensor<?x?xf32>
  call @print(%y) : (tensor<?x?xf32>) -> ()
  return
}

// SEG-LAST: 'accel.segment_matmul' op expects offsets[R] to equal the rows of x (E)
// SEG-LAST-NOT: Unranked Memref
func.func @segment_bad_last() {
  %x = arith.constant dense<1.0> : tensor<3x2xf32>
  %w = arith.constant dense<1.0> : tensor<2x2x4xf32>
  %o = arith.constant dense<[0, 1, 2]> : tensor<3xi64>
  %od = tensor.cast %o : tensor<3xi64> to tensor<?xi64>
  %y = accel.segment_matmul %x, %w, %od : (tensor<3x2xf32>, tensor<2x2x4xf32>, tensor<?xi64>) -> tensor<?x?xf32>
  call @print(%y) : (tensor<?x?xf32>) -> ()
  return
}

// SEG-LEN: 'accel.segment_matmul' op expects R + 1 offsets
// SEG-LEN-NOT: Unranked Memref
func.func @segment_bad_length() {
  %w = arith.constant dense<1.0> : tensor<2x2x4xf32>
  %wd = tensor.cast %w : tensor<2x2x4xf32> to tensor<?x2x4xf32>
  %o = arith.constant dense<[0, 3]> : tensor<2xi64>
  %od = tensor.cast %o : tensor<2xi64> to tensor<?xi64>
  call @segment_dynamic(%wd, %od) : (tensor<?x2x4xf32>, tensor<?xi64>) -> ()
  return
}

func.func @segment_dynamic(%w: tensor<?x2x4xf32>, %o: tensor<?xi64>) {
  %x = arith.constant dense<1.0> : tensor<3x2xf32>
  %y = accel.segment_matmul %x, %w, %o : (tensor<3x2xf32>, tensor<?x2x4xf32>, tensor<?xi64>) -> tensor<?x?xf32>
  call @print(%y) : (tensor<?x?xf32>) -> ()
  return
}

// SCATTER: 'accel.scatter_reduce' op expects indices in [0, 4)
// SCATTER-NOT: Unranked Memref
func.func @scatter_too_large() {
  %m = arith.constant dense<1.0> : tensor<3x2xf32>
  %i = arith.constant dense<[0, 4, 1]> : tensor<3xi32>
  %r = accel.scatter_reduce %m, %i {num_rows = 4 : i64, reduce = "max"} : (tensor<3x2xf32>, tensor<3xi32>) -> tensor<?x?xf32>
  call @print(%r) : (tensor<?x?xf32>) -> ()
  return
}

// SOFTMAX: 'accel.edge_softmax' op expects destinations in [0, 5)
// SOFTMAX-NOT: Unranked Memref
func.func @softmax_negative() {
  %s = arith.constant dense<1.0> : tensor<3x2xf32>
  %d = arith.constant dense<[0, -2, 4]> : tensor<3xi64>
  %a = accel.edge_softmax %s, %d {num_nodes = 5 : i64} : (tensor<3x2xf32>, tensor<3xi64>) -> tensor<?x?xf32>
  call @print(%a) : (tensor<?x?xf32>) -> ()
  return
}

// Ids at the edges of their ranges pass every check.
// VALID-NOT: accel.
// VALID-COUNT-5: Unranked Memref
// VALID-NOT: accel.
func.func @all_valid() {
  %x = arith.constant dense<1.0> : tensor<3x2xf32>
  %i = arith.constant dense<[0, 2]> : tensor<2xi32>
  %g = accel.gather_rows %x, %i : (tensor<3x2xf32>, tensor<2xi32>) -> tensor<?x?xf32>
  call @print(%g) : (tensor<?x?xf32>) -> ()
  %w = arith.constant dense<1.0> : tensor<2x2x4xf32>
  %t = arith.constant dense<[0, 1, 1]> : tensor<3xi32>
  %y = accel.typed_matmul %x, %w, %t : (tensor<3x2xf32>, tensor<2x2x4xf32>, tensor<3xi32>) -> tensor<?x?xf32>
  call @print(%y) : (tensor<?x?xf32>) -> ()
  %o = arith.constant dense<[0, 0, 3]> : tensor<3xi64>
  %od = tensor.cast %o : tensor<3xi64> to tensor<?xi64>
  %z = accel.segment_matmul %x, %w, %od : (tensor<3x2xf32>, tensor<2x2x4xf32>, tensor<?xi64>) -> tensor<?x?xf32>
  call @print(%z) : (tensor<?x?xf32>) -> ()
  %ri = arith.constant dense<[0, 3, 3]> : tensor<3xi32>
  %r = accel.scatter_reduce %x, %ri {num_rows = 4 : i64, reduce = "mean"} : (tensor<3x2xf32>, tensor<3xi32>) -> tensor<?x?xf32>
  call @print(%r) : (tensor<?x?xf32>) -> ()
  %d = arith.constant dense<[0, 4, 4]> : tensor<3xi64>
  %a = accel.edge_softmax %x, %d {num_nodes = 5 : i64} : (tensor<3x2xf32>, tensor<3xi64>) -> tensor<?x?xf32>
  call @print(%a) : (tensor<?x?xf32>) -> ()
  return
}
