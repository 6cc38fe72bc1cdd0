//===- CudaRunner.cpp - accel-run --device=cuda ---------------------------===//
//
// Part of the accel project.
//
//===----------------------------------------------------------------------===//
//
// Compiled with exceptions: the runtime (runtime/) reports CUDA failures by
// throwing accel::runtime::Error, and this file turns them into llvm::Error
// before they could reach code built without exceptions.
//
//===----------------------------------------------------------------------===//

#include "accel/Tools/Run/CudaRunner.h"

#include "accel/Codegen/CudaEmitter.h"
#include "accel/Codegen/KernelCache.h"
#include "accel/Version.h"
#include "accel_runtime/Runtime.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassRegistry.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cstdlib>
#include <dlfcn.h>

using namespace mlir;
using namespace accel::run;

char NoDeviceError::ID = 0;

namespace {

llvm::Error fail(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "--device=cuda: " + message);
}

/// The C++ that calls `accel_<entry>` from an array of buffer pointers and
/// an array of dynamic dims: the one signature accel-run can call for any
/// entry.
std::string buildTrampoline(func::FuncOp func, unsigned numDynamicDims) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << "\n// accel-run --device=cuda: one signature for every entry.\n"
     << "extern \"C\" int accel_run_trampoline(void **buffers, "
        "const int64_t *dims, void *stream) {\n"
     << "  return static_cast<int>(accel_" << func.getSymName() << "(";
  unsigned buffer = 0;
  llvm::ListSeparator comma;
  for (unsigned i = 0; i < func.getNumArguments(); ++i)
    os << comma << "buffers[" << buffer++ << "]";
  for (unsigned i = 0; i < func.getNumResults(); ++i)
    os << comma << "buffers[" << buffer++ << "]";
  for (unsigned d = 0; d < numDynamicDims; ++d)
    os << comma << "dims[" << d << "]";
  os << comma << "static_cast<cudaStream_t>(stream)));\n}\n";
  return text;
}

std::string findNvcc(const CudaRunOptions &options) {
  if (!options.nvcc.empty())
    return options.nvcc;
  if (const char *fromEnvironment = std::getenv("ACCEL_NVCC"))
    return fromEnvironment;
  return "/usr/local/cuda/bin/nvcc";
}

/// nvcc -shared on `source`, through the kernel cache: the shared library's
/// path, in `directory`.
llvm::Expected<std::string> compileSharedLibrary(const std::string &source,
                                                 llvm::StringRef chip,
                                                 const std::string &nvcc,
                                                 llvm::StringRef directory) {
  std::string arch = ("-arch=" + chip).str();
  llvm::SmallVector<llvm::StringRef> flags = {"-shared", "-Xcompiler",
                                              "-fPIC", "-std=c++17", "-O3",
                                              arch};
  std::string joined;
  for (llvm::StringRef flag : flags)
    joined += flag.str() + "\n";
  accel::codegen::KernelCache cache =
      accel::codegen::KernelCache::fromEnvironment();
  std::string key = accel::codegen::KernelCache::computeKey(
      {"accel-run --device=cuda shared library", source, nvcc, joined,
       ACCEL_VERSION_STRING});
  llvm::SmallString<256> library(directory);
  llvm::sys::path::append(library, "entry.so");
  if (std::optional<std::string> cached = cache.lookup(key)) {
    std::error_code ec;
    llvm::raw_fd_ostream os(library, ec);
    if (ec)
      return fail("cannot write " + library + ": " + ec.message());
    os << *cached;
    return std::string(library);
  }
  llvm::SmallString<256> cu(directory);
  llvm::sys::path::append(cu, "entry.cu");
  {
    std::error_code ec;
    llvm::raw_fd_ostream os(cu, ec);
    if (ec)
      return fail("cannot write " + cu + ": " + ec.message());
    os << source;
  }
  if (!llvm::sys::fs::can_execute(nvcc))
    return fail("no nvcc at '" + nvcc + "' (set ACCEL_NVCC)");
  llvm::SmallVector<llvm::StringRef> args = {nvcc};
  args.append(flags.begin(), flags.end());
  args.append({"-o", library, cu});
  llvm::SmallString<256> log(directory);
  llvm::sys::path::append(log, "nvcc.log");
  std::optional<llvm::StringRef> redirects[] = {std::nullopt, log.str(),
                                                log.str()};
  std::string message;
  int status = llvm::sys::ExecuteAndWait(nvcc, args, std::nullopt, redirects,
                                         /*SecondsToWait=*/0,
                                         /*MemoryLimit=*/0, &message);
  if (status != 0) {
    std::string output;
    if (auto buffer = llvm::MemoryBuffer::getFile(log))
      output = (*buffer)->getBuffer().str();
    return fail("nvcc failed (" + llvm::Twine(status) + "): " + message +
                "\n" + output);
  }
  if (auto buffer = llvm::MemoryBuffer::getFile(library, /*IsText=*/false))
    cache.store(key, (*buffer)->getBuffer());
  return std::string(library);
}

} // namespace

