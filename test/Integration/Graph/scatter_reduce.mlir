// RUN: accel-opt %s --accel-cpu-reference | %run_cpu main | FileCheck %s

// accel.scatter_reduce with sum, mean and max: rows 1 and 4 receive nothing
// (0, also for max), row 3 only negative messages, i32 and i64 ids, dynamic
// sizes, f16 (f32 accumulation, one rounding) and zero edges.

func.func private @printMemrefF32(tensor<*xf32>)

func.func @main() {
  %msg = arith.constant dense<[[1.0, -2.0], [3.0, 4.0], [-5.0, 6.0],
                               [-1.0, -7.0], [2.0, -3.0], [-4.0, -0.5]]> : tensor<6x2xf32>
  %idx = arith.constant dense<[0, 2, 0, 2, 2, 3]> : tensor<6xi32>

  %sum = accel.scatter_reduce %msg, %idx {num_rows = 5 : i64, reduce = "sum"}
      : (tensor<6x2xf32>, tensor<6xi32>) -> tensor<5x2xf32>
  %sumu = tensor.cast %sum : tensor<5x2xf32> to tensor<*xf32>
  // CHECK: rank = 2 offset = 0 sizes = [5, 2]
  // CHECK-NEXT: {{\[}}[-4,   4],
  // CHECK-NEXT: [0,   0],
  // CHECK-NEXT: [4,   -6],
  // CHECK-NEXT: [-4,   -0.5],
  // CHECK-NEXT: [0,   0]]
  call @printMemrefF32(%sumu) : (tensor<*xf32>) -> ()

  %mean = accel.scatter_reduce %msg, %idx {num_rows = 5 : i64, reduce = "mean"}
      : (tensor<6x2xf32>, tensor<6xi32>) -> tensor<5x2xf32>
  %meanu = tensor.cast %mean : tensor<5x2xf32> to tensor<*xf32>
  // CHECK: rank = 2 offset = 0 sizes = [5, 2]
  // CHECK-NEXT: {{\[}}[-2,   2],
  // CHECK-NEXT: [0,   0],
  // CHECK-NEXT: [1.33333,   -2],
  // CHECK-NEXT: [-4,   -0.5],
  // CHECK-NEXT: [0,   0]]
  call @printMemrefF32(%meanu) : (tensor<*xf32>) -> ()

  %max = accel.scatter_reduce %msg, %idx {num_rows = 5 : i64, reduce = "max"}
      : (tensor<6x2xf32>, tensor<6xi32>) -> tensor<5x2xf32>
  %maxu = tensor.cast %max : tensor<5x2xf32> to tensor<*xf32>
  // CHECK: rank = 2 offset = 0 sizes = [5, 2]
  // CHECK-NEXT: {{\[}}[1,   6],
  // CHECK-NEXT: [0,   0],
  // CHECK-NEXT: [3,   4],
  // CHECK-NEXT: [-4,   -0.5],
  // CHECK-NEXT: [0,   0]]
  call @printMemrefF32(%maxu) : (tensor<*xf32>) -> ()

  // Dynamic E and D, i64 ids, the default reduction (sum).
  %msgd = tensor.cast %msg : tensor<6x2xf32> to tensor<?x?xf32>
  %idx64 = arith.constant dense<[0, 2, 0, 2, 2, 3]> : tensor<6xi64>
  %idxd = tensor.cast %idx64 : tensor<6xi64> to tensor<?xi64>
  %sumd = accel.scatter_reduce %msgd, %idxd {num_rows = 5 : i64}
      : (tensor<?x?xf32>, tensor<?xi64>) -> tensor<5x?xf32>
  %sumdu = tensor.cast %sumd : tensor<5x?xf32> to tensor<*xf32>
  // CHECK: rank = 2 offset = 0 sizes = [5, 2]
  // CHECK-NEXT: {{\[}}[-4,   4],
  // CHECK-NEXT: [0,   0],
  // CHECK-NEXT: [4,   -6],
  // CHECK-NEXT: [-4,   -0.5],
  // CHECK-NEXT: [0,   0]]
  call @printMemrefF32(%sumdu) : (tensor<*xf32>) -> ()

  // Dynamic max with i64 ids.
  %maxd = accel.scatter_reduce %msgd, %idxd {num_rows = 5 : i64, reduce = "max"}
      : (tensor<?x?xf32>, tensor<?xi64>) -> tensor<5x?xf32>
  %maxdu = tensor.cast %maxd : tensor<5x?xf32> to tensor<*xf32>
  // CHECK: rank = 2 offset = 0 sizes = [5, 2]
  // CHECK-NEXT: {{\[}}[1,   6],
  // CHECK-NEXT: [0,   0],
  // CHECK-NEXT: [3,   4],
  // CHECK-NEXT: [-4,   -0.5],
  // CHECK-NEXT: [0,   0]]
  call @printMemrefF32(%maxdu) : (tensor<*xf32>) -> ()

  // f16: 2048 + 1 + 1 into one row is 2050 only with f32 accumulation; the
  // mean of the same three messages is 683.333, which rounds to 683.5 in f16.
  %mh = arith.constant dense<[[2048.0], [1.0], [1.0]]> : tensor<3x1xf16>
  %ih = arith.constant dense<[1, 1, 1]> : tensor<3xi32>
  %sh = accel.scatter_reduce %mh, %ih {num_rows = 2 : i64, reduce = "sum"}
      : (tensor<3x1xf16>, tensor<3xi32>) -> tensor<2x1xf16>
  %sh32 = call @extend(%sh) : (tensor<2x1xf16>) -> tensor<2x1xf32>
  %shu = tensor.cast %sh32 : tensor<2x1xf32> to tensor<*xf32>
  // CHECK: rank = 2 offset = 0 sizes = [2, 1]
  // CHECK-NEXT: {{\[}}[0],
  // CHECK-NEXT: [2050]]
  call @printMemrefF32(%shu) : (tensor<*xf32>) -> ()
  %ah = accel.scatter_reduce %mh, %ih {num_rows = 2 : i64, reduce = "mean"}
      : (tensor<3x1xf16>, tensor<3xi32>) -> tensor<2x1xf16>
  %ah32 = call @extend(%ah) : (tensor<2x1xf16>) -> tensor<2x1xf32>
  %ahu = tensor.cast %ah32 : tensor<2x1xf32> to tensor<*xf32>
  // CHECK: rank = 2 offset = 0 sizes = [2, 1]
  // CHECK-NEXT: {{\[}}[0],
  // CHECK-NEXT: [683.5]]
  call @printMemrefF32(%ahu) : (tensor<*xf32>) -> ()

  // Zero edges: every row is 0, for max as well.
  %m0 = arith.constant dense<> : tensor<0x2xf32>
  %i0 = arith.constant dense<> : tensor<0xi64>
  %max0 = accel.scatter_reduce %m0, %i0 {num_rows = 3 : i64, reduce = "max"}
      : (tensor<0x2xf32>, tensor<0xi64>) -> tensor<3x2xf32>
  %max0u = tensor.cast %max0 : tensor<3x2xf32> to tensor<*xf32>
  // CHECK: rank = 2 offset = 0 sizes = [3, 2]
  // CHECK-NEXT: {{\[}}[0,   0],
  // CHECK-NEXT: [0,   0],
  // CHECK-NEXT: [0,   0]]
  call @printMemrefF32(%max0u) : (tensor<*xf32>) -> ()
  %mean0 = accel.scatter_reduce %m0, %i0 {num_rows = 3 : i64, reduce = "mean"}
      : (tensor<0x2xf32>, tensor<0xi64>) -> tensor<3x2xf32>
  %mean0u = tensor.cast %mean0 : tensor<3x2xf32> to tensor<*xf32>
  // CHECK: rank = 2 offset = 0 sizes = [3, 2]
  // CHECK-NEXT: {{\[}}[0,   0],
  // CHECK-NEXT: [0,   0],
  // CHECK-NEXT: [0,   0]]
  call @printMemrefF32(%mean0u) : (tensor<*xf32>) -> ()
  return
}

func.func @extend(%t: tensor<2x1xf16>) -> tensor<2x1xf32> {
  %e = tensor.empty() : tensor<2x1xf32>
  %r = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%t : tensor<2x1xf16>) outs(%e : tensor<2x1xf32>) {
  ^bb0(%a: f16, %b: f32):
    %c = arith.extf %a : f16 to f32
    linalg.yield %c : f32
  } -> tensor<2x1xf32>
  return %r : tensor<2x1xf32>
}
