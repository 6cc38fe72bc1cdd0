// accel.quantize is the quantize family on every target: one warp per
// scale element (the tensor, a channel, a group), the absmax reduction for
// a dynamic scale, then q; a static per-tensor scale runs grid-stride over
// all elements. The host describes x's segments by two levels of segment
// and element strides (accelkern_quantize::QuantizeParams).
// RUN: accel-translate --accel-to-cuda --accel-sm=sm_80 %s | FileCheck %s
// RUN: accel-translate --accel-to-ptx --accel-sm=sm_90a %s | FileCheck %s --check-prefix=PTX
// PTX: .entry _ZN18accelkern_quantize14quantizeKernel

// CHECK: //   @per_token kernel 0: quantize bf16.i8.channel.dynamic.r2 #accel.quantize_config<num_warps = 8>
// CHECK-NEXT: //     accelkern_quantize::quantizeKernel<__nv_bfloat16, signed char, 8>
// CHECK-NEXT: //     grid [16, 1, 1] x 256 threads, 0 B shared
// CHECK: //   @group_fp8 kernel 0: quantize f16.f8E4M3FN.group.dynamic.r2 #accel.quantize_config<num_warps = 8>
// CHECK-NEXT: //     accelkern_quantize::quantizeKernel<__half, unsigned char, 8>
// CHECK-NEXT: //     grid [?, 1, 1] x 256 threads
// CHECK: //   @static_tensor kernel 0: quantize f32.i8.tensor.static.r3 #accel.quantize_config<num_warps = 4>
// CHECK-NEXT: //     accelkern_quantize::quantizeKernel<float, signed char, 4>
// CHECK-NEXT: //     grid [1, 1, 1] x 128 threads

// Per token: 128 rows of 512, one segment a row.
// CHECK-LABEL: extern "C" cudaError_t accel_per_token(
// CHECK: .segments = 128;
// CHECK-NEXT: .segInner = 128;
// CHECK-NEXT: .lenOuter = 1;
// CHECK-NEXT: .lenInner = 512;
// CHECK-NEXT: .segOuterStride = 0;
// CHECK-NEXT: .segInnerStride = 512;
// CHECK-NEXT: .lenOuterStride = 65536;
// CHECK-NEXT: .lenInnerStride = 1;
// CHECK-NEXT: .flat = false;
// CHECK: accelkern_quantize::launchQuantize<__nv_bfloat16, signed char, 8>
// Groups of 64 along the last dim of a [?, 256]: ? * 4 segments.
// CHECK-LABEL: extern "C" cudaError_t accel_group_fp8(
// CHECK: .segments = (int64_t) ((uint64_t) [[ROWS:v[0-9]+]] * (uint64_t) 4);
// CHECK-NEXT: .segInner = 1;
// CHECK-NEXT: .lenOuter = 1;
// CHECK-NEXT: .lenInner = 64;
// CHECK-NEXT: .segOuterStride = 64;
// CHECK-NEXT: .segInnerStride = 1;
// CHECK-NEXT: .lenOuterStride = 0;
// CHECK-NEXT: .lenInnerStride = 1;
// CHECK-LABEL: extern "C" cudaError_t accel_static_tensor(
// CHECK: .lenInner = 105;
// CHECK: .flat = true;

func.func @per_token(%x: tensor<128x512xbf16>) -> (tensor<128x512xi8>, tensor<128xf32>) {
  %q, %s = accel.quantize %x {dtype = i8, granularity = "channel", axis = 0 : i64} : (tensor<128x512xbf16>) -> (tensor<128x512xi8>, tensor<128xf32>)
  return %q, %s : tensor<128x512xi8>, tensor<128xf32>
}
func.func @group_fp8(%x: tensor<?x256xf16>) -> (tensor<?x256xf8E4M3FN>, tensor<?x4xf32>) {
  %q, %s = accel.quantize %x {dtype = f8E4M3FN, granularity = "group", axis = 1 : i64, group_size = 64 : i64} : (tensor<?x256xf16>) -> (tensor<?x256xf8E4M3FN>, tensor<?x4xf32>)
  return %q, %s : tensor<?x256xf8E4M3FN>, tensor<?x4xf32>
}
func.func @static_tensor(%x: tensor<3x5x7xf32>, %scale: tensor<f32>) -> (tensor<3x5x7xi8>, tensor<f32>) {
  %q, %s = accel.quantize %x, %scale {dtype = i8, accel.kernel_config = #accel.quantize_config<num_warps = 4>} : (tensor<3x5x7xf32>, tensor<f32>) -> (tensor<3x5x7xi8>, tensor<f32>)
  return %q, %s : tensor<3x5x7xi8>, tensor<f32>
}
