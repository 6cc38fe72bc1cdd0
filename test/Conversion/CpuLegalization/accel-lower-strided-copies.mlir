// RUN: accel-opt %s --accel-lower-strided-copies --split-input-file | FileCheck %s

// A copy out of a strided subview would call memrefCopy: a linalg.copy.
// CHECK-LABEL: func.func @strided_source
//  CHECK-SAME:   (%[[SRC:.+]]: memref<4x6xf32>, %[[DST:.+]]: memref<4x3xf32>)
//       CHECK:   %[[VIEW:.+]] = memref.subview %[[SRC]]
//   CHECK-NOT:   memref.copy
//       CHECK:   linalg.copy ins(%[[VIEW]] : memref<4x3xf32, strided<[6, 1], offset: 3>>) outs(%[[DST]] : memref<4x3xf32>)
func.func @strided_source(%src: memref<4x6xf32>, %dst: memref<4x3xf32>) {
  %v = memref.subview %src[0, 3] [4, 3] [1, 1] : memref<4x6xf32> to memref<4x3xf32, strided<[6, 1], offset: 3>>
  memref.copy %v, %dst : memref<4x3xf32, strided<[6, 1], offset: 3>> to memref<4x3xf32>
  return
}

// -----

// CHECK-LABEL: func.func @strided_target
//       CHECK:   linalg.copy ins(%{{.+}} : memref<4x3xf32>) outs(%{{.+}} : memref<4x3xf32, strided<[6, 1]>>)
func.func @strided_target(%src: memref<4x3xf32>, %dst: memref<4x6xf32>) {
  %v = memref.subview %dst[0, 0] [4, 3] [1, 1] : memref<4x6xf32> to memref<4x3xf32, strided<[6, 1]>>
  memref.copy %src, %v : memref<4x3xf32> to memref<4x3xf32, strided<[6, 1]>>
  return
}

// -----

// Contiguous copies stay memcpys: identity layouts, and a static
// row-major-contiguous strided layout (a block of whole rows).
// CHECK-LABEL: func.func @negative_contiguous
//   CHECK-NOT:   linalg.copy
//       CHECK:   memref.copy %{{.+}}, %{{.+}} : memref<4x6xf32> to memref<4x6xf32>
//       CHECK:   memref.copy %{{.+}}, %{{.+}} : memref<2x6xf32, strided<[6, 1], offset: 6>> to memref<2x6xf32>
func.func @negative_contiguous(%src: memref<4x6xf32>, %dst: memref<4x6xf32>, %rows: memref<2x6xf32>) {
  memref.copy %src, %dst : memref<4x6xf32> to memref<4x6xf32>
  %v = memref.subview %src[1, 0] [2, 6] [1, 1] : memref<4x6xf32> to memref<2x6xf32, strided<[6, 1], offset: 6>>
  memref.copy %v, %rows : memref<2x6xf32, strided<[6, 1], offset: 6>> to memref<2x6xf32>
  return
}

// -----

// Unranked copies cannot be linalg: left to memrefCopy.
// CHECK-LABEL: func.func @negative_unranked
//       CHECK:   memref.copy %{{.+}}, %{{.+}} : memref<*xf32> to memref<*xf32>
func.func @negative_unranked(%src: memref<*xf32>, %dst: memref<*xf32>) {
  memref.copy %src, %dst : memref<*xf32> to memref<*xf32>
  return
}
