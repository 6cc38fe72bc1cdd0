//===- CudaEmitter.cpp - accel modules as CUDA C++ ------------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// prepareForCuda() sets the module's target and runs accel-form-dispatches
// and accel-select-kernels; emitCuda() prints the prepared module: a record
// of every kernel instance, the kernel templates, and the host entry points,
// which HostProgram.cpp builds as EmitC and upstream's C++ emitter prints.
// The host support every file carries (accel_host::Entry and its helpers)
// is the run-time half of that contract.
//
//===----------------------------------------------------------------------===//

#include "accel/Codegen/CudaEmitter.h"

#include "HostProgram.h"
#include "accel/Codegen/KernelFamily.h"
#include "accel/Codegen/Passes.h"
#include "accel/Dialect/Accel/IR/AccelOps.h"
#include "accel/Dialect/Accel/Transforms/Passes.h"
#include "accel/Version.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/Cpp/CppEmitter.h"
#include "llvm/ADT/SetVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/FormatVariadic.h"

#include <set>

using namespace mlir;
using namespace accel;
using namespace accel::codegen;

/// Host support every generated file carries once: the last error message
/// (per host thread), `fail` to record it, and the guard that frees an
/// entry point's temporaries on every return.
/// Host support every generated file carries once: the run-time half of
/// the entry points HostProgram.cpp builds. An Entry is one call: it
/// clears the thread's last message, records the first failure (later
/// checks, allocations, copies and launches of the call do nothing) and
/// frees the call's temporaries on return.
static constexpr llvm::StringLiteral kHostSupport = R"cuda(
// ---- host support ----
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <map>
#include <mutex>
#include <utility>
#include <vector>

namespace accel_host {
/// The message of the last failed run-time check or CUDA call of an entry
/// point on this host thread ("" after a call that succeeded).
inline char *lastErrorMessage() {
  static thread_local char message[1024] = "";
  return message;
}

/// One call of an entry point.
class Entry {
public:
  explicit Entry(cudaStream_t stream) : stream(stream) {
    lastErrorMessage()[0] = '\0';
  }
  Entry(const Entry &) = delete;
  Entry &operator=(const Entry &) = delete;
  /// Frees the temporaries, newest first, stream-ordered after the launches.
  ~Entry() {
    for (size_t i = temporaries.size(); i-- > 0;)
      cudaFreeAsync(temporaries[i], stream);
  }
  bool failed() const { return status != cudaSuccess; }

  cudaStream_t stream;
  cudaError_t status = cudaSuccess;
  std::vector<void *> temporaries;
};

/// `pointer` + `bytes` (a view's first element).
template <typename P> inline P *advance(P *pointer, int64_t bytes) {
  return (P *)((const char *)pointer + bytes);
}

/// A failed run-time check: the printf-style message, cudaErrorInvalidValue.
template <typename... Sizes>
void fail(Entry &entry, const char *format, Sizes... sizes) {
  if (entry.failed())
    return;
  entry.status = cudaErrorInvalidValue;
  snprintf(lastErrorMessage(), 1024, format, static_cast<long long>(sizes)...);
}

/// A failed CUDA call: "<what>: <CUDA error string>".
inline void failCuda(Entry &entry, cudaError_t status, const char *what) {
  if (entry.failed())
    return;
  entry.status = status;
  snprintf(lastErrorMessage(), 1024, "%s: %s", what, cudaGetErrorString(status));
}

/// A stream-ordered temporary the entry frees (null when empty or failed).
inline void *allocate(Entry &entry, int64_t bytes, const char *what) {
  void *pointer = nullptr;
  if (entry.failed() || bytes == 0)
    return pointer;
  if (cudaError_t status = cudaMallocAsync(&pointer, bytes, entry.stream))
    failCuda(entry, status, what);
  else
    entry.temporaries.push_back(pointer);
  return pointer;
}

/// A constant of the program on the current device: `count` elements of
/// `elementBytes` at `data` (one element repeated when `splat`), uploaded
/// at its first use on each device and kept for the process. Constants
/// never change, so every entry point and thread shares the copy; the
/// first upload synchronizes the entry's stream (not allowed while a CUDA
/// graph is captured: call the entry once before capturing).
inline const void *residentConstant(Entry &entry, const void *data,
                                    int64_t elementBytes, int64_t count,
                                    bool splat, const char *what) {
  if (entry.failed() || count == 0)
    return nullptr;
  int device = 0;
  if (cudaError_t status = cudaGetDevice(&device)) {
    failCuda(entry, status, what);
    return nullptr;
  }
  static std::mutex mutex;
  static std::map<std::pair<int, const void *>, void *> resident;
  std::lock_guard<std::mutex> lock(mutex);
  auto found = resident.find({device, data});
  if (found != resident.end())
    return found->second;
  int64_t bytes = elementBytes * count;
  std::vector<unsigned char> expanded;
  const void *source = data;
  if (splat) {
    expanded.resize(bytes);
    for (int64_t i = 0; i < count; ++i)
      memcpy(expanded.data() + i * elementBytes, data, elementBytes);
    source = expanded.data();
  }
  void *pointer = nullptr;
  cudaError_t status = cudaMalloc(&pointer, bytes);
  if (status == cudaSuccess)
    status = cudaMemcpyAsync(pointer, source, bytes, cudaMemcpyHostToDevice,
                             entry.stream);
  if (status == cudaSuccess)
    status = cudaStreamSynchronize(entry.stream);
  if (status != cudaSuccess) {
    if (pointer)
      cudaFree(pointer);
    failCuda(entry, status, what);
    return nullptr;
  }
  resident.emplace(std::make_pair(device, data), pointer);
  return pointer;
}

/// A stream-ordered device-to-device copy.
inline void copy(Entry &entry, void *destination, const void *source,
                 int64_t bytes, const char *what) {
  if (entry.failed() || bytes == 0)
    return;
  if (cudaError_t status = cudaMemcpyAsync(destination, source, bytes,
                                           cudaMemcpyDeviceToDevice,
                                           entry.stream))
    failCuda(entry, status, what);
}

/// Calls a kernel family's launcher, `cudaError_t(params, stream)`.
template <typename Launcher, typename Params>
void launch(Entry &entry, const char *what, Launcher launcher,
            const Params &params) {
  if (entry.failed())
    return;
  if (cudaError_t status = launcher(params, entry.stream))
    failCuda(entry, status, what);
}

inline cudaError_t finish(const Entry &entry) { return entry.status; }
} // namespace accel_host

