//===- RuntimeSmokeTest.cpp - the runtime without (or with) a GPU ---------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Without a driver, creating a context must fail with an Error that says
// so (exit 0 after checking the message); with a GPU, it loads the PTX
// given on the command line (if any) and reports the device.
//
//===----------------------------------------------------------------------===//

#include "accel_runtime/Runtime.h"

#include <cstdio>
#include <string>

int main(int argc, char **argv) {
  try {
    accel::runtime::Context context;
    std::printf("device: %s\n", context.getComputeCapability().c_str());
    if (argc > 1) {
      auto module = context.loadModuleFile(argv[1]);
      std::printf("loaded %s\n", argv[1]);
    }
    std::printf("RUNTIME-GPU-OK\n");
    return 0;
  } catch (const accel::runtime::Error &error) {
    std::string message = error.what();
    std::printf("%s\n", message.c_str());
    // No driver here is an expected outcome; anything else is a failure.
    bool noDriver = message.find("cannot open the CUDA driver") != std::string::npos ||
                    message.find("cuInit failed") != std::string::npos;
    return noDriver ? 0 : 1;
  }
}
