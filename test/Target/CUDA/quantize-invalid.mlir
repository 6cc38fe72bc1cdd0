// What the quantize kernel does not write is a located error at the op.
// RUN: accel-translate --accel-to-cuda --accel-sm=sm_80 --split-input-file --verify-diagnostics %s

func.func @to_i4(%x: tensor<4x64xf16>) -> (tensor<4x64xi4>, tensor<4xf32>) {
  // expected-error @+1 {{'accel.quantize' op quantizes to 'i4'; the CUDA quantize kernel writes i8 and f8E4M3FN (i4 and f8E5M2 have no CUDA kernel yet)}}
  %q, %s = accel.quantize %x {dtype = i4, granularity = "channel", axis = 0 : i64} : (tensor<4x64xf16>) -> (tensor<4x64xi4>, tensor<4xf32>)
  return %q, %s : tensor<4x64xi4>, tensor<4xf32>
}

// -----

func.func @config_on_matmul(%a: tensor<64x64xbf16>) -> tensor<64x64xbf16> {
  // expected-error @+1 {{'accel.matmul' op cannot take '#accel.quantize_config', which configures accel.quantize}}
  %c = accel.matmul %a, %a {accel.kernel_config = #accel.quantize_config<num_warps = 8>} : (tensor<64x64xbf16>, tensor<64x64xbf16>) -> tensor<64x64xbf16>
  return %c : tensor<64x64xbf16>
}

// -----

func.func @bad_warps(%x: tensor<4x64xf16>) -> (tensor<4x64xi8>, tensor<f32>) {
  // expected-error @+1 {{'#accel.quantize_config' expects num_warps from 1 to 32, got 0}}
  %q, %s = accel.quantize %x {dtype = i8, accel.kernel_config = #accel.quantize_config<num_warps = 0>} : (tensor<4x64xf16>) -> (tensor<4x64xi8>, tensor<f32>)
  return %q, %s : tensor<4x64xi8>, tensor<f32>
}
