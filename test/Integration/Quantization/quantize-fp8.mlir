// RUN: accel-opt %s --accel-cpu-reference | %run_cpu main | FileCheck %s

// accel.quantize / accel.dequantize with fp8 (contract §5): q = to_f8(x /
// scale), rounded to nearest even and saturated to the largest finite value
// (448 for f8E4M3FN, 57344 for f8E5M2, infinities included); NaN stays NaN.
// The lowering converts on the bit level, so the bytes are checked too.
// Expected values worked out by hand (and with python3).

func.func private @printMemrefI32(tensor<*xi32>)
func.func private @printMemrefF32(tensor<*xf32>)

// Bytes of an fp8 tensor, as unsigned integers.
func.func @bytes_e4m3(%q: tensor<?xf8E4M3FN>) {
  %c0 = arith.constant 0 : index
  %d0 = tensor.dim %q, %c0 : tensor<?xf8E4M3FN>
  %e = tensor.empty(%d0) : tensor<?xi32>
  %w = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>],
                       iterator_types = ["parallel"]}
      ins(%q : tensor<?xf8E4M3FN>) outs(%e : tensor<?xi32>) {
  ^bb0(%a: f8E4M3FN, %o: i32):
    %b = arith.bitcast %a : f8E4M3FN to i8
    %y = arith.extui %b : i8 to i32
    linalg.yield %y : i32
  } -> tensor<?xi32>
  %u = tensor.cast %w : tensor<?xi32> to tensor<*xi32>
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  return
}

func.func @bytes_e5m2(%q: tensor<?xf8E5M2>) {
  %c0 = arith.constant 0 : index
  %d0 = tensor.dim %q, %c0 : tensor<?xf8E5M2>
  %e = tensor.empty(%d0) : tensor<?xi32>
  %w = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>],
                       iterator_types = ["parallel"]}
      ins(%q : tensor<?xf8E5M2>) outs(%e : tensor<?xi32>) {
  ^bb0(%a: f8E5M2, %o: i32):
    %b = arith.bitcast %a : f8E5M2 to i8
    %y = arith.extui %b : i8 to i32
    linalg.yield %y : i32
  } -> tensor<?xi32>
  %u = tensor.cast %w : tensor<?xi32> to tensor<*xi32>
  call @printMemrefI32(%u) : (tensor<*xi32>) -> ()
  return
}

func.func @show_f32(%s: tensor<?xf32>) {
  %u = tensor.cast %s : tensor<?xf32> to tensor<*xf32>
  call @printMemrefF32(%u) : (tensor<*xf32>) -> ()
  return
}

// The number of bit patterns b in [0, 256) of an fp8 type whose
// quantize(dequantize(b, 1), 1) differs from b.
func.func @roundtrip_e4m3() -> tensor<i32> {
  %e = tensor.empty() : tensor<256xf8E4M3FN>
  %all = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>], iterator_types = ["parallel"]}
      outs(%e : tensor<256xf8E4M3FN>) {
  ^bb0(%o: f8E4M3FN):
    %i = linalg.index 0 : index
    %b = arith.index_cast %i : index to i8
    %f = arith.bitcast %b : i8 to f8E4M3FN
    linalg.yield %f : f8E4M3FN
  } -> tensor<256xf8E4M3FN>
  %one = arith.constant dense<1.0> : tensor<f32>
  %x = accel.dequantize %all, %one : (tensor<256xf8E4M3FN>, tensor<f32>) -> tensor<256xf32>
  %q, %s = accel.quantize %x, %one {dtype = f8E4M3FN}
      : (tensor<256xf32>, tensor<f32>) -> (tensor<256xf8E4M3FN>, tensor<f32>)
  %z = arith.constant dense<0> : tensor<i32>
  %n = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> ()>],
                       iterator_types = ["reduction"]}
      ins(%all, %q : tensor<256xf8E4M3FN>, tensor<256xf8E4M3FN>) outs(%z : tensor<i32>) {
  ^bb0(%a: f8E4M3FN, %b: f8E4M3FN, %acc: i32):
    %ab = arith.bitcast %a : f8E4M3FN to i8
    %bb = arith.bitcast %b : f8E4M3FN to i8
    %ne = arith.cmpi ne, %ab, %bb : i8
    %one_i = arith.extui %ne : i1 to i32
    %r = arith.addi %acc, %one_i : i32
    linalg.yield %r : i32
  } -> tensor<i32>
  return %n : tensor<i32>
}

