// RUN: accel-opt %s | accel-opt | FileCheck %s
// RUN: accel-opt %s --mlir-print-op-generic | accel-opt | FileCheck %s
// RUN: accel-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// The Mamba scans (contract section 5b) in their custom form, with dynamic
// batch and length; the generic form carries one operandSegmentSizes entry
// per operand group.

// CHECK-LABEL: func.func @selective_all
// CHECK: %{{.+}}, %{{.+}} = accel.selective_scan %arg0, %arg1, %arg2, %arg3, %arg4 D(%arg5) z(%arg6) delta_bias(%arg7) {delta_softplus = true} : (tensor<?x64x?xf16>, tensor<?x64x?xf16>, tensor<64x16xf32>, tensor<?x2x16x?xf16>, tensor<?x2x16x?xf16>, tensor<64xf32>, tensor<?x64x?xf16>, tensor<64xf32>) -> (tensor<?x64x?xf16>, tensor<?x64x16xf32>)
// GENERIC: "accel.selective_scan"({{.+}}) <{delta_softplus = true, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 1, 1>}>
func.func @selective_all(%u: tensor<?x64x?xf16>, %dt: tensor<?x64x?xf16>, %A: tensor<64x16xf32>, %B: tensor<?x2x16x?xf16>, %C: tensor<?x2x16x?xf16>, %D: tensor<64xf32>, %z: tensor<?x64x?xf16>, %db: tensor<64xf32>) -> (tensor<?x64x?xf16>, tensor<?x64x16xf32>) {
  %y, %s = accel.selective_scan %u, %dt, %A, %B, %C D(%D) z(%z) delta_bias(%db) {delta_softplus = true} : (tensor<?x64x?xf16>, tensor<?x64x?xf16>, tensor<64x16xf32>, tensor<?x2x16x?xf16>, tensor<?x2x16x?xf16>, tensor<64xf32>, tensor<?x64x?xf16>, tensor<64xf32>) -> (tensor<?x64x?xf16>, tensor<?x64x16xf32>)
  return %y, %s : tensor<?x64x?xf16>, tensor<?x64x16xf32>
}

// CHECK-LABEL: func.func @selective_z_only
// CHECK: accel.selective_scan %arg0, %arg1, %arg2, %arg3, %arg4 z(%arg5) : 
// GENERIC: operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 0, 1, 0>
func.func @selective_z_only(%u: tensor<1x8x32xbf16>, %dt: tensor<1x8x32xbf16>, %A: tensor<8x4xf32>, %B: tensor<1x1x4x32xbf16>, %C: tensor<1x1x4x32xbf16>, %z: tensor<1x8x32xbf16>) -> tensor<1x8x32xbf16> {
  %y = accel.selective_scan %u, %dt, %A, %B, %C z(%z) : (tensor<1x8x32xbf16>, tensor<1x8x32xbf16>, tensor<8x4xf32>, tensor<1x1x4x32xbf16>, tensor<1x1x4x32xbf16>, tensor<1x8x32xbf16>) -> tensor<1x8x32xbf16>
  return %y : tensor<1x8x32xbf16>
}

// CHECK-LABEL: func.func @ssd_all
// CHECK: accel.ssd_scan %arg0, %arg1, %arg2, %arg3, %arg4 D(%arg5) z(%arg6) dt_bias(%arg7) initial_state(%arg8) {dt_softplus = true} :
// GENERIC: "accel.ssd_scan"({{.+}}) <{dt_softplus = true, operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 1, 1, 1, 1>}>
func.func @ssd_all(%x: tensor<?x?x8x64xf32>, %dt: tensor<?x?x8xf32>, %A: tensor<8xf32>, %B: tensor<?x?x2x128xf32>, %C: tensor<?x?x2x128xf32>, %D: tensor<8x64xf32>, %z: tensor<?x?x8x64xf32>, %db: tensor<8xf32>, %h0: tensor<?x8x64x128xf32>) -> (tensor<?x?x8x64xf32>, tensor<?x8x64x128xf32>) {
  %y, %h = accel.ssd_scan %x, %dt, %A, %B, %C D(%D) z(%z) dt_bias(%db) initial_state(%h0) {dt_softplus = true} : (tensor<?x?x8x64xf32>, tensor<?x?x8xf32>, tensor<8xf32>, tensor<?x?x2x128xf32>, tensor<?x?x2x128xf32>, tensor<8x64xf32>, tensor<?x?x8x64xf32>, tensor<8xf32>, tensor<?x8x64x128xf32>) -> (tensor<?x?x8x64xf32>, tensor<?x8x64x128xf32>)
  return %y, %h : tensor<?x?x8x64xf32>, tensor<?x8x64x128xf32>
}

// CHECK-LABEL: func.func @ssd_state_only
// CHECK: accel.ssd_scan %arg0, %arg1, %arg2, %arg3, %arg4 initial_state(%arg5) :
// GENERIC: operandSegmentSizes = array<i32: 1, 1, 1, 1, 1, 0, 0, 0, 1>
func.func @ssd_state_only(%x: tensor<1x16x4x8xf16>, %dt: tensor<1x16x4xf16>, %A: tensor<4xf32>, %B: tensor<1x16x1x8xf16>, %C: tensor<1x16x1x8xf16>, %h0: tensor<1x4x8x8xf32>) -> tensor<1x16x4x8xf16> {
  %y = accel.ssd_scan %x, %dt, %A, %B, %C initial_state(%h0) : (tensor<1x16x4x8xf16>, tensor<1x16x4xf16>, tensor<4xf32>, tensor<1x16x1x8xf16>, tensor<1x16x1x8xf16>, tensor<1x4x8x8xf32>) -> tensor<1x16x4x8xf16>
  return %y : tensor<1x16x4x8xf16>
}
