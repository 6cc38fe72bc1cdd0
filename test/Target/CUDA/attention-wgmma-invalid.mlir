// RUN: accel-translate --accel-to-cuda --accel-sm=sm_90a %s -split-input-file -verify-diagnostics -o /dev/null

// Tile configs the wgmma attention kernel cannot run, named in the error.

func.func @sm80_config(%q: tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16> {
  // An sm_80 config on sm_90a picks the mma.sync kernel.
  // expected-error @+1 {{'accel.attention' op expects the tiles of #accel.attention_sm80_config<block_n = 256, num_warps = 4> to fit in 49152 bytes of static shared memory, got 73728}}
  %o = accel.attention %q, %q, %q {accel.kernel_config = #accel.attention_sm80_config<block_n = 256, num_warps = 4>}
      : (tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16>
  return %o : tensor<1x1x64x64xbf16>
}

// -----

func.func @odd_key_tile(%q: tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16> {
  // expected-error @+1 {{'#accel.attention_sm90a_config' expects block_n of 64 or 128 (the wgmma n of S), got 96}}
  %o = accel.attention %q, %q, %q {accel.kernel_config = #accel.attention_sm90a_config<block_n = 96, num_stages = 2>}
      : (tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16>
  return %o : tensor<1x1x64x64xbf16>
}

// -----

func.func @too_many_stages(%q: tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16> {
  // expected-error @+1 {{'#accel.attention_sm90a_config' expects num_stages from 1 to 4, got 5}}
  %o = accel.attention %q, %q, %q {accel.kernel_config = #accel.attention_sm90a_config<block_n = 128, num_stages = 5>}
      : (tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16>
  return %o : tensor<1x1x64x64xbf16>
}

// -----

func.func @ring_too_large(%q: tensor<1x1x64x128xbf16>) -> tensor<1x1x64x128xbf16> {
  // expected-error @+1 {{'accel.attention' op expects the tiles of #accel.attention_sm90a_config<block_n = 128, num_stages = 4> to fit in 232448 bytes of dynamic shared memory, got 296040}}
  %o = accel.attention %q, %q, %q {accel.kernel_config = #accel.attention_sm90a_config<block_n = 128, num_stages = 4>}
      : (tensor<1x1x64x128xbf16>, tensor<1x1x64x128xbf16>, tensor<1x1x64x128xbf16>) -> tensor<1x1x64x128xbf16>
  return %o : tensor<1x1x64x128xbf16>
}
