// RUN: accel-opt %s --accel-cpu-reference | %run_cpu main | FileCheck %s

// accel.matmul against an independent formulation with upstream named ops
// (linalg.transpose, linalg.broadcast, linalg.batch_matmul, linalg.matmul,
// linalg.add) on pseudo-random inputs with odd sizes. Each case prints
// [pass flag, max |accel - reference|]; the flag is 1 when the error is
// within the tolerance.

func.func private @printMemrefF32(tensor<*xf32>)

// n deterministic pseudo-random values in [-1, 1):
// v = 2 * fract(sin(i * 12.9898 + seed * 78.233) * 43758.5453) - 1.
func.func @rand(%n: index, %seed: f32) -> tensor<?xf32> {
  %e = tensor.empty(%n) : tensor<?xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>], iterator_types = ["parallel"]}
      outs(%e : tensor<?xf32>) {
  ^bb0(%out: f32):
    %i = linalg.index 0 : index
    %ii = arith.index_cast %i : index to i64
    %fi = arith.sitofp %ii : i64 to f32
    %c1 = arith.constant 12.9898 : f32
    %c2 = arith.constant 78.233 : f32
    %c3 = arith.constant 43758.5453 : f32
    %one = arith.constant 1.0 : f32
    %two = arith.constant 2.0 : f32
    %t0 = arith.mulf %fi, %c1 : f32
    %t1 = arith.mulf %seed, %c2 : f32
    %t2 = arith.addf %t0, %t1 : f32
    %s = math.sin %t2 : f32
    %x = arith.mulf %s, %c3 : f32
    %fl = math.floor %x : f32
    %fr = arith.subf %x, %fl : f32
    %d = arith.mulf %fr, %two : f32
    %v = arith.subf %d, %one : f32
    linalg.yield %v : f32
  } -> tensor<?xf32>
  return %r : tensor<?xf32>
}

// Prints [max |x - y| <= tol ? 1 : 0, max |x - y|].
func.func @report(%x: tensor<?xf32>, %y: tensor<?xf32>, %tol: f32) {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<f32>
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<f32>) -> tensor<f32>
  %m = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> ()>],
                       iterator_types = ["reduction"]}
      ins(%x, %y : tensor<?xf32>, tensor<?xf32>) outs(%init : tensor<f32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %d = arith.subf %a, %b : f32
    %ad = math.absf %d : f32
    // maxnumf would drop a NaN; maximumf keeps it so that the flag fails.
    %mx = arith.maximumf %acc, %ad : f32
    linalg.yield %mx : f32
  } -> tensor<f32>
  %err = tensor.extract %m[] : tensor<f32>
  %ok = arith.cmpf ole, %err, %tol : f32
  %one = arith.constant 1.0 : f32
  %flag = arith.select %ok, %one, %zero : f32
  %out = tensor.from_elements %flag, %err : tensor<2xf32>
  %u = tensor.cast %out : tensor<2xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

