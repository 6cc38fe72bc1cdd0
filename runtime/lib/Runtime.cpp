//===- Runtime.cpp - load and launch accel's generated kernels ------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// The driver API is declared here with the handful of entry points the
// runtime uses (from the CUDA driver API's stable C ABI) and resolved from
// libcuda.so.1 at run time.
//
//===----------------------------------------------------------------------===//

#include "accel_runtime/Runtime.h"

#include <dlfcn.h>

#include <fstream>
#include <iterator>
#include <sstream>

namespace accel::runtime {

using CUresult = int;
using CUdevice = int;
using CUcontext = void *;
using CUmodule = void *;
using CUfunction = void *;
using CUstream = void *;
using CUdeviceptr = unsigned long long;

/// libcuda, opened once and shared by contexts and modules.
class Driver {
public:
  Driver() {
    library = dlopen("libcuda.so.1", RTLD_NOW | RTLD_LOCAL);
    if (!library)
      throw Error("accel runtime: cannot open the CUDA driver (libcuda.so.1): " +
                  std::string(dlerror()) +
                  "; is an NVIDIA driver installed on this machine?");
    resolve(cuInit, "cuInit");
    resolve(cuGetErrorString, "cuGetErrorString");
    resolve(cuDeviceGet, "cuDeviceGet");
    resolve(cuDeviceGetAttribute, "cuDeviceGetAttribute");
    resolve(cuDevicePrimaryCtxRetain, "cuDevicePrimaryCtxRetain");
    resolve(cuDevicePrimaryCtxRelease, "cuDevicePrimaryCtxRelease_v2");
    resolve(cuCtxSetCurrent, "cuCtxSetCurrent");
    resolve(cuCtxSynchronize, "cuCtxSynchronize");
    resolve(cuModuleLoadData, "cuModuleLoadData");
    resolve(cuModuleUnload, "cuModuleUnload");
    resolve(cuModuleGetFunction, "cuModuleGetFunction");
    resolve(cuLaunchKernel, "cuLaunchKernel");
    resolve(cuFuncSetAttribute, "cuFuncSetAttribute");
    resolve(cuMemAlloc, "cuMemAlloc_v2");
    resolve(cuMemFree, "cuMemFree_v2");
    resolve(cuMemcpyHtoD, "cuMemcpyHtoD_v2");
    resolve(cuMemcpyDtoH, "cuMemcpyDtoH_v2");
    check(cuInit(0), "cuInit");
  }
  ~Driver() {
    if (library)
      dlclose(library);
  }

  /// Throws an Error naming `call` unless `result` is CUDA_SUCCESS.
  void check(CUresult result, const char *call) const {
    if (result == 0)
      return;
    const char *message = nullptr;
    if (cuGetErrorString)
      cuGetErrorString(result, &message);
    throw Error(std::string("accel runtime: ") + call + " failed: " +
                (message ? message : "unknown error") + " (CUresult " +
                std::to_string(result) + ")");
  }

