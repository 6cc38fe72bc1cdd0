// RUN: accel-opt %s --accel-cpu-reference | %run_cpu main | FileCheck %s

// accel.matmul on small hand-computed cases: plain, transpose_b with a bias,
// batch broadcasting (a shared rank-2 b or a, a static size-1 batch dim,
// dynamic batch dims that are 1 at run time), f16 inputs accumulated in
// f32, a bf16 result rounded once after the bias, and K = 0.

func.func private @printMemrefF32(tensor<*xf32>)

func.func @print(%t: tensor<?x?xf32>) {
  %u = tensor.cast %t : tensor<?x?xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

func.func @print3(%t: tensor<?x?x?xf32>) {
  %u = tensor.cast %t : tensor<?x?x?xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

// Prints a bf16 matrix through an exact extension to f32.
func.func @print_bf16(%t: tensor<?x?xbf16>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %d0 = tensor.dim %t, %c0 : tensor<?x?xbf16>
  %d1 = tensor.dim %t, %c1 : tensor<?x?xbf16>
  %e = tensor.empty(%d0, %d1) : tensor<?x?xf32>
  %f = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%t : tensor<?x?xbf16>) outs(%e : tensor<?x?xf32>) {
  ^bb0(%in: bf16, %out: f32):
    %x = arith.extf %in : bf16 to f32
    linalg.yield %x : f32
  } -> tensor<?x?xf32>
  call @print(%f) : (tensor<?x?xf32>) -> ()
  return
}

// Same for f16.
func.func @print_f16(%t: tensor<?x?xf16>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %d0 = tensor.dim %t, %c0 : tensor<?x?xf16>
  %d1 = tensor.dim %t, %c1 : tensor<?x?xf16>
  %e = tensor.empty(%d0, %d1) : tensor<?x?xf32>
  %f = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%t : tensor<?x?xf16>) outs(%e : tensor<?x?xf32>) {
  ^bb0(%in: f16, %out: f32):
    %x = arith.extf %in : f16 to f32
    linalg.yield %x : f32
  } -> tensor<?x?xf32>
  call @print(%f) : (tensor<?x?xf32>) -> ()
  return
}

// Dynamic batch dims, out of sight of the canonicalizer behind a call.
func.func @dynamic_batch(%a: tensor<?x2x2xf32>, %b: tensor<?x2x2xf32>) {
  %c = accel.matmul %a, %b : (tensor<?x2x2xf32>, tensor<?x2x2xf32>) -> tensor<?x2x2xf32>
  %p = tensor.cast %c : tensor<?x2x2xf32> to tensor<?x?x?xf32>
  call @print3(%p) : (tensor<?x?x?xf32>) -> ()
  return
}

