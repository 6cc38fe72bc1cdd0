// A dispatch of several ops, as fusion forms them, runs on the CPU as its
// ops do: accel-to-linalg inlines the body.
// RUN: accel-run %s --entry=prefused --input=5x8 --input=8x6 --compare-entry=unfused | FileCheck %s
// RUN: accel-opt %s --accel-to-linalg | FileCheck %s --check-prefix=IR

// CHECK: compare: result #0 ok
// IR-LABEL: func.func @prefused
// IR-NOT: accel.
// IR: linalg.matmul
// IR: arith.maximumf
// IR-LABEL: func.func @unfused

// A dispatch of several ops (as fusion forms them) means its ops.
func.func @prefused(%a: tensor<5x8xf32>, %b: tensor<8x6xf32>) -> tensor<5x6xf32> {
  %r = accel.dispatch(%a, %b : tensor<5x8xf32>, tensor<8x6xf32>) -> (tensor<5x6xf32>) {
  ^bb0(%x: tensor<5x8xf32>, %y: tensor<8x6xf32>):
    %m = accel.matmul %x, %y : (tensor<5x8xf32>, tensor<8x6xf32>) -> tensor<5x6xf32>
    %e = tensor.empty() : tensor<5x6xf32>
    %relu = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                            iterator_types = ["parallel", "parallel"]}
        ins(%m : tensor<5x6xf32>) outs(%e : tensor<5x6xf32>) {
    ^bb0(%in: f32, %out: f32):
      %zero = arith.constant 0.0 : f32
      %v = arith.maximumf %in, %zero : f32
      linalg.yield %v : f32
    } -> tensor<5x6xf32>
    accel.yield %relu : tensor<5x6xf32>
  }
  return %r : tensor<5x6xf32>
}

func.func @unfused(%a: tensor<5x8xf32>, %b: tensor<8x6xf32>) -> tensor<5x6xf32> {
  %m = accel.matmul %a, %b : (tensor<5x8xf32>, tensor<8x6xf32>) -> tensor<5x6xf32>
  %e = tensor.empty() : tensor<5x6xf32>
  %relu = linalg.generic {indexing_maps = [affine_map<(i, j) -> (i, j)>, affine_map<(i, j) -> (i, j)>],
                          iterator_types = ["parallel", "parallel"]}
      ins(%m : tensor<5x6xf32>) outs(%e : tensor<5x6xf32>) {
  ^bb0(%in: f32, %out: f32):
    %zero = arith.constant 0.0 : f32
    %v = arith.maximumf %in, %zero : f32
    linalg.yield %v : f32
  } -> tensor<5x6xf32>
  return %relu : tensor<5x6xf32>
}
