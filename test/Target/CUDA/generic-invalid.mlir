// RUN: accel-translate --accel-to-cuda --accel-sm=sm_80 %s -split-input-file -verify-diagnostics

// What the generic family cannot express is an error at the op, never a
// kernel that computes something else.

func.func @loop_coordinates(%x: tensor<8xf32>) -> tensor<8xf32> {
  %e = tensor.empty() : tensor<8xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%in: f32, %out: f32):
    // expected-error @+1 {{'linalg.index' op cannot run in the generic CUDA kernel: it reads its loop coordinates}}
    %i = linalg.index 0 : index
    %c = arith.index_cast %i : index to i32
    %f = arith.sitofp %c : i32 to f32
    %s = arith.addf %in, %f : f32
    linalg.yield %s : f32
  } -> tensor<8xf32>
  return %y : tensor<8xf32>
}

// -----

func.func @integer_tensor(%x: tensor<8xi32>) -> tensor<8xi32> {
  %e = tensor.empty() : tensor<8xi32>
  // expected-error @+1 {{'linalg.generic' op cannot run in the generic CUDA kernel: it reads 'tensor<8xi32>' (the kernel reads f32, f16, bf16 and i1)}}
  %y = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<8xi32>) outs(%e : tensor<8xi32>) {
  ^bb0(%in: i32, %out: i32):
    %s = arith.addi %in, %in : i32
    linalg.yield %s : i32
  } -> tensor<8xi32>
  return %y : tensor<8xi32>
}

// -----

func.func @sliding_window(%x: tensor<10xf32>, %w: tensor<3xf32>) -> tensor<8xf32> {
  %e = tensor.empty() : tensor<8xf32>
  %zero = arith.constant 0.0 : f32
  %init = linalg.fill ins(%zero : f32) outs(%e : tensor<8xf32>) -> tensor<8xf32>
  // expected-error @+1 {{'linalg.generic' op cannot run in the generic CUDA kernel: it indexes a tensor through affine_map<(d0, d1) -> (d0 + d1)> (the kernel reads loop dims and constant 0s)}}
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0 + d1)>, affine_map<(d0, d1) -> (d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%x, %w : tensor<10xf32>, tensor<3xf32>) outs(%init : tensor<8xf32>) {
  ^bb0(%in: f32, %k: f32, %out: f32):
    %m = arith.mulf %in, %k : f32
    %s = arith.addf %m, %out : f32
    linalg.yield %s : f32
  } -> tensor<8xf32>
  return %y : tensor<8xf32>
}

// -----

func.func @reduction_into_empty(%x: tensor<4x8xf32>) -> tensor<4xf32> {
  %e = tensor.empty() : tensor<4xf32>
  // expected-error @+1 {{'linalg.generic' op cannot run in the generic CUDA kernel: it reads its init, the contents of a tensor.empty}}
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<4x8xf32>) outs(%e : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %out : f32
    linalg.yield %s : f32
  } -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func @two_results(%x: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>) {
  %e = tensor.empty() : tensor<8xf32>
  // expected-error @+1 {{'linalg.generic' op cannot run in the generic CUDA kernel: it has 2 results (the kernel computes one)}}
  %y:2 = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<8xf32>) outs(%e, %e : tensor<8xf32>, tensor<8xf32>) {
  ^bb0(%in: f32, %a: f32, %b: f32):
    %n = arith.negf %in : f32
    linalg.yield %in, %n : f32, f32
  } -> (tensor<8xf32>, tensor<8xf32>)
  return %y#0, %y#1 : tensor<8xf32>, tensor<8xf32>
}

// -----

func.func @parallel_loop_not_stored(%x: tensor<4x8xf32>, %init: tensor<4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'linalg.generic' op cannot run in the generic CUDA kernel: its parallel loop 1 is not a dim of its result}}
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4x8xf32>) outs(%init : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

func.func @result_broadcast(%x: tensor<4xf32>, %init: tensor<4x1xf32>) -> tensor<4x1xf32> {
  // expected-error @+1 {{'linalg.generic' op cannot run in the generic CUDA kernel: it writes its result through affine_map<(d0) -> (d0, 0)> (the kernel writes each parallel loop once)}}
  %y = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0, 0)>], iterator_types = ["parallel"]} ins(%x : tensor<4xf32>) outs(%init : tensor<4x1xf32>) {
  ^bb0(%in: f32, %out: f32):
    %n = arith.negf %in : f32
    linalg.yield %n : f32
  } -> tensor<4x1xf32>
  return %y : tensor<4x1xf32>
}

