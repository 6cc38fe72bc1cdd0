// RUN: accel-translate --accel-to-cuda --accel-sm=sm_90a %s -split-input-file -verify-diagnostics -o /dev/null

// Tile configs the wgmma attention kernel cannot run, named in the error.

func.func @sm80_config(%q: tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16> {
  // expected-error @+1 {{'accel.attention' op expects block_m = 128 and num_warps = 12 (a producer and two consumer warpgroups) for the wgmma attention kernel, got block_m=64,block_n=64,num_warps=4,num_stages=2}}
  %o = accel.attention %q, %q, %q {accel.tile_config = {block_m = 64, block_n = 64, num_warps = 4}}
      : (tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16>
  return %o : tensor<1x1x64x64xbf16>
}

// -----

func.func @odd_key_tile(%q: tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16> {
  // expected-error @+1 {{'accel.attention' op expects block_n of 64 or 128 for the wgmma attention kernel, got 96}}
  %o = accel.attention %q, %q, %q {accel.tile_config = {block_n = 96}}
      : (tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16>
  return %o : tensor<1x1x64x64xbf16>
}

// -----

func.func @too_many_stages(%q: tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16> {
  // expected-error @+1 {{'accel.attention' op expects num_stages from 1 to 4 for the wgmma attention kernel, got 5}}
  %o = accel.attention %q, %q, %q {accel.tile_config = {num_stages = 5}}
      : (tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>, tensor<1x1x64x64xbf16>) -> tensor<1x1x64x64xbf16>
  return %o : tensor<1x1x64x64xbf16>
}

// -----

func.func @ring_too_large(%q: tensor<1x1x64x128xbf16>) -> tensor<1x1x64x128xbf16> {
  // expected-error @+1 {{'accel.attention' op expects the tiles to fit in 232448 bytes of shared memory, got 296040 with block_m=128,block_n=128,num_warps=12,num_stages=4}}
  %o = accel.attention %q, %q, %q {accel.tile_config = {num_stages = 4}}
      : (tensor<1x1x64x128xbf16>, tensor<1x1x64x128xbf16>, tensor<1x1x64x128xbf16>) -> tensor<1x1x64x128xbf16>
  return %o : tensor<1x1x64x128xbf16>
}