/// What the last failed call of an accel entry point on this thread
/// failed on: "<file>:<line>:<col>: '<op>' op expects ..." ("" when the
/// last call succeeded).
extern "C" const char *accel_last_error_message(void) {
  return accel_host::lastErrorMessage();
}
)cuda";

/// "grid [?, 8, 2] x 128 threads, 40960 B shared, ~12.3 us (A100 SXM4
/// roofline)".
static std::string describeLaunch(Operation *op,
                                  KernelConfigAttrInterface config,
                                  CudaTargetAttr target) {
  KernelLaunchShape launch = config.getLaunchShape(op);
  std::string text = "grid [";
  for (auto [i, size] : llvm::enumerate(launch.grid))
    text +=
        (i ? ", " : "") +
        (ShapedType::isDynamic(size) ? std::string("?") : std::to_string(size));
  text += "] x " + std::to_string(launch.threadsPerBlock) + " threads, " +
          std::to_string(launch.sharedMemoryBytes) + " B shared";
  if (std::optional<double> us = config.estimateMicroseconds(op, target))
    text += llvm::formatv(", ~{0:g} us ({1} roofline)", *us,
                          target.getReferencePart().name)
                .str();
  return text;
}

FailureOr<CudaTargetAttr> accel::codegen::setModuleTarget(ModuleOp module,
                                                          StringRef chip,
                                                          StringRef spelling) {
  // A module without accel ops has not loaded the dialect its target
  // attribute belongs to.
  module.getContext()->getOrLoadDialect<AccelDialect>();
  if (!CudaTargetAttr::parseChip(chip))
    return module.emitError()
           << "unsupported " << spelling << "=" << chip
           << ": accel's CUDA kernels need sm_80 to sm_129 (e.g. sm_80, "
              "sm_90a)";
  auto existing =
      module->getAttrOfType<CudaTargetAttr>(AccelDialect::kTargetAttrName);
  if (existing && existing.getChip() != chip)
    return module.emitOpError() << "is compiled for " << existing.getChip()
                                << " (its accel.target), but " << spelling
                                << "=" << chip << " asks for another target";
  auto target = CudaTargetAttr::get(module.getContext(), chip);
  module->setAttr(AccelDialect::kTargetAttrName, target);
  return target;
}

LogicalResult
accel::codegen::prepareForCuda(ModuleOp module,
                               const CudaCompileOptions &options) {
  module.getContext()->getOrLoadDialect<AccelDialect>();
  auto existing =
      module->getAttrOfType<CudaTargetAttr>(AccelDialect::kTargetAttrName);
  std::string chip = options.chip.value_or(existing ? existing.getChip().str()
                                                    : std::string("sm_80"));
  if (failed(setModuleTarget(module, chip, "--accel-sm")))
    return failure();
  PassManager pm(module.getContext(), module.getOperationName());
  // The linalg ops left outside dispatches (what fusion did not take):
  // each elementwise chain one op, then each op a dispatch of the generic
  // family.
  pm.addPass(createFuseLinalgPass());
  FormDispatchesPassOptions formOptions;
  formOptions.includeLinalg = true;
  pm.addPass(createFormDispatchesPass(formOptions));
  SelectKernelsPassOptions selectOptions;
  selectOptions.tuningTable = options.tuningTable;
  pm.addPass(createSelectKernelsPass(selectOptions));
  return pm.run(module);
}

