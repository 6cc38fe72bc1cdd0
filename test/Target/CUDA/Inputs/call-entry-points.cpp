//===- call-entry-points.cpp - drives runtime-errors.mlir's entry points --===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Calls generated entry points with sizes their run-time checks refuse (a
// failed check skips every CUDA call after it, so no GPU is needed) and
// prints the returned status and accel_last_error_message().
//
//===----------------------------------------------------------------------===//

#include <cuda_runtime.h>
#include <stdint.h>
#include <stdio.h>

extern "C" {
const char *accel_last_error_message(void);
cudaError_t accel_gqa(const void *, const void *, const void *, void *,
                      int64_t, int64_t, int64_t, int64_t, int64_t, int64_t,
                      int64_t, int64_t, cudaStream_t);
cudaError_t accel_bias(const void *, const void *, const void *, const void *,
                       void *, int64_t, int64_t, cudaStream_t);
cudaError_t accel_view(const void *, void *, int64_t, cudaStream_t);
}

static void report(const char *what, cudaError_t status) {
  printf("%s: %s: %s\n", what,
         status == cudaErrorInvalidValue ? "cudaErrorInvalidValue"
                                         : cudaGetErrorName(status),
         accel_last_error_message());
}

int main() {
  // q [B, 8, Sq, 64], k/v [B, Hkv, Sk, 64]: the dynamic sizes are q's
  // (B, Sq), then k's and v's (B, Hkv, Sk).
  report("negative", accel_gqa(nullptr, nullptr, nullptr, nullptr, 1, -3, 1,
                               2, 5, 1, 2, 5, nullptr));
  report("gqa", accel_gqa(nullptr, nullptr, nullptr, nullptr, 1, 4, 1, 3, 5,
                          1, 3, 5, nullptr));
  // No kv heads: refused, and the remainder in the check divides by 1.
  report("no-kv-heads", accel_gqa(nullptr, nullptr, nullptr, nullptr, 1, 4, 1,
                                  0, 5, 1, 0, 5, nullptr));
  report("batch", accel_gqa(nullptr, nullptr, nullptr, nullptr, 2, 4, 1, 2, 5,
                            1, 2, 5, nullptr));
  // The bias [?, 16] broadcasts its dim 0 when it is 1 or Sq; 3 is neither.
  report("bias", accel_bias(nullptr, nullptr, nullptr, nullptr, nullptr, 7, 3,
                            nullptr));
  // x [7, 4] viewed as [7 / 2, 2, 4]: 6 rows do not cover 7.
  report("view", accel_view(nullptr, nullptr, 7, nullptr));
  return 0;
}
