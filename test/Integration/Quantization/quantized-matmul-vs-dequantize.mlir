// RUN: accel-opt %s --accel-cpu-reference | %run_cpu main | FileCheck %s

// Second formulation of accel.quantized_matmul: dequantize both operands
// with accel.dequantize, then an f32 matmul written as a linalg.generic, on
// pseudo-random data of odd sizes (M = 7, K = 64 in groups of 16, N = 9).
// The quantized operands come from accel.quantize (dynamic scales). Each
// case prints [max |out - ref|, max |ref|, pass] where pass = 1 when the
// error is at most 1e-4 * max |ref| (f32 rounding: the integer pairs sum
// exactly in i32, the reference in f32).

func.func private @printMemrefF32(tensor<*xf32>)

// x[i, j] = 2 * fract(sin(i * 12.9898 + j * 78.233 + seed) * 43758.5453) - 1.
func.func @random(%rows: index, %cols: index, %seed: f32) -> tensor<?x?xf32> {
  %e = tensor.empty(%rows, %cols) : tensor<?x?xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      outs(%e : tensor<?x?xf32>) {
  ^bb0(%o: f32):
    %i = linalg.index 0 : index
    %j = linalg.index 1 : index
    %ii = arith.index_cast %i : index to i32
    %jj = arith.index_cast %j : index to i32
    %fi = arith.sitofp %ii : i32 to f32
    %fj = arith.sitofp %jj : i32 to f32
    %c1 = arith.constant 12.9898 : f32
    %c2 = arith.constant 78.233 : f32
    %c3 = arith.constant 43758.5453 : f32
    %a = arith.mulf %fi, %c1 : f32
    %b = arith.mulf %fj, %c2 : f32
    %s0 = arith.addf %a, %b : f32
    %s1 = arith.addf %s0, %seed : f32
    %sn = math.sin %s1 : f32
    %v = arith.mulf %sn, %c3 : f32
    %fl = math.floor %v : f32
    %fr = arith.subf %v, %fl : f32
    %two = arith.constant 2.0 : f32
    %one = arith.constant 1.0 : f32
    %t = arith.mulf %fr, %two : f32
    %x = arith.subf %t, %one : f32
    linalg.yield %x : f32
  } -> tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}

// f32 x @ y (y: [K, N]) (+ bias[N]).
func.func @ref_matmul(%x: tensor<?x?xf32>, %y: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %m = tensor.dim %x, %c0 : tensor<?x?xf32>
  %n = tensor.dim %y, %c1 : tensor<?x?xf32>
  %z = arith.constant 0.0 : f32
  %e = tensor.empty(%m, %n) : tensor<?x?xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<?x?xf32>) -> tensor<?x?xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i, j, k) -> (i, k)>,
                                        affine_map<(i, j, k) -> (k, j)>,
                                        affine_map<(i, j, k) -> (i, j)>],
                       iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %y : tensor<?x?xf32>, tensor<?x?xf32>) outs(%f : tensor<?x?xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<?x?xf32>
  return %r : tensor<?x?xf32>
}

// f32 x @ y^T (y: [N, K]) + bias[N].
func.func @ref_matmul_t_bias(%x: tensor<?x?xf32>, %y: tensor<?x?xf32>, %bias: tensor<?xf32>) -> tensor<?x?xf32> {
  %c0 = arith.constant 0 : index
  %m = tensor.dim %x, %c0 : tensor<?x?xf32>
  %n = tensor.dim %y, %c0 : tensor<?x?xf32>
  %z = arith.constant 0.0 : f32
  %e = tensor.empty(%m, %n) : tensor<?x?xf32>
  %f = linalg.fill ins(%z : f32) outs(%e : tensor<?x?xf32>) -> tensor<?x?xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i, j, k) -> (i, k)>,
                                        affine_map<(i, j, k) -> (j, k)>,
                                        affine_map<(i, j, k) -> (i, j)>],
                       iterator_types = ["parallel", "parallel", "reduction"]}
      ins(%x, %y : tensor<?x?xf32>, tensor<?x?xf32>) outs(%f : tensor<?x?xf32>) {
  ^bb0(%a: f32, %b: f32, %acc: f32):
    %p = arith.mulf %a, %b : f32
    %s = arith.addf %acc, %p : f32
    linalg.yield %s : f32
  } -> tensor<?x?xf32>
  %e2 = tensor.empty(%m, %n) : tensor<?x?xf32>
  %rb = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>,
                                         affine_map<(i, j) -> (j)>,
                                         affine_map<(i, j) -> (i, j)>],
                        iterator_types = ["parallel", "parallel"]}
      ins(%r, %bias : tensor<?x?xf32>, tensor<?xf32>) outs(%e2 : tensor<?x?xf32>) {
  ^bb0(%a: f32, %b: f32, %o: f32):
    %s = arith.addf %a, %b : f32
    linalg.yield %s : f32
  } -> tensor<?x?xf32>
  return %rb : tensor<?x?xf32>
}