func.func @main() {
  %tol = arith.constant 1.0e-5 : f32
  %zero = arith.constant 0.0 : f32

  // 1. Batched [3, 33, 17] x [3, 9, 17] with transpose_b and a bias [9],
  //    against linalg.transpose + linalg.batch_matmul + broadcast bias add.
  // CHECK: sizes = [2]
  // CHECK-NEXT: [1, {{.*}}]
  %n1 = arith.constant 1683 : index
  %n2 = arith.constant 459 : index
  %n3 = arith.constant 9 : index
  %s1 = arith.constant 1.0 : f32
  %s2 = arith.constant 2.0 : f32
  %s3 = arith.constant 3.0 : f32
  %ra = call @rand(%n1, %s1) : (index, f32) -> tensor<?xf32>
  %rb = call @rand(%n2, %s2) : (index, f32) -> tensor<?xf32>
  %rbias = call @rand(%n3, %s3) : (index, f32) -> tensor<?xf32>
  %ra_s = tensor.cast %ra : tensor<?xf32> to tensor<1683xf32>
  %rb_s = tensor.cast %rb : tensor<?xf32> to tensor<459xf32>
  %a1 = tensor.expand_shape %ra_s [[0, 1, 2]] output_shape [3, 33, 17] : tensor<1683xf32> into tensor<3x33x17xf32>
  %b1 = tensor.expand_shape %rb_s [[0, 1, 2]] output_shape [3, 9, 17] : tensor<459xf32> into tensor<3x9x17xf32>
  %bias1 = tensor.cast %rbias : tensor<?xf32> to tensor<9xf32>
  %c1 = accel.matmul %a1, %b1, %bias1 {transpose_b = true}
      : (tensor<3x33x17xf32>, tensor<3x9x17xf32>, tensor<9xf32>) -> tensor<3x33x9xf32>

  %bt_e = tensor.empty() : tensor<3x17x9xf32>
  %bt = linalg.transpose ins(%b1 : tensor<3x9x17xf32>) outs(%bt_e : tensor<3x17x9xf32>) permutation = [0, 2, 1]
  %r1_e = tensor.empty() : tensor<3x33x9xf32>
  %r1_f = linalg.fill ins(%zero : f32) outs(%r1_e : tensor<3x33x9xf32>) -> tensor<3x33x9xf32>
  %r1_mm = linalg.batch_matmul ins(%a1, %bt : tensor<3x33x17xf32>, tensor<3x17x9xf32>)
                               outs(%r1_f : tensor<3x33x9xf32>) -> tensor<3x33x9xf32>
  %bias1_b = linalg.broadcast ins(%bias1 : tensor<9xf32>) outs(%r1_e : tensor<3x33x9xf32>) dimensions = [0, 1]
  %r1 = linalg.add ins(%r1_mm, %bias1_b : tensor<3x33x9xf32>, tensor<3x33x9xf32>)
                   outs(%r1_e : tensor<3x33x9xf32>) -> tensor<3x33x9xf32>
  %c1_flat = tensor.collapse_shape %c1 [[0, 1, 2]] : tensor<3x33x9xf32> into tensor<891xf32>
  %r1_flat = tensor.collapse_shape %r1 [[0, 1, 2]] : tensor<3x33x9xf32> into tensor<891xf32>
  %c1_d = tensor.cast %c1_flat : tensor<891xf32> to tensor<?xf32>
  %r1_d = tensor.cast %r1_flat : tensor<891xf32> to tensor<?xf32>
  call @report(%c1_d, %r1_d, %tol) : (tensor<?xf32>, tensor<?xf32>, f32) -> ()

  // 2. Batch broadcasting both ways: [2, 1, 33, 17] x [3, 17, 9] ->
  //    [2, 3, 33, 9], against explicit linalg.broadcast of both operands to
  //    [2, 3, ...] and one linalg.batch_matmul over the 6 flattened batches.
  // CHECK: sizes = [2]
  // CHECK-NEXT: [1, {{.*}}]
  %m1 = arith.constant 1122 : index
  %ra2 = call @rand(%m1, %s2) : (index, f32) -> tensor<?xf32>
  %ra2_s = tensor.cast %ra2 : tensor<?xf32> to tensor<1122xf32>
  %a2 = tensor.expand_shape %ra2_s [[0, 1, 2, 3]] output_shape [2, 1, 33, 17] : tensor<1122xf32> into tensor<2x1x33x17xf32>
  %b2 = tensor.expand_shape %rb_s [[0, 1, 2]] output_shape [3, 17, 9] : tensor<459xf32> into tensor<3x17x9xf32>
  %c2 = accel.matmul %a2, %b2 : (tensor<2x1x33x17xf32>, tensor<3x17x9xf32>) -> tensor<2x3x33x9xf32>

  %a2_c = tensor.collapse_shape %a2 [[0, 1], [2], [3]] : tensor<2x1x33x17xf32> into tensor<2x33x17xf32>
  %a2_e = tensor.empty() : tensor<2x3x33x17xf32>
  %a2_b = linalg.broadcast ins(%a2_c : tensor<2x33x17xf32>) outs(%a2_e : tensor<2x3x33x17xf32>) dimensions = [1]
  %b2_e = tensor.empty() : tensor<2x3x17x9xf32>
  %b2_b = linalg.broadcast ins(%b2 : tensor<3x17x9xf32>) outs(%b2_e : tensor<2x3x17x9xf32>) dimensions = [0]
  %a2_f = tensor.collapse_shape %a2_b [[0, 1], [2], [3]] : tensor<2x3x33x17xf32> into tensor<6x33x17xf32>
  %b2_f = tensor.collapse_shape %b2_b [[0, 1], [2], [3]] : tensor<2x3x17x9xf32> into tensor<6x17x9xf32>
  %r2_e = tensor.empty() : tensor<6x33x9xf32>
  %r2_f = linalg.fill ins(%zero : f32) outs(%r2_e : tensor<6x33x9xf32>) -> tensor<6x33x9xf32>
  %r2 = linalg.batch_matmul ins(%a2_f, %b2_f : tensor<6x33x17xf32>, tensor<6x17x9xf32>)
                            outs(%r2_f : tensor<6x33x9xf32>) -> tensor<6x33x9xf32>
  %c2_flat = tensor.collapse_shape %c2 [[0, 1, 2, 3]] : tensor<2x3x33x9xf32> into tensor<1782xf32>
  %r2_flat = tensor.collapse_shape %r2 [[0, 1, 2]] : tensor<6x33x9xf32> into tensor<1782xf32>
  %c2_d = tensor.cast %c2_flat : tensor<1782xf32> to tensor<?xf32>
  %r2_d = tensor.cast %r2_flat : tensor<1782xf32> to tensor<?xf32>
  call @report(%c2_d, %r2_d, %tol) : (tensor<?xf32>, tensor<?xf32>, f32) -> ()

  // 3. f16 [7, 33, 17] x a shared f16 [17, 9] -> f32, against linalg.matmul
  //    on the f32 extensions with the batch folded into M (7 * 33 = 231).
  // CHECK: sizes = [2]
  // CHECK-NEXT: [1, {{.*}}]
  %k1 = arith.constant 3927 : index
  %k2 = arith.constant 153 : index
  %s4 = arith.constant 4.0 : f32
  %s5 = arith.constant 5.0 : f32
  %ra3 = call @rand(%k1, %s4) : (index, f32) -> tensor<?xf32>
  %rb3 = call @rand(%k2, %s5) : (index, f32) -> tensor<?xf32>
  %ra3_s = tensor.cast %ra3 : tensor<?xf32> to tensor<3927xf32>
  %rb3_s = tensor.cast %rb3 : tensor<?xf32> to tensor<153xf32>
  %a3_32 = tensor.expand_shape %ra3_s [[0, 1, 2]] output_shape [7, 33, 17] : tensor<3927xf32> into tensor<7x33x17xf32>
  %b3_32 = tensor.expand_shape %rb3_s [[0, 1]] output_shape [17, 9] : tensor<153xf32> into tensor<17x9xf32>
  %a3_he = tensor.empty() : tensor<7x33x17xf16>
  %a3 = linalg.generic {indexing_maps = [affine_map<(i, j, k) -> (i, j, k)>, affine_map<(i, j, k) -> (i, j, k)>],
                        iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%a3_32 : tensor<7x33x17xf32>) outs(%a3_he : tensor<7x33x17xf16>) {
  ^bb0(%in: f32, %out: f16):
    %t = arith.truncf %in : f32 to f16
    linalg.yield %t : f16
  } -> tensor<7x33x17xf16>
  %b3_he = tensor.empty() : tensor<17x9xf16>
  %b3 = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                        iterator_types = ["parallel", "parallel"]}
      ins(%b3_32 : tensor<17x9xf32>) outs(%b3_he : tensor<17x9xf16>) {
  ^bb0(%in: f32, %out: f16):
    %t = arith.truncf %in : f32 to f16
    linalg.yield %t : f16
  } -> tensor<17x9xf16>
  %c3 = accel.matmul %a3, %b3 : (tensor<7x33x17xf16>, tensor<17x9xf16>) -> tensor<7x33x9xf32>

  %a3_ee = tensor.empty() : tensor<7x33x17xf32>
  %a3_x = linalg.generic {indexing_maps = [affine_map<(i, j, k) -> (i, j, k)>, affine_map<(i, j, k) -> (i, j, k)>],
                          iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%a3 : tensor<7x33x17xf16>) outs(%a3_ee : tensor<7x33x17xf32>) {
  ^bb0(%in: f16, %out: f32):
    %t = arith.extf %in : f16 to f32
    linalg.yield %t : f32
  } -> tensor<7x33x17xf32>
  %b3_ee = tensor.empty() : tensor<17x9xf32>
  %b3_x = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                          iterator_types = ["parallel", "parallel"]}
      ins(%b3 : tensor<17x9xf16>) outs(%b3_ee : tensor<17x9xf32>) {
  ^bb0(%in: f16, %out: f32):
    %t = arith.extf %in : f16 to f32
    linalg.yield %t : f32
  } -> tensor<17x9xf32>
  %a3_m = tensor.collapse_shape %a3_x [[0, 1], [2]] : tensor<7x33x17xf32> into tensor<231x17xf32>
  %r3_e = tensor.empty() : tensor<231x9xf32>
  %r3_f = linalg.fill ins(%zero : f32) outs(%r3_e : tensor<231x9xf32>) -> tensor<231x9xf32>
  %r3 = linalg.matmul ins(%a3_m, %b3_x : tensor<231x17xf32>, tensor<17x9xf32>)
                      outs(%r3_f : tensor<231x9xf32>) -> tensor<231x9xf32>
  %c3_flat = tensor.collapse_shape %c3 [[0, 1, 2]] : tensor<7x33x9xf32> into tensor<2079xf32>
  %r3_flat = tensor.collapse_shape %r3 [[0, 1]] : tensor<231x9xf32> into tensor<2079xf32>
  %c3_d = tensor.cast %c3_flat : tensor<2079xf32> to tensor<?xf32>
  %r3_d = tensor.cast %r3_flat : tensor<2079xf32> to tensor<?xf32>
  call @report(%c3_d, %r3_d, %tol) : (tensor<?xf32>, tensor<?xf32>, f32) -> ()

  // 4. Degenerate sizes: [33, 1] x [1, 9] (K = 1) and [1, 17] x [17, 1]
  //    (M = N = 1), against linalg.matmul.
  // CHECK: sizes = [2]
  // CHECK-NEXT: [1, {{.*}}]
  %a4 = tensor.expand_shape %ra_s [[0, 1]] output_shape [1683, 1] : tensor<1683xf32> into tensor<1683x1xf32>
  %a4_s = tensor.extract_slice %a4[0, 0] [33, 1] [1, 1] : tensor<1683x1xf32> to tensor<33x1xf32>
  %b4 = tensor.extract_slice %b1[0, 0, 0] [1, 1, 9] [1, 1, 1] : tensor<3x9x17xf32> to tensor<1x9xf32>
  %c4 = accel.matmul %a4_s, %b4 : (tensor<33x1xf32>, tensor<1x9xf32>) -> tensor<33x9xf32>
  %r4_e = tensor.empty() : tensor<33x9xf32>
  %r4_f = linalg.fill ins(%zero : f32) outs(%r4_e : tensor<33x9xf32>) -> tensor<33x9xf32>
  %r4 = linalg.matmul ins(%a4_s, %b4 : tensor<33x1xf32>, tensor<1x9xf32>)
                      outs(%r4_f : tensor<33x9xf32>) -> tensor<33x9xf32>
  %c4_flat = tensor.collapse_shape %c4 [[0, 1]] : tensor<33x9xf32> into tensor<297xf32>
  %r4_flat = tensor.collapse_shape %r4 [[0, 1]] : tensor<33x9xf32> into tensor<297xf32>
  %c4_d = tensor.cast %c4_flat : tensor<297xf32> to tensor<?xf32>
  %r4_d = tensor.cast %r4_flat : tensor<297xf32> to tensor<?xf32>
  call @report(%c4_d, %r4_d, %tol) : (tensor<?xf32>, tensor<?xf32>, f32) -> ()

  // CHECK: sizes = [2]
  // CHECK-NEXT: [1, {{.*}}]
  %a5 = tensor.extract_slice %a1[0, 0, 0] [1, 1, 17] [1, 1, 1] : tensor<3x33x17xf32> to tensor<1x17xf32>
  %b5 = tensor.extract_slice %b2[0, 0, 0] [1, 17, 1] [1, 1, 1] : tensor<3x17x9xf32> to tensor<17x1xf32>
  %c5 = accel.matmul %a5, %b5 : (tensor<1x17xf32>, tensor<17x1xf32>) -> tensor<1x1xf32>
  %r5_e = tensor.empty() : tensor<1x1xf32>
  %r5_f = linalg.fill ins(%zero : f32) outs(%r5_e : tensor<1x1xf32>) -> tensor<1x1xf32>
  %r5 = linalg.matmul ins(%a5, %b5 : tensor<1x17xf32>, tensor<17x1xf32>)
                      outs(%r5_f : tensor<1x1xf32>) -> tensor<1x1xf32>
  %c5_flat = tensor.collapse_shape %c5 [[0, 1]] : tensor<1x1xf32> into tensor<1xf32>
  %r5_flat = tensor.collapse_shape %r5 [[0, 1]] : tensor<1x1xf32> into tensor<1xf32>
  %c5_d = tensor.cast %c5_flat : tensor<1xf32> to tensor<?xf32>
  %r5_d = tensor.cast %r5_flat : tensor<1xf32> to tensor<?xf32>
  call @report(%c5_d, %r5_d, %tol) : (tensor<?xf32>, tensor<?xf32>, f32) -> ()
  return
}