// -----

func.func @reduce_into_i1(%x: tensor<4x8xi1>, %init: tensor<4xi1>) -> tensor<4xi1> {
  // expected-error @+1 {{'linalg.generic' op cannot run in the generic CUDA kernel: it reduces into i1 (the kernel reduces f32, f16 and bf16)}}
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0)>], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<4x8xi1>) outs(%init : tensor<4xi1>) {
  ^bb0(%in: i1, %out: i1):
    %s = arith.ori %in, %out : i1
    linalg.yield %s : i1
  } -> tensor<4xi1>
  return %y : tensor<4xi1>
}

// -----

func.func @unsupported_math(%x: tensor<8xf32>) -> tensor<8xf32> {
  %e = tensor.empty() : tensor<8xf32>
  %y = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%in: f32, %out: f32):
    // expected-error @+1 {{'math.cbrt' op cannot run in the generic CUDA kernel: the generic kernel computes f32/f16/bf16 arith and math ops}}
    %c = math.cbrt %in : f32
    linalg.yield %c : f32
  } -> tensor<8xf32>
  return %y : tensor<8xf32>
}

// -----

func.func @too_many_loops(%x: tensor<1x1x1x1x1x1x1x1x2xf32>) -> tensor<1x1x1x1x1x1x1x1x2xf32> {
  %e = tensor.empty() : tensor<1x1x1x1x1x1x1x1x2xf32>
  // expected-error @+1 {{'linalg.generic' op cannot run in the generic CUDA kernel: it has 9 loops (at most 8)}}
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1, d2, d3, d4, d5, d6, d7, d8) -> (d0, d1, d2, d3, d4, d5, d6, d7, d8)>, affine_map<(d0, d1, d2, d3, d4, d5, d6, d7, d8) -> (d0, d1, d2, d3, d4, d5, d6, d7, d8)>], iterator_types = ["parallel", "parallel", "parallel", "parallel", "parallel", "parallel", "parallel", "parallel", "parallel"]} ins(%x : tensor<1x1x1x1x1x1x1x1x2xf32>) outs(%e : tensor<1x1x1x1x1x1x1x1x2xf32>) {
  ^bb0(%in: f32, %out: f32):
    %n = arith.negf %in : f32
    linalg.yield %n : f32
  } -> tensor<1x1x1x1x1x1x1x1x2xf32>
  return %y : tensor<1x1x1x1x1x1x1x1x2xf32>
}

// -----

func.func @generic_config_on_matmul(%a: tensor<64x64xf32>) -> tensor<64x64xf32> {
  // expected-error @+1 {{'accel.matmul' op cannot take '#accel.generic_config', which configures linalg.generic and linalg.fill}}
  %c = accel.matmul %a, %a {accel.kernel_config = #accel.generic_config<block_size = 256>} : (tensor<64x64xf32>, tensor<64x64xf32>) -> tensor<64x64xf32>
  return %c : tensor<64x64xf32>
}

// -----

func.func @block_size(%x: tensor<8xf32>) -> tensor<8xf32> {
  %e = tensor.empty() : tensor<8xf32>
  // expected-error @+1 {{'#accel.generic_config' expects block_size to be a power of two from 32 to 1024, got 48}}
  %y = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<8xf32>) outs(%e : tensor<8xf32>) attrs = {accel.kernel_config = #accel.generic_config<block_size = 48>} {
  ^bb0(%in: f32, %out: f32):
    %n = arith.negf %in : f32
    linalg.yield %n : f32
  } -> tensor<8xf32>
  return %y : tensor<8xf32>
}

// -----

