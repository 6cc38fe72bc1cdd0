// RUN: accel-opt %s --accel-cpu-reference | not --crash %run_cpu batch 2>/dev/null | FileCheck %s --check-prefix=BATCH
// RUN: accel-opt %s --accel-cpu-reference | not --crash %run_cpu reduction 2>/dev/null | FileCheck %s --check-prefix=REDUCTION

// Sizes the verifier cannot compare (dynamic dims) are checked at run time;
// a failed check prints its message and aborts (%run_cpu keeps stdout
// unbuffered so that the message reaches the pipe).
// The dynamic operands come in through a call so that no canonicalization
// sees the static sizes behind them.

func.func private @printMemrefF32(tensor<*xf32>)

// Batch dims 2 and 3 are neither equal nor 1.
// BATCH: 'accel.matmul' op expects batch dim 0 of a and b to be equal or 1
// BATCH-NOT: sizes
func.func @batch() {
  %a0 = arith.constant dense<1.0> : tensor<2x2x2xf32>
  %b0 = arith.constant dense<1.0> : tensor<3x2x2xf32>
  %a = tensor.cast %a0 : tensor<2x2x2xf32> to tensor<?x2x2xf32>
  %b = tensor.cast %b0 : tensor<3x2x2xf32> to tensor<?x2x2xf32>
  call @batch_matmul(%a, %b) : (tensor<?x2x2xf32>, tensor<?x2x2xf32>) -> ()
  return
}

func.func @batch_matmul(%a: tensor<?x2x2xf32>, %b: tensor<?x2x2xf32>) {
  %c = accel.matmul %a, %b : (tensor<?x2x2xf32>, tensor<?x2x2xf32>) -> tensor<?x2x2xf32>
  %u = tensor.cast %c : tensor<?x2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

// K is 3 in a and 2 in b.
// REDUCTION: 'accel.matmul' op expects the reduction dims of a and b to match
// REDUCTION-NOT: sizes
func.func @reduction() {
  %a0 = arith.constant dense<1.0> : tensor<2x3xf32>
  %b0 = arith.constant dense<1.0> : tensor<2x2xf32>
  %a = tensor.cast %a0 : tensor<2x3xf32> to tensor<2x?xf32>
  %b = tensor.cast %b0 : tensor<2x2xf32> to tensor<?x2xf32>
  call @reduction_matmul(%a, %b) : (tensor<2x?xf32>, tensor<?x2xf32>) -> ()
  return
}

func.func @reduction_matmul(%a: tensor<2x?xf32>, %b: tensor<?x2xf32>) {
  %c = accel.matmul %a, %b : (tensor<2x?xf32>, tensor<?x2xf32>) -> tensor<2x2xf32>
  %u = tensor.cast %c : tensor<2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}