LogicalResult accel::codegen::emitCuda(ModuleOp module, bool deviceOnly,
                                       raw_ostream &os,
                                       std::vector<std::string> *kernelNames) {
  auto target =
      module->getAttrOfType<CudaTargetAttr>(AccelDialect::kTargetAttrName);
  if (!target)
    return module.emitError()
           << "has no accel.target; prepareForCuda (accel-translate) or "
              "accel-select-kernels sets it";
  const KernelRegistry &registry = getDefaultKernelRegistry();
  // The host program is built for the device-only output too: what the
  // host cannot express is an error either way.
  SmallVector<KernelInstance> kernels;
  FailureOr<OwningOpRef<ModuleOp>> host =
      buildHostProgram(module, target, registry, kernels);
  if (failed(host))
    return failure();

  os << "// Generated by accel-translate (accel " ACCEL_VERSION_STRING
        ", LLVM " ACCEL_LLVM_VERSION_STRING ") for "
     << target.getChip() << ".\n";
  os << "// Kernel instances (family signature config, template instance, "
        "launch):\n";
  llvm::SetVector<const KernelFamily *> families;
  llvm::StringMap<int> indexInFunction;
  for (const KernelInstance &kernel : kernels) {
    families.insert(kernel.family);
    os << "//   @" << kernel.funcName << " kernel "
       << indexInFunction[kernel.funcName]++ << ": ";
    if (!kernel.config) {
      // The host program's own copy (a view made dense).
      os << kernel.family->getName() << " (glue for '"
         << kernel.root->getName() << "')\n//     " << kernel.name << "\n";
      continue;
    }
    std::string printedConfig;
    llvm::raw_string_ostream(printedConfig) << kernel.config;
    os << kernel.family->getName() << " "
       << kernel.family->getSignature(kernel.root) << " " << printedConfig
       << "\n//     " << kernel.name << "\n//     "
       << describeLaunch(kernel.root, kernel.config, target) << "\n";
  }
  for (const KernelFamily *family : families)
    os << "\n// ---- kernel family: " << family->getName() << " ----\n"
       << family->getTemplateSource() << "\n";
  // Generated per instance (epilogues), once per distinct text.
  std::set<std::string> instanceSources;
  for (const KernelInstance &kernel : kernels) {
    std::string source = kernel.family->getInstanceSource(kernel.root);
    if (!source.empty() && instanceSources.insert(source).second) {
      if (instanceSources.size() == 1)
        os << "\n// ---- generated epilogues ----\n";
      os << source;
    }
  }
  if (deviceOnly) {
    os << "\n// Explicit instances for NVRTC.\n";
    std::set<std::string> emitted;
    for (const KernelInstance &kernel : kernels) {
      if (emitted.insert(kernel.name).second)
        os << "template __global__ void " << kernel.name
           << kernel.family->getKernelParameterList() << ";\n";
      if (!kernel.config)
        continue;
      for (const std::string &instance :
           kernel.config.getAuxiliaryInstances(kernel.root))
        if (emitted.insert(instance).second)
          os << instance << ";\n";
    }
  } else {
    os << kHostSupport << "\n// ---- entry points ----\n";
    if (failed(emitc::translateToCpp(host->get(), os)))
      return failure();
  }
  if (kernelNames)
    for (const KernelInstance &kernel : kernels)
      kernelNames->push_back(kernel.name);
  return success();
}

LogicalResult accel::codegen::translateToCuda(ModuleOp module,
                                              const CudaCompileOptions &options,
                                              raw_ostream &os) {
  if (failed(prepareForCuda(module, options)))
    return failure();
  return emitCuda(module, /*deviceOnly=*/false, os);
}

LogicalResult accel::codegen::translateToCudaHost(
    ModuleOp module, const CudaCompileOptions &options, raw_ostream &os) {
  if (failed(prepareForCuda(module, options)))
    return failure();
  auto target =
      module->getAttrOfType<CudaTargetAttr>(AccelDialect::kTargetAttrName);
  SmallVector<KernelInstance> kernels;
  FailureOr<OwningOpRef<ModuleOp>> host =
      buildHostProgram(module, target, getDefaultKernelRegistry(), kernels);
  if (failed(host))
    return failure();
  host->get().print(os);
  os << "\n";
  return success();
}
