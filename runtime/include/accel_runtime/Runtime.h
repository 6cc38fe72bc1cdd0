//===- Runtime.h - load and launch accel's generated kernels ----*- C++ -*-===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// What runs next to accel's output, with no MLIR dependency: loads PTX or a
// cubin through the CUDA driver API and launches its kernels. libcuda is
// opened at run time (dlopen), so a program that embeds accel links and
// starts on machines without a GPU and reports that clearly when it tries
// to use one. Every failure is an accel::runtime::Error naming the CUDA
// call and its error string.
//
//===----------------------------------------------------------------------===//

#ifndef ACCEL_RUNTIME_RUNTIME_H
#define ACCEL_RUNTIME_RUNTIME_H

#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace accel::runtime {

/// A failed CUDA call (or a missing driver), with the call named.
class Error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

class Driver;

/// A loaded PTX or cubin image.
class Module {
public:
  ~Module();
  Module(const Module &) = delete;
  Module &operator=(const Module &) = delete;

  /// Launches kernel `name` (the mangled name accel-translate records in
  /// the PTX header) with pointers to its arguments, on `stream` (0: the
  /// default stream).
  void launch(const std::string &name, unsigned gridX, unsigned gridY,
              unsigned gridZ, unsigned blockX, unsigned blockY,
              unsigned blockZ, unsigned sharedBytes, void *stream,
              std::vector<void *> arguments);

private:
  friend class Context;
  Module(std::shared_ptr<Driver> driver, void *handle);
  std::shared_ptr<Driver> driver;
  void *handle;
};

/// The primary context of one device.
class Context {
public:
  /// Opens libcuda, initializes the driver and retains device `ordinal`'s
  /// primary context. Throws Error when there is no driver or device.
  explicit Context(int ordinal = 0);
  ~Context();
  Context(const Context &) = delete;
  Context &operator=(const Context &) = delete;

  /// `sm_90` style name of the device.
  std::string getComputeCapability() const;
  /// Loads PTX text (NUL-terminated) or a cubin image.
  std::unique_ptr<Module> loadModule(const std::string &image);
  std::unique_ptr<Module> loadModuleFile(const std::string &path);

  void *allocate(size_t bytes);
  void free(void *pointer);
  void copyToDevice(void *device, const void *host, size_t bytes);
  void copyToHost(void *host, const void *device, size_t bytes);
  void synchronize();

private:
  std::shared_ptr<Driver> driver;
  int device = 0;
  void *context = nullptr;
};

} // namespace accel::runtime

#endif // ACCEL_RUNTIME_RUNTIME_H