  CUresult (*cuInit)(unsigned) = nullptr;
  CUresult (*cuGetErrorString)(CUresult, const char **) = nullptr;
  CUresult (*cuDeviceGet)(CUdevice *, int) = nullptr;
  CUresult (*cuDeviceGetAttribute)(int *, int, CUdevice) = nullptr;
  CUresult (*cuDevicePrimaryCtxRetain)(CUcontext *, CUdevice) = nullptr;
  CUresult (*cuDevicePrimaryCtxRelease)(CUdevice) = nullptr;
  CUresult (*cuCtxSetCurrent)(CUcontext) = nullptr;
  CUresult (*cuCtxSynchronize)() = nullptr;
  CUresult (*cuModuleLoadData)(CUmodule *, const void *) = nullptr;
  CUresult (*cuModuleUnload)(CUmodule) = nullptr;
  CUresult (*cuModuleGetFunction)(CUfunction *, CUmodule, const char *) =
      nullptr;
  CUresult (*cuLaunchKernel)(CUfunction, unsigned, unsigned, unsigned,
                             unsigned, unsigned, unsigned, unsigned, CUstream,
                             void **, void **) = nullptr;
  CUresult (*cuFuncSetAttribute)(CUfunction, int, int) = nullptr;
  CUresult (*cuMemAlloc)(CUdeviceptr *, size_t) = nullptr;
  CUresult (*cuMemFree)(CUdeviceptr) = nullptr;
  CUresult (*cuMemcpyHtoD)(CUdeviceptr, const void *, size_t) = nullptr;
  CUresult (*cuMemcpyDtoH)(void *, CUdeviceptr, size_t) = nullptr;

private:
  template <typename Fn> void resolve(Fn &fn, const char *name) {
    fn = reinterpret_cast<Fn>(dlsym(library, name));
    if (!fn)
      throw Error(std::string("accel runtime: the CUDA driver lacks ") + name +
                  "; the driver is too old");
  }
  void *library = nullptr;
};

Module::Module(std::shared_ptr<Driver> driver, void *handle)
    : driver(std::move(driver)), handle(handle) {}

Module::~Module() {
  if (handle)
    driver->cuModuleUnload(handle);
}

void Module::launch(const std::string &name, unsigned gridX, unsigned gridY,
                    unsigned gridZ, unsigned blockX, unsigned blockY,
                    unsigned blockZ, unsigned sharedBytes, void *stream,
                    std::vector<void *> arguments) {
  CUfunction function = nullptr;
  driver->check(driver->cuModuleGetFunction(&function, handle, name.c_str()),
                ("cuModuleGetFunction(" + name + ")").c_str());
  // Above the 48 KiB every block may use, a kernel must opt in to its
  // dynamic shared memory (the CUDA-core attention, the wgmma kernels), as
  // the generated launchers do with cudaFuncSetAttribute.
  constexpr int kMaxDynamicSharedSizeBytes = 8; // CU_FUNC_ATTRIBUTE_...
  if (sharedBytes > 48 * 1024)
    driver->check(driver->cuFuncSetAttribute(function,
                                             kMaxDynamicSharedSizeBytes,
                                             int(sharedBytes)),
                  ("cuFuncSetAttribute(" + name +
                   ", MAX_DYNAMIC_SHARED_SIZE_BYTES)")
                      .c_str());
  driver->check(driver->cuLaunchKernel(function, gridX, gridY, gridZ, blockX,
                                       blockY, blockZ, sharedBytes, stream,
                                       arguments.data(), nullptr),
                ("cuLaunchKernel(" + name + ")").c_str());
}

Context::Context(int ordinal) : driver(std::make_shared<Driver>()) {
  driver->check(driver->cuDeviceGet(&device, ordinal), "cuDeviceGet");
  driver->check(driver->cuDevicePrimaryCtxRetain(&context, device),
                "cuDevicePrimaryCtxRetain");
  driver->check(driver->cuCtxSetCurrent(context), "cuCtxSetCurrent");
}

Context::~Context() {
  if (context)
    driver->cuDevicePrimaryCtxRelease(device);
}

std::string Context::getComputeCapability() const {
  // CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR / _MINOR.
  int major = 0, minor = 0;
  driver->check(driver->cuDeviceGetAttribute(&major, 75, device),
                "cuDeviceGetAttribute(major)");
  driver->check(driver->cuDeviceGetAttribute(&minor, 76, device),
                "cuDeviceGetAttribute(minor)");
  return "sm_" + std::to_string(major * 10 + minor);
}

std::unique_ptr<Module> Context::loadModule(const std::string &image) {
  CUmodule module = nullptr;
  driver->check(driver->cuModuleLoadData(&module, image.c_str()),
                "cuModuleLoadData");
  return std::unique_ptr<Module>(new Module(driver, module));
}

std::unique_ptr<Module> Context::loadModuleFile(const std::string &path) {
  std::ifstream file(path, std::ios::binary);
  if (!file)
    throw Error("accel runtime: cannot read '" + path + "'");
  std::string image((std::istreambuf_iterator<char>(file)),
                    std::istreambuf_iterator<char>());
  return loadModule(image);
}

void *Context::allocate(size_t bytes) {
  CUdeviceptr pointer = 0;
  driver->check(driver->cuMemAlloc(&pointer, bytes), "cuMemAlloc");
  return reinterpret_cast<void *>(pointer);
}

void Context::free(void *pointer) {
  driver->check(driver->cuMemFree(reinterpret_cast<CUdeviceptr>(pointer)),
                "cuMemFree");
}

void Context::copyToDevice(void *device, const void *host, size_t bytes) {
  driver->check(driver->cuMemcpyHtoD(reinterpret_cast<CUdeviceptr>(device),
                                     host, bytes),
                "cuMemcpyHtoD");
}

void Context::copyToHost(void *host, const void *device, size_t bytes) {
  driver->check(
      driver->cuMemcpyDtoH(host, reinterpret_cast<CUdeviceptr>(device), bytes),
      "cuMemcpyDtoH");
}

void Context::synchronize() {
  driver->check(driver->cuCtxSynchronize(), "cuCtxSynchronize");
}

} // namespace accel::runtime