func.func @main() {
  %a = arith.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>

  // Plain: [[1,2,3],[4,5,6]] @ [[1,2],[0,1],[-1,0]].
  // CHECK: sizes = [2, 2]
  // CHECK-NEXT: {{\[}}[-2,   4],
  // CHECK-NEXT: [-2,   13]]
  %b = arith.constant dense<[[1.0, 2.0], [0.0, 1.0], [-1.0, 0.0]]> : tensor<3x2xf32>
  %c0 = accel.matmul %a, %b : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x2xf32>
  %p0 = tensor.cast %c0 : tensor<2x2xf32> to tensor<?x?xf32>
  call @print(%p0) : (tensor<?x?xf32>) -> ()

  // transpose_b (b is [N, K]) and a per-column bias [0.5, -1].
  // CHECK: sizes = [2, 2]
  // CHECK-NEXT: {{\[}}[-1.5,   3],
  // CHECK-NEXT: [-1.5,   12]]
  %bt = arith.constant dense<[[1.0, 0.0, -1.0], [2.0, 1.0, 0.0]]> : tensor<2x3xf32>
  %bias = arith.constant dense<[0.5, -1.0]> : tensor<2xf32>
  %c1 = accel.matmul %a, %bt, %bias {transpose_b = true}
      : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  %p1 = tensor.cast %c1 : tensor<2x2xf32> to tensor<?x?xf32>
  call @print(%p1) : (tensor<?x?xf32>) -> ()

  // A batched a against a rank-2 b shared by every batch.
  // CHECK: sizes = [2, 2, 2]
  // CHECK-NEXT: {{\[}}{{\[}}[1,   5],
  // CHECK-NEXT: [3,   11]],
  // CHECK-NEXT: {{\[}}[0,   2],
  // CHECK-NEXT: [1,   1]]]
  %ab = arith.constant dense<[[[1.0, 2.0], [3.0, 4.0]], [[0.0, 1.0], [1.0, 0.0]]]> : tensor<2x2x2xf32>
  %bs = arith.constant dense<[[1.0, 1.0], [0.0, 2.0]]> : tensor<2x2xf32>
  %c2 = accel.matmul %ab, %bs : (tensor<2x2x2xf32>, tensor<2x2xf32>) -> tensor<2x2x2xf32>
  %p2 = tensor.cast %c2 : tensor<2x2x2xf32> to tensor<?x?x?xf32>
  call @print3(%p2) : (tensor<?x?x?xf32>) -> ()

  // A static size-1 batch dim of a stretches against b's 3.
  // CHECK: sizes = [3, 2, 2]
  // CHECK-NEXT: {{\[}}{{\[}}[1,   2],
  // CHECK-NEXT: [3,   4]],
  // CHECK-NEXT: {{\[}}[2,   1],
  // CHECK-NEXT: [4,   3]],
  // CHECK-NEXT: {{\[}}[2,   -2],
  // CHECK-NEXT: [6,   -4]]]
  %a1 = arith.constant dense<[[[1.0, 2.0], [3.0, 4.0]]]> : tensor<1x2x2xf32>
  %b3 = arith.constant dense<[[[1.0, 0.0], [0.0, 1.0]], [[0.0, 1.0], [1.0, 0.0]], [[2.0, 0.0], [0.0, -1.0]]]> : tensor<3x2x2xf32>
  %c3 = accel.matmul %a1, %b3 : (tensor<1x2x2xf32>, tensor<3x2x2xf32>) -> tensor<3x2x2xf32>
  %p3 = tensor.cast %c3 : tensor<3x2x2xf32> to tensor<?x?x?xf32>
  call @print3(%p3) : (tensor<?x?x?xf32>) -> ()

  // A rank-2 a shared by every batch of b gives the same.
  // CHECK: sizes = [3, 2, 2]
  // CHECK-NEXT: {{\[}}{{\[}}[1,   2],
  // CHECK-NEXT: [3,   4]],
  // CHECK-NEXT: {{\[}}[2,   1],
  // CHECK-NEXT: [4,   3]],
  // CHECK-NEXT: {{\[}}[2,   -2],
  // CHECK-NEXT: [6,   -4]]]
  %a2d = arith.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  %c3s = accel.matmul %a2d, %b3 : (tensor<2x2xf32>, tensor<3x2x2xf32>) -> tensor<3x2x2xf32>
  %p3s = tensor.cast %c3s : tensor<3x2x2xf32> to tensor<?x?x?xf32>
  call @print3(%p3s) : (tensor<?x?x?xf32>) -> ()

  // The same with both batch dims dynamic: a's is 1 at run time.
  // CHECK: sizes = [3, 2, 2]
  // CHECK-NEXT: {{\[}}{{\[}}[1,   2],
  // CHECK-NEXT: [3,   4]],
  // CHECK-NEXT: {{\[}}[2,   1],
  // CHECK-NEXT: [4,   3]],
  // CHECK-NEXT: {{\[}}[2,   -2],
  // CHECK-NEXT: [6,   -4]]]
  %a1d = tensor.cast %a1 : tensor<1x2x2xf32> to tensor<?x2x2xf32>
  %b3d = tensor.cast %b3 : tensor<3x2x2xf32> to tensor<?x2x2xf32>
  call @dynamic_batch(%a1d, %b3d) : (tensor<?x2x2xf32>, tensor<?x2x2xf32>) -> ()

  // Dynamic batch dims where b's is 1 at run time: the three matrices of
  // %b3 times [[1,1],[0,1]].
  // CHECK: sizes = [3, 2, 2]
  // CHECK-NEXT: {{\[}}{{\[}}[1,   1],
  // CHECK-NEXT: [0,   1]],
  // CHECK-NEXT: {{\[}}[0,   1],
  // CHECK-NEXT: [1,   1]],
  // CHECK-NEXT: {{\[}}[2,   2],
  // CHECK-NEXT: [0,   -1]]]
  %b1 = arith.constant dense<[[[1.0, 1.0], [0.0, 1.0]]]> : tensor<1x2x2xf32>
  %b1d = tensor.cast %b1 : tensor<1x2x2xf32> to tensor<?x2x2xf32>
  call @dynamic_batch(%b3d, %b1d) : (tensor<?x2x2xf32>, tensor<?x2x2xf32>) -> ()

  // f16 inputs accumulate in f32: 2048 + 1 = 2049 (not representable in
  // f16), plus an f16 bias of 0.5, in an f32 result.
  // CHECK: sizes = [1, 1]
  // CHECK-NEXT: {{\[}}[2049.5]]
  %ah = arith.constant dense<[[2048.0, 1.0]]> : tensor<1x2xf16>
  %bh = arith.constant dense<[[1.0], [1.0]]> : tensor<2x1xf16>
  %biash = arith.constant dense<[0.5]> : tensor<1xf16>
  %c6 = accel.matmul %ah, %bh, %biash : (tensor<1x2xf16>, tensor<2x1xf16>, tensor<1xf16>) -> tensor<1x1xf32>
  %p6 = tensor.cast %c6 : tensor<1x1xf32> to tensor<?x?xf32>
  call @print(%p6) : (tensor<?x?xf32>) -> ()

  // The same product rounded to an f16 result: 2049 ties to even, 2048.
  // CHECK: sizes = [1, 1]
  // CHECK-NEXT: {{\[}}[2048]]
  %c7 = accel.matmul %ah, %bh : (tensor<1x2xf16>, tensor<2x1xf16>) -> tensor<1x1xf16>
  %p7 = tensor.cast %c7 : tensor<1x1xf16> to tensor<?x?xf16>
  call @print_f16(%p7) : (tensor<?x?xf16>) -> ()

  // f16 inputs, f32 bias, bf16 result, rounded once after the bias:
  // 1 + f16(0.002) + 0.002 = 1.0040008 is above the midpoint 1.00390625 of
  // 1 and the next bf16 1.0078125 (rounding the sum before adding the bias
  // would give 1); 1 + f16(0.001) + 0.002 = 1.0030004 rounds down to 1.
  // CHECK: sizes = [2, 1]
  // CHECK-NEXT: {{\[}}[1.00781],
  // CHECK-NEXT: [1]]
  %ar = arith.constant dense<[[1.0, 0.002], [1.0, 0.001]]> : tensor<2x2xf16>
  %biasr = arith.constant dense<[0.002]> : tensor<1xf32>
  %c8 = accel.matmul %ar, %bh, %biasr : (tensor<2x2xf16>, tensor<2x1xf16>, tensor<1xf32>) -> tensor<2x1xbf16>
  %p8 = tensor.cast %c8 : tensor<2x1xbf16> to tensor<?x?xbf16>
  call @print_bf16(%p8) : (tensor<?x?xbf16>) -> ()

  // An empty reduction (K = 0) yields the bias.
  // CHECK: sizes = [2, 2]
  // CHECK-NEXT: {{\[}}[0.5,   -1],
  // CHECK-NEXT: [0.5,   -1]]
  %ak = tensor.empty() : tensor<2x0xf32>
  %bk = tensor.empty() : tensor<0x2xf32>
  %c9 = accel.matmul %ak, %bk, %bias : (tensor<2x0xf32>, tensor<0x2xf32>, tensor<2xf32>) -> tensor<2x2xf32>
  %p9 = tensor.cast %c9 : tensor<2x2xf32> to tensor<?x?xf32>
  call @print(%p9) : (tensor<?x?xf32>) -> ()
  return
}
