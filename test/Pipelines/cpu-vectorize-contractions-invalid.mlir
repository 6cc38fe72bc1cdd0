// RUN: accel-opt %s --accel-cpu-vectorize-contractions="cache-tile-m=60" --verify-diagnostics

// expected-error@below {{accel-cpu-vectorize-contractions: expects positive tile sizes with cache tiles multiples of register tiles, got register 8x16, cache 60x256x256}}
func.func @bad_tiles() {
  return
}