func.func @roundtrip_e5m2() -> tensor<i32> {
  %e = tensor.empty() : tensor<256xf8E5M2>
  %all = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>], iterator_types = ["parallel"]}
      outs(%e : tensor<256xf8E5M2>) {
  ^bb0(%o: f8E5M2):
    %i = linalg.index 0 : index
    %b = arith.index_cast %i : index to i8
    %f = arith.bitcast %b : i8 to f8E5M2
    linalg.yield %f : f8E5M2
  } -> tensor<256xf8E5M2>
  %one = arith.constant dense<1.0> : tensor<f32>
  %x = accel.dequantize %all, %one : (tensor<256xf8E5M2>, tensor<f32>) -> tensor<256xf32>
  %q, %s = accel.quantize %x, %one {dtype = f8E5M2}
      : (tensor<256xf32>, tensor<f32>) -> (tensor<256xf8E5M2>, tensor<f32>)
  %z = arith.constant dense<0> : tensor<i32>
  %n = linalg.generic {indexing_maps = [affine_map<(i) -> (i)>, affine_map<(i) -> (i)>, affine_map<(i) -> ()>],
                       iterator_types = ["reduction"]}
      ins(%all, %q : tensor<256xf8E5M2>, tensor<256xf8E5M2>) outs(%z : tensor<i32>) {
  ^bb0(%a: f8E5M2, %b: f8E5M2, %acc: i32):
    %ab = arith.bitcast %a : f8E5M2 to i8
    %bb = arith.bitcast %b : f8E5M2 to i8
    %ne = arith.cmpi ne, %ab, %bb : i8
    %one_i = arith.extui %ne : i1 to i32
    %r = arith.addi %acc, %one_i : i32
    linalg.yield %r : i32
  } -> tensor<i32>
  return %n : tensor<i32>
}