// Prints [max |out - ref|, max |ref|, out within 1e-4 * max |ref| of ref].
func.func @compare(%out: tensor<?x?xf32>, %ref: tensor<?x?xf32>) {
  %z = arith.constant 0.0 : f32
  %e0 = tensor.empty() : tensor<f32>
  %e1 = tensor.empty() : tensor<f32>
  %z0 = linalg.fill ins(%z : f32) outs(%e0 : tensor<f32>) -> tensor<f32>
  %z1 = linalg.fill ins(%z : f32) outs(%e1 : tensor<f32>) -> tensor<f32>
  %r:2 = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>,
                                          affine_map<(i, j) -> (i, j)>,
                                          affine_map<(i, j) -> ()>,
                                          affine_map<(i, j) -> ()>],
                         iterator_types = ["reduction", "reduction"]}
      ins(%out, %ref : tensor<?x?xf32>, tensor<?x?xf32>)
      outs(%z0, %z1 : tensor<f32>, tensor<f32>) {
  ^bb0(%a: f32, %b: f32, %err: f32, %mag: f32):
    %d = arith.subf %a, %b : f32
    %ad = math.absf %d : f32
    %ab = math.absf %b : f32
    // maximumf propagates NaN, so a NaN anywhere fails the comparison.
    %em = arith.maximumf %err, %ad : f32
    %mm = arith.maximumf %mag, %ab : f32
    linalg.yield %em, %mm : f32, f32
  } -> (tensor<f32>, tensor<f32>)
  %err = tensor.extract %r#0[] : tensor<f32>
  %mag = tensor.extract %r#1[] : tensor<f32>
  %tol = arith.constant 1.0e-4 : f32
  %bound = arith.mulf %mag, %tol : f32
  %ok = arith.cmpf ole, %err, %bound : f32
  %one = arith.constant 1.0 : f32
  %flag = arith.select %ok, %one, %z : f32
  %res = tensor.from_elements %err, %mag, %flag : tensor<3xf32>
  %u = tensor.cast %res : tensor<3xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

func.func @w4a8_dynamic(%a: tensor<?x?xi8>, %as: tensor<?xf32>, %b: tensor<?x?xi4>,
                        %bs: tensor<?x?xf32>) -> tensor<?x?xf32> {
  %y = accel.quantized_matmul %a, %as, %b, %bs {transpose_b = true}
      : (tensor<?x?xi8>, tensor<?xf32>, tensor<?x?xi4>, tensor<?x?xf32>) -> tensor<?x?xf32>
  return %y : tensor<?x?xf32>
}

// Batched W8A8 with dynamic batch and rows: a [B, M, K] per token, b [K, N]
// in groups along K.
func.func @w8a8_batched(%a: tensor<?x?x64xi8>, %as: tensor<?x?xf32>, %b: tensor<64x9xi8>,
                        %bs: tensor<4x9xf32>) -> tensor<?x?x9xf32> {
  %y = accel.quantized_matmul %a, %as, %b, %bs
      : (tensor<?x?x64xi8>, tensor<?x?xf32>, tensor<64x9xi8>, tensor<4x9xf32>) -> tensor<?x?x9xf32>
  return %y : tensor<?x?x9xf32>
}

