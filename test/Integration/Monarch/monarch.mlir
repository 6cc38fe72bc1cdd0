// RUN: accel-opt %s --accel-cpu-reference | %run_cpu main | FileCheck %s

// accel.block_diag_matmul and accel.monarch_matmul on small hand-computed
// cases (the expected values follow the contract's formulas literally):
// one block and several blocks with batch dims, a Monarch product with
// non-square factors (k=2, q=3, p=2; l=3, s=2, r=2), one-block Monarch
// (a plain product of two dense matrices), dynamic sizes, and t1 kept in
// f32 between the two factors.

func.func private @printMemrefF32(tensor<*xf32>)

func.func @print(%t: tensor<?x?xf32>) {
  %u = tensor.cast %t : tensor<?x?xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

// Dynamic sizes everywhere, out of sight of the canonicalizer behind a call.
func.func @monarch_dynamic(%x: tensor<?x?xf32>, %w1: tensor<?x?x?xf32>, %w2: tensor<?x?x?xf32>) {
  %y = accel.monarch_matmul %x, %w1, %w2 : (tensor<?x?xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> tensor<?x?xf32>
  call @print(%y) : (tensor<?x?xf32>) -> ()
  return
}

func.func @main() {
  // One block (nb = 1): a dense [2, 3] matrix applied to two rows.
  // x rows [1, 2, 3] and [0, 1, -1]; w[0] = [[1, 0, 2], [-1, 1, 1]].
  // CHECK: sizes = [2, 2]
  // CHECK-NEXT: {{\[}}[7,   4],
  // CHECK-NEXT: [-2,   0]]
  %x1 = arith.constant dense<[[1.0, 2.0, 3.0], [0.0, 1.0, -1.0]]> : tensor<2x3xf32>
  %v1 = arith.constant dense<[[[1.0, 0.0, 2.0], [-1.0, 1.0, 1.0]]]> : tensor<1x2x3xf32>
  %y1 = accel.block_diag_matmul %x1, %v1 : (tensor<2x3xf32>, tensor<1x2x3xf32>) -> tensor<2x2xf32>
  %p1 = tensor.cast %y1 : tensor<2x2xf32> to tensor<?x?xf32>
  call @print(%p1) : (tensor<?x?xf32>) -> ()

  // Three blocks (nb = 3, q = 2, p = 2) with batch dims [2, 2]:
  // w = [[[1, 1], [1, -1]], [[2, 0], [0, 3]], [[0, 1], [1, 0]]].
  // CHECK: sizes = [2, 2, 6]
  // CHECK-NEXT: {{\[}}{{\[}}[3,   -1,   6,   12,   6,   5],
  // CHECK-NEXT: [1,   1,   0,   3,   0,   1]],
  // CHECK-NEXT: {{\[}}[0,   0,   0,   0,   1,   0],
  // CHECK-NEXT: [0,   -2,   -2,   3,   1,   -1]]]
  %x3 = arith.constant dense<[[[1.0, 2.0, 3.0, 4.0, 5.0, 6.0], [1.0, 0.0, 0.0, 1.0, 1.0, 0.0]],
                              [[0.0, 0.0, 0.0, 0.0, 0.0, 1.0], [-1.0, 1.0, -1.0, 1.0, -1.0, 1.0]]]> : tensor<2x2x6xf32>
  %w3 = arith.constant dense<[[[1.0, 1.0], [1.0, -1.0]], [[2.0, 0.0], [0.0, 3.0]], [[0.0, 1.0], [1.0, 0.0]]]> : tensor<3x2x2xf32>
  %y3 = accel.block_diag_matmul %x3, %w3 : (tensor<2x2x6xf32>, tensor<3x2x2xf32>) -> tensor<2x2x6xf32>
  %u3 = tensor.cast %y3 : tensor<2x2x6xf32> to tensor<*xf32>
  call @printMemrefF32(%u3) : (tensor<*xf32>) -> ()

  // Monarch, k=2, q=3, p=2 (n = 4) and l=3, s=2, r=2 (k*q = l*r = 6).
  // For x = [1, 2, 3, 4]: t1 = [5, 2, 1, 6, 7, -4], viewed as
  // [r, l] = [[5, 2, 1], [6, 7, -4]], t2 = [[5, 6], [2, 7], [1, -4]];
  // u[c] = w2[c] @ t2[c] = [5, 16], [7, -5], [-1, -8];
  // out[o*l + c] = u[c][o] = [5, 7, -1, 16, -5, -8].
  // For x = [0, -1, 2, 1]: t1 = [-2, -1, -1, 4, 3, -1],
  // out = [-2, 3, -4, 0, -4, -2].
  // CHECK: sizes = [2, 6]
  // CHECK-NEXT: {{\[}}[5,   7,   -1,   16,   -5,   -8],
  // CHECK-NEXT: [-2,   3,   -4,   0,   -4,   -2]]
  %xm = arith.constant dense<[[1.0, 2.0, 3.0, 4.0], [0.0, -1.0, 2.0, 1.0]]> : tensor<2x4xf32>
  %w1 = arith.constant dense<[[[1.0, 2.0], [0.0, 1.0], [-1.0, 1.0]], [[2.0, 0.0], [1.0, 1.0], [0.0, -1.0]]]> : tensor<2x3x2xf32>
  %w2 = arith.constant dense<[[[1.0, 0.0], [2.0, 1.0]], [[0.0, 1.0], [1.0, -1.0]], [[3.0, 1.0], [0.0, 2.0]]]> : tensor<3x2x2xf32>
  %ym = accel.monarch_matmul %xm, %w1, %w2 : (tensor<2x4xf32>, tensor<2x3x2xf32>, tensor<3x2x2xf32>) -> tensor<2x6xf32>
  %pm = tensor.cast %ym : tensor<2x6xf32> to tensor<?x?xf32>
  call @print(%pm) : (tensor<?x?xf32>) -> ()

  // The same with every size dynamic.
  // CHECK: sizes = [2, 6]
  // CHECK-NEXT: {{\[}}[5,   7,   -1,   16,   -5,   -8],
  // CHECK-NEXT: [-2,   3,   -4,   0,   -4,   -2]]
  %xmd = tensor.cast %xm : tensor<2x4xf32> to tensor<?x?xf32>
  %w1d = tensor.cast %w1 : tensor<2x3x2xf32> to tensor<?x?x?xf32>
  %w2d = tensor.cast %w2 : tensor<3x2x2xf32> to tensor<?x?x?xf32>
  call @monarch_dynamic(%xmd, %w1d, %w2d) : (tensor<?x?xf32>, tensor<?x?x?xf32>, tensor<?x?x?xf32>) -> ()

  // One-block Monarch (k = 1, l = 1): out = W2 @ (W1 @ x) with
  // W1 = [[1, 0, 2], [-1, 1, 1]], W2 = [[2, 1], [0, -3]], x = [1, 2, 3]:
  // W1 x = [7, 4], W2 [7, 4] = [18, -12].
  // CHECK: sizes = [1, 2]
  // CHECK-NEXT: {{\[}}[18,   -12]]
  %xo = arith.constant dense<[[1.0, 2.0, 3.0]]> : tensor<1x3xf32>
  %wo2 = arith.constant dense<[[[2.0, 1.0], [0.0, -3.0]]]> : tensor<1x2x2xf32>
  %yo = accel.monarch_matmul %xo, %v1, %wo2 : (tensor<1x3xf32>, tensor<1x2x3xf32>, tensor<1x2x2xf32>) -> tensor<1x2xf32>
  %po = tensor.cast %yo : tensor<1x2xf32> to tensor<?x?xf32>
  call @print(%po) : (tensor<?x?xf32>) -> ()

  // t1 stays in f32 between the factors: bf16 x = [1, 2^-8] summed by
  // w1 = [[[1, 1]]] gives t1 = 1.00390625, which bf16 cannot hold (it would
  // round to 1); w2 = [[[1]]] passes it to the f32 result.
  // CHECK: sizes = [1, 1]
  // CHECK-NEXT: {{\[}}[1.00391]]
  %xb = arith.constant dense<[[1.0, 0.00390625]]> : tensor<1x2xbf16>
  %wb1 = arith.constant dense<[[[1.0, 1.0]]]> : tensor<1x1x2xbf16>
  %wb2 = arith.constant dense<[[[1.0]]]> : tensor<1x1x1xbf16>
  %yb = accel.monarch_matmul %xb, %wb1, %wb2 : (tensor<1x2xbf16>, tensor<1x1x2xbf16>, tensor<1x1x1xbf16>) -> tensor<1x1xf32>
  %pb = tensor.cast %yb : tensor<1x1xf32> to tensor<?x?xf32>
  call @print(%pb) : (tensor<?x?xf32>) -> ()
  return
}
