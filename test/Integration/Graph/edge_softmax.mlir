// RUN: accel-opt %s --accel-cpu-reference | %run_cpu main | FileCheck %s

// accel.edge_softmax: per column, softmax over the edges that share a
// destination. Node 0 has one edge (1.0), node 2 two, node 3 three (with
// scores of 1000, which overflow exp without the max subtraction), nodes 1
// and 4 none. i32 and i64 ids, dynamic sizes, f16 and zero edges.

func.func private @printMemrefF32(tensor<*xf32>)

func.func @main() {
  %s = arith.constant dense<[[1.0, 0.0], [5.0, -3.0], [2.0, 0.0],
                             [1000.0, 1.0], [1000.0, 2.0], [1000.0, 3.0]]> : tensor<6x2xf32>
  %d = arith.constant dense<[2, 0, 2, 3, 3, 3]> : tensor<6xi32>
  %a = accel.edge_softmax %s, %d {num_nodes = 5 : i64}
      : (tensor<6x2xf32>, tensor<6xi32>) -> tensor<6x2xf32>
  %au = tensor.cast %a : tensor<6x2xf32> to tensor<*xf32>
  // softmax(1, 2) = (0.268941, 0.731059); softmax(1, 2, 3) = (0.0900306,
  // 0.244728, 0.665241); equal scores share evenly.
  // CHECK: rank = 2 offset = 0 sizes = [6, 2]
  // CHECK-NEXT: {{\[}}[0.268941,   0.5],
  // CHECK-NEXT: [1,   1],
  // CHECK-NEXT: [0.731059,   0.5],
  // CHECK-NEXT: [0.333333,   0.0900306],
  // CHECK-NEXT: [0.333333,   0.244728],
  // CHECK-NEXT: [0.333333,   0.665241]]
  call @printMemrefF32(%au) : (tensor<*xf32>) -> ()

  // Dynamic E and H, i64 ids.
  %sd = tensor.cast %s : tensor<6x2xf32> to tensor<?x?xf32>
  %d64 = arith.constant dense<[2, 0, 2, 3, 3, 3]> : tensor<6xi64>
  %dd = tensor.cast %d64 : tensor<6xi64> to tensor<?xi64>
  %ad = accel.edge_softmax %sd, %dd {num_nodes = 5 : i64}
      : (tensor<?x?xf32>, tensor<?xi64>) -> tensor<?x?xf32>
  %adu = tensor.cast %ad : tensor<?x?xf32> to tensor<*xf32>
  // CHECK: rank = 2 offset = 0 sizes = [6, 2]
  // CHECK-NEXT: {{\[}}[0.268941,   0.5],
  // CHECK-NEXT: [1,   1],
  // CHECK-NEXT: [0.731059,   0.5],
  // CHECK-NEXT: [0.333333,   0.0900306],
  // CHECK-NEXT: [0.333333,   0.244728],
  // CHECK-NEXT: [0.333333,   0.665241]]
  call @printMemrefF32(%adu) : (tensor<*xf32>) -> ()

  // f16 scores, f16 result: two edges with equal scores give 0.5 each, a
  // lone edge 1.0.
  %sh = arith.constant dense<[[3.0], [3.0], [-60000.0]]> : tensor<3x1xf16>
  %dh = arith.constant dense<[1, 1, 0]> : tensor<3xi32>
  %ah = accel.edge_softmax %sh, %dh {num_nodes = 2 : i64}
      : (tensor<3x1xf16>, tensor<3xi32>) -> tensor<3x1xf16>
  %ah32 = call @extend(%ah) : (tensor<3x1xf16>) -> tensor<3x1xf32>
  %ahu = tensor.cast %ah32 : tensor<3x1xf32> to tensor<*xf32>
  // CHECK: rank = 2 offset = 0 sizes = [3, 1]
  // CHECK-NEXT: {{\[}}[0.5],
  // CHECK-NEXT: [0.5],
  // CHECK-NEXT: [1]]
  call @printMemrefF32(%ahu) : (tensor<*xf32>) -> ()

  // Zero edges.
  %s0 = arith.constant dense<> : tensor<0x3xf32>
  %d0 = arith.constant dense<> : tensor<0xi64>
  %a0 = accel.edge_softmax %s0, %d0 {num_nodes = 4 : i64}
      : (tensor<0x3xf32>, tensor<0xi64>) -> tensor<0x3xf32>
  %a0u = tensor.cast %a0 : tensor<0x3xf32> to tensor<*xf32>
  // CHECK: rank = 2 offset = 0 sizes = [0, 3]
  call @printMemrefF32(%a0u) : (tensor<*xf32>) -> ()
  return
}

func.func @extend(%t: tensor<3x1xf16>) -> tensor<3x1xf32> {
  %e = tensor.empty() : tensor<3x1xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%t : tensor<3x1xf16>) outs(%e : tensor<3x1xf32>) {
  ^bb0(%a: f16, %b: f32):
    %c = arith.extf %a : f16 to f32
    linalg.yield %c : f32
  } -> tensor<3x1xf32>
  return %r : tensor<3x1xf32>
}