func.func @reduction_into_view_of_empty(%x: tensor<4x8xf32>) -> tensor<4x1xf32> {
  %e = tensor.empty() : tensor<4xf32>
  %init = tensor.expand_shape %e [[0, 1]] output_shape [4, 1] : tensor<4xf32> into tensor<4x1xf32>
  // expected-error @+1 {{'linalg.generic' op cannot run in the generic CUDA kernel: it reads its init, the contents of a tensor.empty}}
  %y = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, 0)>], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<4x8xf32>) outs(%init : tensor<4x1xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %out : f32
    linalg.yield %s : f32
  } -> tensor<4x1xf32>
  return %y : tensor<4x1xf32>
}

// -----

func.func @elementwise_reads_empty_init(%x: tensor<8xf32>) -> tensor<8xf32> {
  %e = tensor.empty() : tensor<8xf32>
  // expected-error @+1 {{'linalg.generic' op cannot run in the generic CUDA kernel: it reads its init, the contents of a tensor.empty}}
  %y = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%x : tensor<8xf32>) outs(%e : tensor<8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.addf %in, %out : f32
    linalg.yield %s : f32
  } -> tensor<8xf32>
  return %y : tensor<8xf32>
}

// -----

// Nine inputs: more than GenericParams holds (accel-fuse-linalg never
// fuses past 8; a front end can write this directly).
func.func @nine_inputs(%a: tensor<4xf32>, %b: tensor<4xf32>, %c: tensor<4xf32>, %d: tensor<4xf32>, %e: tensor<4xf32>, %f: tensor<4xf32>, %g: tensor<4xf32>, %h: tensor<4xf32>, %i: tensor<4xf32>) -> tensor<4xf32> {
  %o = tensor.empty() : tensor<4xf32>
  // expected-error @+1 {{'linalg.generic' op cannot run in the generic CUDA kernel: it reads 9 tensors (at most 8)}}
  %y = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%a, %b, %c, %d, %e, %f, %g, %h, %i : tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>, tensor<4xf32>) outs(%o : tensor<4xf32>) {
  ^bb0(%va: f32, %vb: f32, %vc: f32, %vd: f32, %ve: f32, %vf: f32, %vg: f32, %vh: f32, %vi: f32, %out: f32):
    %s1 = arith.addf %va, %vb : f32
    %s2 = arith.addf %s1, %vc : f32
    %s3 = arith.addf %s2, %vd : f32
    %s4 = arith.addf %s3, %ve : f32
    %s5 = arith.addf %s4, %vf : f32
    %s6 = arith.addf %s5, %vg : f32
    %s7 = arith.addf %s6, %vh : f32
    %s8 = arith.addf %s7, %vi : f32
    linalg.yield %s8 : f32
  } -> tensor<4xf32>
  return %y : tensor<4xf32>
}

// -----

// A dispatch a user wrote with two linalg ops: the generic kernel computes
// one.
func.func @two_ops_in_a_dispatch(%x: tensor<8xf32>) -> tensor<8xf32> {
  %empty = tensor.empty() : tensor<8xf32>
  %r = accel.dispatch(%x, %empty : tensor<8xf32>, tensor<8xf32>) -> (tensor<8xf32>) {
  ^bb0(%a: tensor<8xf32>, %e: tensor<8xf32>):
    // expected-error @+1 {{'linalg.generic' op cannot run in the generic CUDA kernel: its dispatch also holds 'linalg.generic' (the kernel computes one linalg op and its constants)}}
    %n = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%a : tensor<8xf32>) outs(%e : tensor<8xf32>) {
    ^bb0(%in: f32, %out: f32):
      %v = arith.negf %in : f32
      linalg.yield %v : f32
    } -> tensor<8xf32>
    // expected-error @+1 {{'linalg.generic' op cannot run in the generic CUDA kernel: its dispatch also holds 'linalg.generic' (the kernel computes one linalg op and its constants)}}
    %m = linalg.generic {indexing_maps = [affine_map<(d0) -> (d0)>, affine_map<(d0) -> (d0)>], iterator_types = ["parallel"]} ins(%n : tensor<8xf32>) outs(%e : tensor<8xf32>) {
    ^bb0(%in: f32, %out: f32):
      %v = math.exp %in : f32
      linalg.yield %v : f32
    } -> tensor<8xf32>
    accel.yield %m : tensor<8xf32>
  }
  return %r : tensor<8xf32>
}