func.func @main() {
  %one = arith.constant dense<1.0> : tensor<f32>

  // f8E4M3FN, scale 1. 1000 and 464 (halfway to 480, which does not exist)
  // saturate to 448 (0x7e); 17 ties to 16 (even mantissa), 19 ties to 20;
  // 0.3 -> 0.3125; 2^-9 is the smallest subnormal (0x01), 2^-10 ties to 0,
  // 1.5 * 2^-10 rounds up to 2^-9; -0 keeps its sign (0x80); inf saturates;
  // NaN -> 0x7f.
  %a = arith.constant dense<[1000.0, -1000.0, 448.0, 464.0, 17.0, 19.0, 0.3,
                             0.001953125, 0.0009765625, 0.00146484375, -0.0,
                             0x7F800000, 0x7FC00000]> : tensor<13xf32>
  %qa, %sa = accel.quantize %a, %one {dtype = f8E4M3FN}
      : (tensor<13xf32>, tensor<f32>) -> (tensor<13xf8E4M3FN>, tensor<f32>)
  %qad = tensor.cast %qa : tensor<13xf8E4M3FN> to tensor<?xf8E4M3FN>
  // CHECK: rank = 1 offset = 0 sizes = [13]
  // CHECK-NEXT: {{\[}}126, 254, 126, 126, 88, 90, 42, 1, 0, 1, 128, 126, 127]
  call @bytes_e4m3(%qad) : (tensor<?xf8E4M3FN>) -> ()
  %xa = accel.dequantize %qad, %one : (tensor<?xf8E4M3FN>, tensor<f32>) -> tensor<?xf32>
  // CHECK: rank = 1 offset = 0 sizes = [13]
  // CHECK-NEXT: {{\[}}448, -448, 448, 448, 16, 20, 0.3125, 0.00195312, 0, 0.00195312, -0, 448, nan]
  call @show_f32(%xa) : (tensor<?xf32>) -> ()

  // f8E5M2, scale 1. 1e6, 65536 and 61440 (halfway to 65536) saturate to
  // 57344 (0x7b), -inf to -57344; 4.5 ties to 4, 5.5 ties to 6; -0.1 ->
  // -0.09375; 2^-16 is the smallest subnormal, 2^-17 ties to 0, -1.5 * 2^-17
  // rounds to -2^-16; NaN -> 0x7e.
  %b = arith.constant dense<[1.0e6, 65536.0, 57344.0, 61440.0, 3.0, 4.5, 5.5,
                             -0.1, 1.52587890625e-05, 7.62939453125e-06,
                             -1.1444091796875e-05, 0xFF800000, 0x7FC00000]> : tensor<13xf32>
  %qb, %sb = accel.quantize %b, %one {dtype = f8E5M2}
      : (tensor<13xf32>, tensor<f32>) -> (tensor<13xf8E5M2>, tensor<f32>)
  %qbd = tensor.cast %qb : tensor<13xf8E5M2> to tensor<?xf8E5M2>
  // CHECK: rank = 1 offset = 0 sizes = [13]
  // CHECK-NEXT: {{\[}}123, 123, 123, 123, 66, 68, 70, 174, 1, 0, 129, 251, 126]
  call @bytes_e5m2(%qbd) : (tensor<?xf8E5M2>) -> ()
  %xb = accel.dequantize %qbd, %one : (tensor<?xf8E5M2>, tensor<f32>) -> tensor<?xf32>
  // CHECK: rank = 1 offset = 0 sizes = [13]
  // CHECK-NEXT: {{\[}}57344, 57344, 57344, 57344, 3, 4, 6, -0.09375, 1.52588e-05, 0, -1.52588e-05, -57344, nan]
  call @show_f32(%xb) : (tensor<?xf32>) -> ()

  // The bytes agree with the parser's (APFloat's) rounding of the same
  // in-range values: -3.3 -> -3.25 (0xc5); 100 ties to 96 (0x6c); 0.0137 is
  // 7.01 smallest subnormals -> 7.
  %c = arith.constant dense<[448.0, 17.0, 19.0, 0.3, 0.001953125, 0.0009765625,
                             0.00146484375, -0.0, -3.3, 100.0, 0.0137]> : tensor<11xf32>
  %cref = arith.constant dense<[448.0, 17.0, 19.0, 0.3, 0.001953125, 0.0009765625,
                                0.00146484375, -0.0, -3.3, 100.0, 0.0137]> : tensor<11xf8E4M3FN>
  %qc, %sc = accel.quantize %c, %one {dtype = f8E4M3FN}
      : (tensor<11xf32>, tensor<f32>) -> (tensor<11xf8E4M3FN>, tensor<f32>)
  %qcd = tensor.cast %qc : tensor<11xf8E4M3FN> to tensor<?xf8E4M3FN>
  %crefd = tensor.cast %cref : tensor<11xf8E4M3FN> to tensor<?xf8E4M3FN>
  // CHECK: rank = 1 offset = 0 sizes = [11]
  // CHECK-NEXT: {{^\[}}[[BYTES:126, 88, 90, 42, 1, 0, 1, 128, 197, 108, 7]]{{\]$}}
  call @bytes_e4m3(%qcd) : (tensor<?xf8E4M3FN>) -> ()
  // CHECK: rank = 1 offset = 0 sizes = [11]
  // CHECK-NEXT: {{^\[}}[[BYTES]]{{\]$}}
  call @bytes_e4m3(%crefd) : (tensor<?xf8E4M3FN>) -> ()

  // Every byte survives dequantize -> quantize except, for f8E5M2, the
  // infinities (which saturate) and the NaNs other than the quiet 0x7e / 0xfe
  // pattern: 0x7c, 0x7d, 0x7f, 0xfc, 0xfd, 0xff.
  %n4 = call @roundtrip_e4m3() : () -> tensor<i32>
  %n4u = tensor.cast %n4 : tensor<i32> to tensor<*xi32>
  // CHECK: rank = 0 offset = 0 sizes = []
  // CHECK-NEXT: [0]
  call @printMemrefI32(%n4u) : (tensor<*xi32>) -> ()
  %n5 = call @roundtrip_e5m2() : () -> tensor<i32>
  %n5u = tensor.cast %n5 : tensor<i32> to tensor<*xi32>
  // CHECK: rank = 0 offset = 0 sizes = []
  // CHECK-NEXT: [6]
  call @printMemrefI32(%n5u) : (tensor<*xi32>) -> ()

  // Dynamic scales: absmax / 448 per row; row 1 is all zero (scale 1).
  // Row 0: scale 4 / 448 = 1/112, q = [112, -224, 448, 11.2 -> 11]; row 2:
  // scale 1000 / 448, 1 / scale = 0.448 -> 0.4375.
  %d = arith.constant dense<[[1.0, -2.0, 4.0, 0.1],
                             [0.0, 0.0, 0.0, 0.0],
                             [1000.0, 1.0, -500.0, 0.0]]> : tensor<3x4xf32>
  %qd, %sd = accel.quantize %d {dtype = f8E4M3FN, granularity = "channel", axis = 0 : i64}
      : (tensor<3x4xf32>) -> (tensor<3x4xf8E4M3FN>, tensor<3xf32>)
  %qdf = tensor.collapse_shape %qd [[0, 1]] : tensor<3x4xf8E4M3FN> into tensor<12xf8E4M3FN>
  %qdd = tensor.cast %qdf : tensor<12xf8E4M3FN> to tensor<?xf8E4M3FN>
  %xd = accel.dequantize %qdd, %one : (tensor<?xf8E4M3FN>, tensor<f32>) -> tensor<?xf32>
  // CHECK: rank = 1 offset = 0 sizes = [12]
  // CHECK-NEXT: {{\[}}112, -224, 448, 11, 0, 0, 0, 0, 448, 0.4375, -224, 0]
  call @show_f32(%xd) : (tensor<?xf32>) -> ()
  %sdd = tensor.cast %sd : tensor<3xf32> to tensor<?xf32>
  // CHECK: rank = 1 offset = 0 sizes = [3]
  // CHECK-NEXT: {{\[}}0.00892857, 1, 2.23214]
  call @show_f32(%sdd) : (tensor<?xf32>) -> ()

  // f8E5M2, dynamic per tensor: scale 1000 / 57344, so q = 57.344 * x on
  // the E5M2 grid: 57.344 -> 56, 114.688 -> 112, 229.376 -> 224, 5.7344 ->
  // 6, 57344, -28672.
  %qe, %se = accel.quantize %d {dtype = f8E5M2}
      : (tensor<3x4xf32>) -> (tensor<3x4xf8E5M2>, tensor<f32>)
  %qef = tensor.collapse_shape %qe [[0, 1]] : tensor<3x4xf8E5M2> into tensor<12xf8E5M2>
  %qed = tensor.cast %qef : tensor<12xf8E5M2> to tensor<?xf8E5M2>
  %xe = accel.dequantize %qed, %one : (tensor<?xf8E5M2>, tensor<f32>) -> tensor<?xf32>
  // CHECK: rank = 1 offset = 0 sizes = [12]
  // CHECK-NEXT: {{\[}}56, -112, 224, 6, 0, 0, 0, 0, 57344, 56, -28672, 0]
  call @show_f32(%xe) : (tensor<?xf32>) -> ()
  return
}