llvm::Expected<RunOutputs>
accel::run::runFunctionOnCuda(ModuleOp module, llvm::StringRef entry,
                              llvm::ArrayRef<HostArray> inputs,
                              const CudaRunOptions &options) {
  OwningOpRef<ModuleOp> clone = module.clone();
  if (!options.pipeline.empty()) {
    PassManager pm(clone->getContext());
    std::string error;
    llvm::raw_string_ostream errorStream(error);
    if (failed(parsePassPipeline(options.pipeline, pm, errorStream)))
      return fail("bad --pipeline '" + options.pipeline + "': " + error);
    if (failed(pm.run(*clone)))
      return fail("the pipeline failed (see the diagnostics above)");
  }
  auto func = clone->lookupSymbol<func::FuncOp>(entry);
  if (!func || func.isExternal())
    return fail("no function @" + entry + " with a body");
  // Only the entry is translated: the other functions of the module need
  // not have CUDA kernels (the emitter takes no calls either).
  for (auto other : llvm::make_early_inc_range(clone->getOps<func::FuncOp>()))
    if (other != func)
      other.erase();
  if (inputs.size() != func.getNumArguments())
    return fail("@" + entry + " takes " + llvm::Twine(func.getNumArguments()) +
                " arguments, got " + llvm::Twine(inputs.size()) + " inputs");
  // Dynamic argument dims, in order, from the inputs.
  SmallVector<int64_t> dims;
  for (auto [i, type] : llvm::enumerate(func.getArgumentTypes())) {
    auto tensor = dyn_cast<RankedTensorType>(type);
    const HostArray &input = inputs[i];
    bool fits = tensor && tensor.getRank() == int64_t(input.shape.size()) &&
                getElementKind(tensor.getElementType()) == input.kind;
    for (int64_t d = 0; fits && d < tensor.getRank(); ++d) {
      if (tensor.isDynamicDim(d))
        dims.push_back(input.shape[d]);
      else
        fits = tensor.getDimSize(d) == input.shape[d];
    }
    if (!fits)
      return fail("input #" + llvm::Twine(i) + " is " + input.describe() +
                  ", but the argument is " +
                  llvm::Twine(llvm::formatv("{0}", type)));
  }
  // Result buffers: static result types, or the shapes given.
  SmallVector<HostArray> results;
  for (auto [i, type] : llvm::enumerate(func.getResultTypes())) {
    auto tensor = dyn_cast<RankedTensorType>(type);
    std::optional<ElementKind> kind =
        tensor ? getElementKind(tensor.getElementType()) : std::nullopt;
    if (!kind)
      return fail("result #" + llvm::Twine(i) + " has an unsupported type");
    SmallVector<int64_t> shape(tensor.getShape());
    if (!tensor.hasStaticShape()) {
      if (i >= options.resultShapes.size())
        return fail("result #" + llvm::Twine(i) +
                    " has a dynamic shape; run with --compare-device=cpu so "
                    "that the CPU run sizes it");
      shape = options.resultShapes[i];
    }
    results.emplace_back(*kind, shape);
  }

  // The device's SM, when there is a device; translation and compilation
  // come first so that they are checked on any machine.
  std::unique_ptr<accel::runtime::Context> context;
  std::string noDevice;
  try {
    context = std::make_unique<accel::runtime::Context>(0);
  } catch (const accel::runtime::Error &error) {
    noDevice = error.what();
  }
  std::string chip = options.chip;
  if (chip.empty())
    chip = context ? context->getComputeCapability() : "sm_80";
  if (chip == "sm_90")
    chip = "sm_90a"; // the wgmma kernels need the architecture-specific SM

  accel::codegen::CudaCompileOptions compileOptions;
  compileOptions.chip = chip;
  std::string source;
  llvm::raw_string_ostream sourceStream(source);
  if (failed(accel::codegen::translateToCuda(*clone, compileOptions,
                                             sourceStream)))
    return fail("translation to CUDA failed (see the diagnostics above)");
  func = clone->lookupSymbol<func::FuncOp>(entry);
  source += buildTrampoline(func, dims.size());

  llvm::SmallString<128> directory;
  if (std::error_code ec =
          llvm::sys::fs::createUniqueDirectory("accel-run-cuda", directory))
    return fail("cannot create a temporary directory: " + ec.message());
  llvm::Expected<std::string> library =
      compileSharedLibrary(source, chip, findNvcc(options), directory);
  if (!library)
    return library.takeError();

  if (!context)
    return llvm::make_error<NoDeviceError>(noDevice);
  void *handle = dlopen(library->c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!handle)
    return fail(llvm::Twine("cannot load the compiled entry: ") + dlerror());
  using Trampoline = int (*)(void **, const int64_t *, void *);
  using LastError = const char *(*)();
  auto call =
      reinterpret_cast<Trampoline>(dlsym(handle, "accel_run_trampoline"));
  auto lastError =
      reinterpret_cast<LastError>(dlsym(handle, "accel_last_error_message"));
  if (!call)
    return fail("the compiled entry has no accel_run_trampoline");

  RunOutputs outputs;
  std::vector<void *> buffers;
  try {
    for (const HostArray &input : inputs) {
      void *device = context->allocate(std::max<size_t>(1, input.bytes.size()));
      context->copyToDevice(device, input.bytes.data(), input.bytes.size());
      buffers.push_back(device);
    }
    for (const HostArray &result : results)
      buffers.push_back(
          context->allocate(std::max<size_t>(1, result.bytes.size())));
    auto start = std::chrono::steady_clock::now();
    int status = call(buffers.data(), dims.data(), nullptr);
    context->synchronize();
    outputs.seconds = std::chrono::duration<double>(
                          std::chrono::steady_clock::now() - start)
                          .count();
    if (status != 0) {
      std::string message = lastError ? lastError() : "";
      for (void *buffer : buffers)
        context->free(buffer);
      return fail("@" + entry + " failed (CUDA error " + llvm::Twine(status) +
                  "): " + message);
    }
    for (auto [i, result] : llvm::enumerate(results))
      context->copyToHost(result.bytes.data(), buffers[inputs.size() + i],
                          result.bytes.size());
    for (void *buffer : buffers)
      context->free(buffer);
  } catch (const accel::runtime::Error &error) {
    return fail(error.what());
  }
  outputs.results = std::move(results);
  return outputs;
}
