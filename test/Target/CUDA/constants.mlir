// Dense tensor constants in the CUDA host program: each is a static array
// of its bytes (little endian, one element for a splat) before its entry
// point, made resident on the device at its first use
// (accel_host::residentConstant: per device, kept for the process), and
// read by the kernels like an argument; a returned constant is copied to
// its result. What has no byte layout is a located error.
// RUN: accel-translate --accel-to-cuda --accel-sm=sm_80 %s -split-input-file -verify-diagnostics | FileCheck %s

// An i8 weight with per-channel scales (what accel-quantize makes of a
// constant weight): two arrays, the matmul reads both.
// CHECK: // tensor<2x32xi8>
// CHECK-NEXT: namespace accel_host {
// CHECK-NEXT: static const unsigned char constant_w8a8_0[64] = {
// CHECK-NEXT:   0x01, 0xff, 0x7f, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
// CHECK-NEXT:   0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
// CHECK-NEXT:   0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
// CHECK-NEXT:   0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03,
// CHECK-NEXT: };
// CHECK-NEXT: } // namespace accel_host
// CHECK: // tensor<2xf32>
// CHECK-NEXT: namespace accel_host {
// CHECK-NEXT: static const unsigned char constant_w8a8_1[8] = {
// CHECK-NEXT:   0x00, 0x00, 0x80, 0x3f, 0x00, 0x00, 0x00, 0x40,
// CHECK-NEXT: };
// CHECK-LABEL: extern "C" cudaError_t accel_w8a8(
// CHECK: const void* [[W:v[0-9]+]] = accel_host::residentConstant({{v[0-9]+}}, accel_host::constant_w8a8_0, 1, 64, false, "{{.*}}constants.mlir{{.*}}:8: 'arith.constant' op could not upload its constant");
// CHECK: const void* [[S:v[0-9]+]] = accel_host::residentConstant({{v[0-9]+}}, accel_host::constant_w8a8_1, 4, 2, false,
// CHECK: .b = [[W]];
// CHECK: .extras[1] = [[S]];
// CHECK: accelkern_gemm::launchGemm<signed char
func.func @w8a8(%q: tensor<?x32xi8>, %as: tensor<?xf32>) -> tensor<?x2xbf16> {
  %w = arith.constant dense<[[1, -1, 127, -128, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
                             [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3]]> : tensor<2x32xi8>
  %s = arith.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %y = accel.quantized_matmul %q, %as, %w, %s {transpose_b = true} : (tensor<?x32xi8>, tensor<?xf32>, tensor<2x32xi8>, tensor<2xf32>) -> tensor<?x2xbf16>
  return %y : tensor<?x2xbf16>
}

// -----

// A splat: one element (bf16 0.5 is 0x3f00), repeated on upload; a
// constant returned as it is is copied to the result.
// CHECK: // tensor<4x8xbf16> (splat)
// CHECK-NEXT: namespace accel_host {
// CHECK-NEXT: static const unsigned char constant_splat_0[2] = {
// CHECK-NEXT:   0x00, 0x3f,
// CHECK-LABEL: extern "C" cudaError_t accel_splat(
// CHECK: const void* [[C:v[0-9]+]] = accel_host::residentConstant({{v[0-9]+}}, accel_host::constant_splat_0, 2, 32, true,
// CHECK: accel_host::copy({{v[0-9]+}}, {{v[0-9]+}}, [[C]], 64,
func.func @splat() -> tensor<4x8xbf16> {
  %c = arith.constant dense<0.5> : tensor<4x8xbf16>
  return %c : tensor<4x8xbf16>
}

// -----

// A function whose entry point is named like another function's constant
// array compiles: the arrays live in namespace accel_host, which no entry
// point can be.
// CHECK-LABEL: extern "C" cudaError_t accel_main(
// CHECK: accel_host::constant_main_0
// CHECK-LABEL: extern "C" cudaError_t accel_main_constant_0(
func.func @main(%x: tensor<4xf32>) -> tensor<4xf32> {
  %c = arith.constant dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>
  return %c : tensor<4xf32>
}
func.func @main_constant_0(%x: tensor<4xf32>) -> tensor<4xf32> {
  return %x : tensor<4xf32>
}

// -----

func.func @bool_constant() -> tensor<4xi1> {
  // expected-error @+1 {{'arith.constant' op is a tensor constant of 'i1'; the CUDA host program holds constants of whole bytes (no i1 or i4 layout yet)}}
  %c = arith.constant dense<true> : tensor<4xi1>
  return %c : tensor<4xi1>
}

// -----

func.func @elided() -> tensor<4xf32> {
  // expected-error @+1 {{'arith.constant' op is a dense_resource whose bytes are not in the module (elided); the CUDA host program needs them}}
  %c = arith.constant dense_resource<__elided__> : tensor<4xf32>
  return %c : tensor<4xf32>
}
