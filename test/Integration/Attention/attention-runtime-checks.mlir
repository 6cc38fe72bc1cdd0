// Sizes the verifier cannot compare (dynamic dims) are checked at run time
// with cf.assert, which prints the message and aborts.
// RUN: accel-opt %s --accel-cpu-reference > %t.ll
// RUN: not --crash %run_cpu heads < %t.ll > %t.heads 2>/dev/null
// RUN: FileCheck %s --check-prefix=HEADS < %t.heads
// RUN: not --crash %run_cpu keys < %t.ll > %t.keys 2>/dev/null
// RUN: FileCheck %s --check-prefix=KEYS < %t.keys
// RUN: not --crash %run_cpu bias < %t.ll > %t.bias 2>/dev/null
// RUN: FileCheck %s --check-prefix=BIAS < %t.bias
// RUN: not --crash %run_cpu grad < %t.ll > %t.grad 2>/dev/null
// RUN: FileCheck %s --check-prefix=GRAD < %t.grad
// RUN: stdbuf -o0 %run_cpu fine < %t.ll | FileCheck %s --check-prefix=FINE

func.func private @printMemrefF32(tensor<*xf32>)

func.func @attend(%q: tensor<1x?x2x2xf32>, %k: tensor<1x?x?x2xf32>, %v: tensor<1x?x?x2xf32>) {
  %o = accel.attention %q, %k, %v
      : (tensor<1x?x2x2xf32>, tensor<1x?x?x2xf32>, tensor<1x?x?x2xf32>) -> tensor<1x?x2x2xf32>
  %u = tensor.cast %o : tensor<1x?x2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

// HEADS: 'accel.attention' op expects the query heads to be a multiple of the kv heads
func.func @heads() {
  %q = arith.constant dense<1.0> : tensor<1x3x2x2xf32>
  %k = arith.constant dense<1.0> : tensor<1x2x2x2xf32>
  %qd = tensor.cast %q : tensor<1x3x2x2xf32> to tensor<1x?x2x2xf32>
  %kd = tensor.cast %k : tensor<1x2x2x2xf32> to tensor<1x?x?x2xf32>
  call @attend(%qd, %kd, %kd) : (tensor<1x?x2x2xf32>, tensor<1x?x?x2xf32>, tensor<1x?x?x2xf32>) -> ()
  return
}

// KEYS: 'accel.attention' op expects the key length sizes of the operands and results to agree
func.func @keys() {
  %q = arith.constant dense<1.0> : tensor<1x2x2x2xf32>
  %k = arith.constant dense<1.0> : tensor<1x2x3x2xf32>
  %v = arith.constant dense<1.0> : tensor<1x2x2x2xf32>
  %qd = tensor.cast %q : tensor<1x2x2x2xf32> to tensor<1x?x2x2xf32>
  %kd = tensor.cast %k : tensor<1x2x3x2xf32> to tensor<1x?x?x2xf32>
  %vd = tensor.cast %v : tensor<1x2x2x2xf32> to tensor<1x?x?x2xf32>
  call @attend(%qd, %kd, %vd) : (tensor<1x?x2x2xf32>, tensor<1x?x?x2xf32>, tensor<1x?x?x2xf32>) -> ()
  return
}

// A dynamic bias dim stretches when it is 1 at run time (attention-bias.mlir);
// any other size must be the score dim's.
// BIAS: 'accel.attention' op expects bias dim 1 to be 1 or the key length it broadcasts to
func.func @attend_bias(%q: tensor<1x1x2x2xf32>, %b: tensor<2x?xf32>) {
  %o = accel.attention %q, %q, %q, %b
      : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<2x?xf32>) -> tensor<1x1x2x2xf32>
  %u = tensor.cast %o : tensor<1x1x2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

func.func @bias() {
  %q = arith.constant dense<1.0> : tensor<1x1x2x2xf32>
  %b = arith.constant dense<1.0> : tensor<2x3xf32>
  %bd = tensor.cast %b : tensor<2x3xf32> to tensor<2x?xf32>
  call @attend_bias(%q, %bd) : (tensor<1x1x2x2xf32>, tensor<2x?xf32>) -> ()
  return
}

// GRAD: 'accel.attention_grad' op expects the query length sizes of the operands and results to agree
func.func @attend_grad(%q: tensor<1x1x2x2xf32>, %l: tensor<1x1x?xf32>) {
  %dq, %dk, %dv = accel.attention_grad %q, %q, %q, %q, %l, %q
      : (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>,
         tensor<1x1x?xf32>, tensor<1x1x2x2xf32>)
      -> (tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>, tensor<1x1x2x2xf32>)
  %u = tensor.cast %dq : tensor<1x1x2x2xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

func.func @grad() {
  %q = arith.constant dense<1.0> : tensor<1x1x2x2xf32>
  %l = arith.constant dense<1.0> : tensor<1x1x3xf32>
  %ld = tensor.cast %l : tensor<1x1x3xf32> to tensor<1x1x?xf32>
  call @attend_grad(%q, %ld) : (tensor<1x1x2x2xf32>, tensor<1x1x?xf32>) -> ()
  return
}

// Sizes that agree pass every check: Hq = 4, Hkv = 2, all values 1.
// FINE: rank = 4 offset = 0 sizes = [1, 4, 2, 2]
// FINE-NEXT: [1, 1]
func.func @fine() {
  %q = arith.constant dense<1.0> : tensor<1x4x2x2xf32>
  %k = arith.constant dense<1.0> : tensor<1x2x3x2xf32>
  %qd = tensor.cast %q : tensor<1x4x2x2xf32> to tensor<1x?x2x2xf32>
  %kd = tensor.cast %k : tensor<1x2x3x2xf32> to tensor<1x?x?x2xf32>
  call @attend(%qd, %kd, %kd) : (tensor<1x?x2x2xf32>, tensor<1x?x?x2xf32>, tensor<1x?x?x2xf32>) -> ()
  return
}
