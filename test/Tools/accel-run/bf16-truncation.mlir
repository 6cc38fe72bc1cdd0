// f32 -> bf16 and f64 -> bf16 at run time (not folded: the inputs are
// arguments). On x86 without AVX512-BF16, LLVM legalizes these through
// the __truncsfbf2 / __truncdfbf2 builtins, which accel-run's JIT provides
// (GCC 12's libgcc has neither): round to nearest even, ties to even, NaN
// quieted, overflow to inf. The results are printed as their bits.
// RUN: %numpy_python -c "import numpy as np; np.save('%t.f32.npy', np.array([0x3F808000, 0x3F818000, 0x7F7FFFFF, 0xFFC00001, 0x3F800001, 0x00000001], dtype=np.uint32).view(np.float32)); np.save('%t.f64.npy', np.array([1.5, -2.25, 1e300, 1.0078125], dtype=np.float64))"
// RUN: accel-run %s --entry=from_f32 --input=@%t.f32.npy | FileCheck %s --check-prefix=F32
// RUN: accel-run %s --entry=from_f64 --input=@%t.f64.npy | FileCheck %s --check-prefix=F64

// 1 + 2^-8 ties to 1 (0x3F80 = 16256); 1 + 3 * 2^-8 ties to 1 + 2^-6
// (0x3F82); FLT_MAX rounds to inf (0x7F80); a NaN stays a quiet NaN
// (0xFFC0 = -64); 1 + 2^-23 rounds to 1; the smallest subnormal to +0.
// F32: [1.625600e+04, 1.625800e+04, 3.264000e+04, -6.400000e+01, 1.625600e+04, 0.000000e+00]
func.func @from_f32(%x: tensor<6xf32>) -> tensor<6xi16> {
  %t = arith.truncf %x : tensor<6xf32> to tensor<6xbf16>
  %b = arith.bitcast %t : tensor<6xbf16> to tensor<6xi16>
  return %b : tensor<6xi16>
}

// 1.5 = 0x3FC0, -2.25 = 0xC010 (-16368), 1e300 overflows to inf (0x7F80),
// 1 + 2^-7 is exact (0x3F81).
// F64: [1.632000e+04, -1.636800e+04, 3.264000e+04, 1.625700e+04]
func.func @from_f64(%x: tensor<4xf64>) -> tensor<4xi16> {
  %t = arith.truncf %x : tensor<4xf64> to tensor<4xbf16>
  %b = arith.bitcast %t : tensor<4xbf16> to tensor<4xi16>
  return %b : tensor<4xi16>
}