func.func @main() {
  %c7 = arith.constant 7 : index
  %c9 = arith.constant 9 : index
  %c64 = arith.constant 64 : index
  %seed_a = arith.constant 0.0 : f32
  %seed_b = arith.constant 0.5 : f32
  %seed_s = arith.constant 1.5 : f32
  %ad = call @random(%c7, %c64, %seed_a) : (index, index, f32) -> tensor<?x?xf32>
  %bd = call @random(%c64, %c9, %seed_b) : (index, index, f32) -> tensor<?x?xf32>
  %btd = call @random(%c9, %c64, %seed_b) : (index, index, f32) -> tensor<?x?xf32>
  %a = tensor.cast %ad : tensor<?x?xf32> to tensor<7x64xf32>
  %b = tensor.cast %bd : tensor<?x?xf32> to tensor<64x9xf32>
  %bt = tensor.cast %btd : tensor<?x?xf32> to tensor<9x64xf32>

  // W8A8: per-token a (channel, axis 0), b in groups of 16 along K.
  %qa, %sa = accel.quantize %a {dtype = i8, granularity = "channel", axis = 0 : i64}
      : (tensor<7x64xf32>) -> (tensor<7x64xi8>, tensor<7xf32>)
  %qb, %sb = accel.quantize %b {dtype = i8, granularity = "group", axis = 0 : i64, group_size = 16 : i64}
      : (tensor<64x9xf32>) -> (tensor<64x9xi8>, tensor<4x9xf32>)
  %w8a8 = accel.quantized_matmul %qa, %sa, %qb, %sb
      : (tensor<7x64xi8>, tensor<7xf32>, tensor<64x9xi8>, tensor<4x9xf32>) -> tensor<7x9xf32>
  %da = accel.dequantize %qa, %sa {granularity = "channel", axis = 0 : i64}
      : (tensor<7x64xi8>, tensor<7xf32>) -> tensor<7x64xf32>
  %db = accel.dequantize %qb, %sb {granularity = "group", axis = 0 : i64, group_size = 16 : i64}
      : (tensor<64x9xi8>, tensor<4x9xf32>) -> tensor<64x9xf32>
  %dad = tensor.cast %da : tensor<7x64xf32> to tensor<?x?xf32>
  %dbd = tensor.cast %db : tensor<64x9xf32> to tensor<?x?xf32>
  %ref8 = call @ref_matmul(%dad, %dbd) : (tensor<?x?xf32>, tensor<?x?xf32>) -> tensor<?x?xf32>
  %w8a8d = tensor.cast %w8a8 : tensor<7x9xf32> to tensor<?x?xf32>
  // CHECK: rank = 1 offset = 0 sizes = [3]
  // CHECK-NEXT: {{\[}}{{[-+.0-9e]+}}, {{[-+.0-9e]+}}, 1]
  call @compare(%w8a8d, %ref8) : (tensor<?x?xf32>, tensor<?x?xf32>) -> ()

  // W4A8: the same a, b as [N, K] (transpose_b) in i4 groups of 16 along
  // K (scale [N, K/16]); dynamic dims on every operand, behind a call so
  // that no size is known at compile time.
  %qbt4, %sbt4 = accel.quantize %bt {dtype = i4, granularity = "group", axis = 1 : i64, group_size = 16 : i64}
      : (tensor<9x64xf32>) -> (tensor<9x64xi4>, tensor<9x4xf32>)
  %qad = tensor.cast %qa : tensor<7x64xi8> to tensor<?x?xi8>
  %sad = tensor.cast %sa : tensor<7xf32> to tensor<?xf32>
  %qbt4d = tensor.cast %qbt4 : tensor<9x64xi4> to tensor<?x?xi4>
  %sbt4d = tensor.cast %sbt4 : tensor<9x4xf32> to tensor<?x?xf32>
  %w4a8 = call @w4a8_dynamic(%qad, %sad, %qbt4d, %sbt4d)
      : (tensor<?x?xi8>, tensor<?xf32>, tensor<?x?xi4>, tensor<?x?xf32>) -> tensor<?x?xf32>
  %dbt4 = accel.dequantize %qbt4, %sbt4 {granularity = "group", axis = 1 : i64, group_size = 16 : i64}
      : (tensor<9x64xi4>, tensor<9x4xf32>) -> tensor<9x64xf32>
  %dbt4d = tensor.cast %dbt4 : tensor<9x64xf32> to tensor<?x?xf32>
  %zb = arith.constant dense<0.0> : tensor<9xf32>
  %zbd = tensor.cast %zb : tensor<9xf32> to tensor<?xf32>
  %ref48 = call @ref_matmul_t_bias(%dad, %dbt4d, %zbd) : (tensor<?x?xf32>, tensor<?x?xf32>, tensor<?xf32>) -> tensor<?x?xf32>
  // CHECK: rank = 1 offset = 0 sizes = [3]
  // CHECK-NEXT: {{\[}}{{[-+.0-9e]+}}, {{[-+.0-9e]+}}, 1]
  call @compare(%w4a8, %ref48) : (tensor<?x?xf32>, tensor<?x?xf32>) -> ()

  // FP8: per-tensor f8E4M3FN scales, transpose_b, bias.
  %fa, %fsa = accel.quantize %a {dtype = f8E4M3FN}
      : (tensor<7x64xf32>) -> (tensor<7x64xf8E4M3FN>, tensor<f32>)
  %fb, %fsb = accel.quantize %bt {dtype = f8E4M3FN}
      : (tensor<9x64xf32>) -> (tensor<9x64xf8E4M3FN>, tensor<f32>)
  %biasd = call @random(%c7, %c9, %seed_s) : (index, index, f32) -> tensor<?x?xf32>
  %bias2 = tensor.cast %biasd : tensor<?x?xf32> to tensor<7x9xf32>
  %bias = tensor.extract_slice %bias2[0, 0] [1, 9] [1, 1] : tensor<7x9xf32> to tensor<9xf32>
  %fp8 = accel.quantized_matmul %fa, %fsa, %fb, %fsb, %bias {transpose_b = true}
      : (tensor<7x64xf8E4M3FN>, tensor<f32>, tensor<9x64xf8E4M3FN>, tensor<f32>, tensor<9xf32>) -> tensor<7x9xf32>
  %dfa = accel.dequantize %fa, %fsa : (tensor<7x64xf8E4M3FN>, tensor<f32>) -> tensor<7x64xf32>
  %dfb = accel.dequantize %fb, %fsb : (tensor<9x64xf8E4M3FN>, tensor<f32>) -> tensor<9x64xf32>
  %dfad = tensor.cast %dfa : tensor<7x64xf32> to tensor<?x?xf32>
  %dfbd = tensor.cast %dfb : tensor<9x64xf32> to tensor<?x?xf32>
  %biasdd = tensor.cast %bias : tensor<9xf32> to tensor<?xf32>
  %reff = call @ref_matmul_t_bias(%dfad, %dfbd, %biasdd) : (tensor<?x?xf32>, tensor<?x?xf32>, tensor<?xf32>) -> tensor<?x?xf32>
  %fp8d = tensor.cast %fp8 : tensor<7x9xf32> to tensor<?x?xf32>
  // CHECK: rank = 1 offset = 0 sizes = [3]
  // CHECK-NEXT: {{\[}}{{[-+.0-9e]+}}, {{[-+.0-9e]+}}, 1]
  call @compare(%fp8d, %reff) : (tensor<?x?xf32>, tensor<?x?xf32>) -> ()

  // W4A16: f16 a with a per-token multiplier, i4 b in groups of 16 along K.
  // Reference: (f32(a) * a_scale) @ dequantize(b).
  %ea16 = tensor.empty() : tensor<7x64xf16>
  %a16 = linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>, affine_map<(i, k) -> (i, k)>],
                         iterator_types = ["parallel", "parallel"]}
      ins(%a : tensor<7x64xf32>) outs(%ea16 : tensor<7x64xf16>) {
  ^bb0(%x: f32, %o: f16):
    %y = arith.truncf %x : f32 to f16
    linalg.yield %y : f16
  } -> tensor<7x64xf16>
  %as16d = call @random(%c7, %c9, %seed_b) : (index, index, f32) -> tensor<?x?xf32>
  %as16m = tensor.cast %as16d : tensor<?x?xf32> to tensor<7x9xf32>
  %as16 = tensor.extract_slice %as16m[0, 0] [7, 1] [1, 1] : tensor<7x9xf32> to tensor<7xf32>
  %qb4, %sb4 = accel.quantize %b {dtype = i4, granularity = "group", axis = 0 : i64, group_size = 16 : i64}
      : (tensor<64x9xf32>) -> (tensor<64x9xi4>, tensor<4x9xf32>)
  %w4a16 = accel.quantized_matmul %a16, %as16, %qb4, %sb4
      : (tensor<7x64xf16>, tensor<7xf32>, tensor<64x9xi4>, tensor<4x9xf32>) -> tensor<7x9xf32>
  %e16 = tensor.empty() : tensor<7x64xf32>
  %sa16 = linalg.generic {indexing_maps = [affine_map<(i, k) -> (i, k)>,
                                           affine_map<(i, k) -> (i)>,
                                           affine_map<(i, k) -> (i, k)>],
                          iterator_types = ["parallel", "parallel"]}
      ins(%a16, %as16 : tensor<7x64xf16>, tensor<7xf32>) outs(%e16 : tensor<7x64xf32>) {
  ^bb0(%x: f16, %s: f32, %o: f32):
    %xf = arith.extf %x : f16 to f32
    %y = arith.mulf %xf, %s : f32
    linalg.yield %y : f32
  } -> tensor<7x64xf32>
  %db4 = accel.dequantize %qb4, %sb4 {granularity = "group", axis = 0 : i64, group_size = 16 : i64}
      : (tensor<64x9xi4>, tensor<4x9xf32>) -> tensor<64x9xf32>
  %sa16d = tensor.cast %sa16 : tensor<7x64xf32> to tensor<?x?xf32>
  %db4d = tensor.cast %db4 : tensor<64x9xf32> to tensor<?x?xf32>
  %ref16 = call @ref_matmul(%sa16d, %db4d) : (tensor<?x?xf32>, tensor<?x?xf32>) -> tensor<?x?xf32>
  %w4a16d = tensor.cast %w4a16 : tensor<7x9xf32> to tensor<?x?xf32>
  // CHECK: rank = 1 offset = 0 sizes = [3]
  // CHECK-NEXT: {{\[}}{{[-+.0-9e]+}}, {{[-+.0-9e]+}}, 1]
  call @compare(%w4a16d, %ref16) : (tensor<?x?xf32>, tensor<?x?xf32>) -> ()

  // Batched W8A8: two batches of 7 tokens (the second is the first, negated
  // and halved), per-token scales [2, 7], dequantized per token with
  // group_size = K (scale [2, 7, 1]).
  %e2 = tensor.empty() : tensor<2x7x64xf32>
  %a3 = linalg.generic {indexing_maps = [affine_map<(b, i, k) -> (i, k)>, affine_map<(b, i, k) -> (b, i, k)>],
                        iterator_types = ["parallel", "parallel", "parallel"]}
      ins(%a : tensor<7x64xf32>) outs(%e2 : tensor<2x7x64xf32>) {
  ^bb0(%x: f32, %o: f32):
    %bi = linalg.index 0 : index
    %c0 = arith.constant 0 : index
    %first = arith.cmpi eq, %bi, %c0 : index
    %mh = arith.constant -0.5 : f32
    %y = arith.mulf %x, %mh : f32
    %r = arith.select %first, %x, %y : f32
    linalg.yield %r : f32
  } -> tensor<2x7x64xf32>
  %qa3, %sa3 = accel.quantize %a3 {dtype = i8, granularity = "group", axis = 2 : i64, group_size = 64 : i64}
      : (tensor<2x7x64xf32>) -> (tensor<2x7x64xi8>, tensor<2x7x1xf32>)
  %sa3c = tensor.collapse_shape %sa3 [[0], [1, 2]] : tensor<2x7x1xf32> into tensor<2x7xf32>
  %qa3d = tensor.cast %qa3 : tensor<2x7x64xi8> to tensor<?x?x64xi8>
  %sa3d = tensor.cast %sa3c : tensor<2x7xf32> to tensor<?x?xf32>
  %w8b = call @w8a8_batched(%qa3d, %sa3d, %qb, %sb)
      : (tensor<?x?x64xi8>, tensor<?x?xf32>, tensor<64x9xi8>, tensor<4x9xf32>) -> tensor<?x?x9xf32>
  %da3 = accel.dequantize %qa3, %sa3 {granularity = "group", axis = 2 : i64, group_size = 64 : i64}
      : (tensor<2x7x64xi8>, tensor<2x7x1xf32>) -> tensor<2x7x64xf32>
  %da3f = tensor.collapse_shape %da3 [[0, 1], [2]] : tensor<2x7x64xf32> into tensor<14x64xf32>
  %da3d = tensor.cast %da3f : tensor<14x64xf32> to tensor<?x?xf32>
  %ref8b = call @ref_matmul(%da3d, %dbd) : (tensor<?x?xf32>, tensor<?x?xf32>) -> tensor<?x?xf32>
  %w8bs = tensor.cast %w8b : tensor<?x?x9xf32> to tensor<2x7x9xf32>
  %w8bf = tensor.collapse_shape %w8bs [[0, 1], [2]] : tensor<2x7x9xf32> into tensor<14x9xf32>
  %w8bd = tensor.cast %w8bf : tensor<14x9xf32> to tensor<?x?xf32>
  // CHECK: rank = 1 offset = 0 sizes = [3]
  // CHECK-NEXT: {{\[}}{{[-+.0-9e]+}}, {{[-+.0-9e]+}}, 1]
  call @compare(%w8bd, %ref8b) : (tensor<?x?xf32>, tensor<?x?xf32>) -> ()
  return
}
